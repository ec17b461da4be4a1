import { Arg, Ctx, Field, InputType, Mutation, Resolver } from 'type-graphql';
import type { EntityManager } from '@mikro-orm/postgresql';
import { sql } from '../database/sql.js';
import type { RequestContext } from '../graphql/context.js';
import { territoryId } from '../editing/child-rows.js';
import { DATE_DOC, SOURCES_DOC } from '../editing/inputs.js';
import { checkSlugFree, editRecord } from '../editing/records.js';
import { compact, References } from '../editing/references.js';
import { cite, refuse } from '../editing/transaction.js';
import type { AuditContext } from '../audit/audit-subscriber.js';
import { intoReference, TerritoryReference, toSeedForm } from '../editing/typed-references.js';
import { payloadType, type UserError } from '../editing/user-error.js';
import { checkRecord, type FieldMapper } from '../editing/validation.js';
import { parseRef } from '../seeding/seed-refs.js';
import { ecosystemById } from './ecosystem.loaders.js';
import { Ecosystem } from './ecosystem.types.js';
import { Ecosystem as EcosystemEntity, EcosystemName, EcosystemTerritory } from './ecosystem.entity.js';
import { chefLieuOf, drawChefLieux, ecosystemRecord, nameRecord, type ChefLieu } from './ecosystem.record.js';
import { forgetFrenchGeography, frenchGeographyInMemory } from '../seeding/geography.js';
import { forgetPlaces, placesInMemory } from '../seeding/places.js';

@InputType({ description: 'A new ecosystem (a community, a capital…), without label or parent yet: grant its label with `labelGrant` and attach it with `ecosystemAttach`. Rules: the seed files\' `ecosystems`.' })
export class EcosystemCreateInput {
  @Field({ description: 'Stable, human-readable key: lowercase words joined by hyphens.' }) slug!: string;
  @Field({ description: 'Its name (later names come with `ecosystemRename`).' }) name!: string;
  @Field(() => String, { nullable: true, description: `First day of this name, when a source gives it. ${DATE_DOC}` }) nameFrom?: string;
  @Field(() => String, { nullable: true, description: 'ISO 3166-1 alpha-2 code of its country (FR when not given).' }) country?: string;
  @Field(() => String, { nullable: true, description: 'Territory slug of the commune (or city abroad) of its seat, e.g. "commune-59350".' }) seat?: string;
  @Field(() => [TerritoryReference], { nullable: true, description: 'The territories it covers, most telling first (without a seat, it is drawn at the chef-lieu of the first).' }) territories?: TerritoryReference[];
  @Field(() => String, { nullable: true, description: 'What it is, in French.' }) description?: string;
  @Field(() => String, { nullable: true, description: 'What it is, in English (a translation of `description`).' }) descriptionEn?: string;
  @Field(() => String, { nullable: true, description: 'Its website (http or https URL).' }) website?: string;
  @Field(() => [String], { description: SOURCES_DOC }) sources!: string[];
}

/** The input as an `ecosystems[]` seed record: one name, no label yet. */
export function ecosystemSeed(input: EcosystemCreateInput): Record<string, unknown> {
  return compact({
    slug: input.slug, names: [compact({ name: input.name, from: input.nameFrom })], labels: [], country: input.country, seat: input.seat,
    territories: input.territories && toSeedForm(input.territories), description: input.description, descriptionEn: input.descriptionEn,
    website: input.website, sources: input.sources,
  });
}

/** Seed paths of the ecosystem record to the input's paths. */
const createFields = (input: EcosystemCreateInput): FieldMapper => (path) => {
  if (path[0] === 'names') return path[2] === 'from' ? ['nameFrom'] : ['name'];
  return intoReference(input, path);
};

/**
 * Checks the seed rules and the slug, then writes the ecosystem, its name, its territories and their
 * citations in one flush, audited as one creation; returns its uuid.
 */
export async function createEcosystem(em: EntityManager, audit: AuditContext, input: EcosystemCreateInput): Promise<string> {
  const data = ecosystemSeed(input);
  const errors: UserError[] = await checkRecord(em, 'ecosystems', data, createFields(input));
  if (errors.length > 0) refuse(...errors);
  await checkSlugFree(em, { entity: EcosystemEntity, refKind: 'ecosystem' }, input.slug);
  const refs = new References(em);
  const row = await ecosystemRecord.toData(data, refs);
  const seatId = row.seatId as string | null;
  const territories = (data.territories as string[] | undefined) ?? [];
  const territoryIds: string[] = [];
  for (const value of territories) {
    const ref = parseRef(value)!;
    territoryIds.push(await territoryId(refs, ref.kind, ref.key));
  }
  const ecosystem = em.create(EcosystemEntity, {
    ...row,
    ...(await placeInFrance(em, seatId, territoryIds)),
    pointTerritoryId: await placeAtChefLieu(em, data),
  }, { partial: true });
  const [seedName] = data.names as Record<string, unknown>[];
  const name = em.create(EcosystemName, { ecosystemId: ecosystem.id, position: 0, ...nameRecord.toData(seedName!) }, { partial: true });
  for (const [position, id] of territoryIds.entries()) em.create(EcosystemTerritory, { ecosystemId: ecosystem.id, territoryId: id, position });
  await cite(em, 'Ecosystem', ecosystem.id, input.sources);
  await cite(em, 'EcosystemName', name.id, nameRecord.sources(seedName!, data));
  audit.whole = { recordType: 'Ecosystem', recordId: ecosystem.id, before: null, after: () => creationSnapshot(em, ecosystem.id) };
  await em.flush();
  return ecosystem.id;
}

/**
 * Its region and department: those of its seat, else of the first territory (in order) that has one.
 * The SQL function `ecosystem_place` (Migration20261201030000) is the rule, the one the seed loader's
 * refresh_ecosystem_places() applies to every ecosystem.
 */
async function placeInFrance(em: EntityManager, seatId: string | null, territoryIds: string[]): Promise<{ regionCode: string | null; departmentCode: string | null }> {
  const [place] = await sql<{ region_code: string | null; department_code: string | null }>(em,
    `select region_code, department_code from ecosystem_place($1::uuid, $2::uuid[])`, [seatId, territoryIds]);
  return { regionCode: place?.region_code ?? null, departmentCode: place?.department_code ?? null };
}

/**
 * Where the new ecosystem is drawn (chefLieuOf, the seed loader's rule), its chef-lieu's point written
 * first; null with a seat. The rule reads the geography and the places datasets (~90 MB of heap); a
 * serving process holds neither (src/server/app.ts lets them go after the first load), and one
 * creation does not make it keep them.
 */
async function placeAtChefLieu(em: EntityManager, data: Record<string, any>): Promise<string | null> {
  const held = { geography: frenchGeographyInMemory(), places: placesInMemory() };
  let chefLieu: ChefLieu | null;
  try {
    chefLieu = await chefLieuOf(data, async (area) => (await sql<{ code: string }>(em,
      `select d.code from area_department ad join territory a on a.id = ad.area_id join territory d on d.id = ad.department_id
       where a.kind = 'AREA' and a.code = $1`, [area])).map((d) => d.code));
  } finally {
    if (!held.geography) forgetFrenchGeography();
    if (!held.places) forgetPlaces();
  }
  if (!chefLieu) return null;
  await drawChefLieux(em, [chefLieu]);
  const [commune] = await sql<{ id: string }>(em, `select id from territory where kind = 'COMMUNE' and code = $1`, [chefLieu.code]);
  return commune?.id ?? null;
}

/** The ecosystem as the audit trail keeps its creation: its row, its sources, its name and territories. */
async function creationSnapshot(em: EntityManager, id: string): Promise<Record<string, unknown>> {
  const [lists] = await sql<{ names: unknown; territories: unknown }>(em,
    `select (select jsonb_agg(jsonb_build_object('name', n.name, 'validFrom', n.valid_from) order by n.position) from ecosystem_name n where n.ecosystem_id = $1) as names,
            (select coalesce(jsonb_agg(lower(t.kind) || ':' || t.code order by et.position), '[]'::jsonb) from ecosystem_territory et join territory t on t.id = et.territory_id where et.ecosystem_id = $1) as territories`, [id]);
  const [row] = await sql<{ row: Record<string, unknown> }>(em,
    `select to_jsonb(e) || jsonb_build_object('sources', (select coalesce(jsonb_agg(s.slug order by c.position, s.slug), '[]'::jsonb)
       from citation c join source s on s.id = c.source_id where c.subject_id = e.id)) as row from ecosystem e where e.id = $1`, [id]);
  return { ...row!.row, ...lists };
}

const EcosystemPayload = payloadType('EcosystemPayload', Ecosystem, 'ecosystem', 'What a hierarchy mutation did: the ecosystem as it is now, or why nothing changed.');

@Resolver()
export class EcosystemCreateMutations {
  @Mutation(() => EcosystemPayload, { description: 'Records a new ecosystem (editors), without label or parent: then `labelGrant` and `ecosystemAttach` (admins) place it in the network.' })
  async ecosystemCreate(@Arg('input', () => EcosystemCreateInput, { description: 'The ecosystem.' }) input: EcosystemCreateInput, @Ctx() ctx: RequestContext) {
    const outcome = await editRecord(ctx, 'ecosystemCreate', (em, audit) => createEcosystem(em, audit, input));
    return { ecosystem: outcome.id ? await ctx.loader(ecosystemById).load(outcome.id) : null, userErrors: outcome.userErrors };
  }
}
