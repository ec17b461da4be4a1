import { Arg, Ctx, Field, InputType, Mutation, Resolver } from 'type-graphql';
import type { EntityManager } from '@mikro-orm/postgresql';
import { recordChange } from '../audit/record-change.js';
import { sql } from '../database/sql.js';
import type { RequestContext } from '../graphql/context.js';
import { territoryId } from '../editing/child-lists.js';
import { DATE_DOC, SOURCES_DOC } from '../editing/inputs.js';
import { checkSlugFree } from '../editing/records.js';
import { compact, day, References } from '../editing/references.js';
import { cite, mutate, refuse, snapshot } from '../editing/transaction.js';
import { reindexRecords } from '../search/search-index.js';
import { intoReference, TerritoryReference, toSeedForm } from '../editing/typed-references.js';
import { payloadType, type UserError } from '../editing/user-error.js';
import { checkRecord, type FieldMapper } from '../editing/validation.js';
import { frenchGeography } from '../seeding/geography.js';
import { PLACES_DATASET } from '../seeding/places.js';
import { localityPoint, parseRef } from '../seeding/validate-seeds.js';
import { ecosystemById } from './ecosystem.loaders.js';
import { Ecosystem } from './ecosystem.types.js';

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

/** Checks the seed rules and the slug, then writes the ecosystem, its name, its territories and their citations; returns its uuid. */
export async function createEcosystem(em: EntityManager, input: EcosystemCreateInput): Promise<string> {
  const data = ecosystemSeed(input);
  const errors: UserError[] = await checkRecord(em, 'ecosystems', data, createFields(input));
  if (errors.length > 0) refuse(...errors);
  await checkSlugFree(em, { table: 'ecosystem', refKind: 'ecosystem' }, input.slug);
  const refs = new References(em);
  const [row] = await sql<{ id: string }>(em,
    `insert into ecosystem (slug, country_code, seat_id, description, description_en, website) values ($1, $2, $3, $4, $5, $6) returning id`,
    [input.slug, input.country ?? 'FR', await refs.optionalId('locality', input.seat), input.description ?? null, input.descriptionEn ?? null, input.website ?? null]);
  const id = row!.id;
  const [name] = await sql<{ id: string }>(em,
    `insert into ecosystem_name (ecosystem_id, position, name, valid_from) values ($1, 0, $2, $3) returning id`, [id, input.name, day(input.nameFrom)]);
  const territories = (data.territories as string[] | undefined) ?? [];
  const territoryIds: string[] = [];
  for (const [position, value] of territories.entries()) {
    const ref = parseRef(value)!;
    territoryIds.push(await territoryId(refs, ref.kind, ref.key));
    await sql(em, `insert into ecosystem_territory (ecosystem_id, territory_id, position) values ($1, $2, $3)`, [id, territoryIds[position], position]);
  }
  await cite(em, 'Ecosystem', id, input.sources);
  await cite(em, 'EcosystemName', name!.id, input.sources);
  await placeInFrance(em, id, await refs.optionalId('locality', input.seat), territoryIds);
  if (!input.seat) await placeAtChefLieu(em, id, territories);
  return id;
}

/**
 * Its region and department: those of its seat, else of the first territory (in order) that has
 * one. The rule of refresh_ecosystem_places() (Migration20261130100000), for one ecosystem: that
 * function recomputes every ecosystem, and restricted to one row its plan scans the whole
 * territory_scope view per row (seconds); looking up the few territories by id takes milliseconds.
 */
async function placeInFrance(em: EntityManager, id: string, seatId: string | null, territoryIds: string[]): Promise<void> {
  const ordered = [seatId, ...territoryIds].filter((t): t is string => t !== null);
  const scopes = await sql<{ territory_id: string; region_code: string | null; department_code: string | null }>(em,
    `select territory_id, region_code, department_code from territory_scope where territory_id = any($1::uuid[])`, [ordered]);
  const first = (code: 'region_code' | 'department_code') => {
    for (const t of ordered) {
      const found = scopes.find((s) => s.territory_id === t && s[code] !== null);
      if (found) return found[code];
    }
    return null;
  };
  await sql(em, `update ecosystem set region_code = $2, department_code = $3 where id = $1`, [id, first('region_code'), first('department_code')]);
}

/**
 * An ecosystem without a seat is drawn at the chef-lieu of the first territory it covers, with the
 * chef-lieu's point from the places dataset: the seed loader's rule (src/seeding/write-seeds.ts).
 * An area's chef-lieu is that of its department with the lowest code (the database keeps no order).
 */
async function placeAtChefLieu(em: EntityManager, id: string, territories: string[]): Promise<void> {
  const geo = frenchGeography();
  const first = territories.map((t) => parseRef(t)!).find((r) => ['commune', 'department', 'region', 'area'].includes(r.kind));
  if (!first) return;
  let department = first.kind === 'department' ? first.key : null;
  if (first.kind === 'area') {
    [{ code: department } = { code: null }] = await sql<{ code: string }>(em,
      `select d.code from area_department ad join territory a on a.id = ad.area_id join territory d on d.id = ad.department_id
       where a.kind = 'AREA' and a.code = $1 order by d.code limit 1`, [first.key]);
  }
  const chefLieu = first.kind === 'commune' ? first.key
    : first.kind === 'region' ? geo.regions.find((r) => r.code === first.key)?.chefLieu
      : geo.departments.find((d) => d.code === department)?.chefLieu;
  const match = chefLieu ? localityPoint({ commune: chefLieu }) : null;
  if (!chefLieu || !match || !('point' in match)) return;
  await sql(em,
    `update territory t set latitude = $2, longitude = $3, coordinates_precision = 'COMMUNE', coordinates_source_id = s.id, version = t.version + 1, updated_at = now()
     from source s where s.slug = $4 and t.kind = 'COMMUNE' and t.code = $1
       and (t.latitude, t.longitude, t.coordinates_source_id) is distinct from ($2::float8, $3::float8, s.id)`,
    [chefLieu, match.point.latitude, match.point.longitude, PLACES_DATASET.source]);
  await sql(em, `update ecosystem set point_territory_id = (select id from territory where kind = 'COMMUNE' and code = $2) where id = $1`, [id, chefLieu]);
}

/** The ecosystem as the audit trail keeps its creation: its row, its sources, its name and territories. */
async function creationSnapshot(em: EntityManager, id: string): Promise<Record<string, unknown>> {
  const [lists] = await sql<{ names: unknown; territories: unknown }>(em,
    `select (select jsonb_agg(jsonb_build_object('name', n.name, 'validFrom', n.valid_from) order by n.position) from ecosystem_name n where n.ecosystem_id = $1) as names,
            (select coalesce(jsonb_agg(lower(t.kind) || ':' || t.code order by et.position), '[]'::jsonb) from ecosystem_territory et join territory t on t.id = et.territory_id where et.ecosystem_id = $1) as territories`, [id]);
  return { ...(await snapshot(em, 'ecosystem', id)), ...lists };
}

const EcosystemPayload = payloadType('EcosystemPayload', Ecosystem, 'ecosystem', 'What a hierarchy mutation did: the ecosystem as it is now, or why nothing changed.');

@Resolver()
export class EcosystemCreateMutations {
  @Mutation(() => EcosystemPayload, { description: 'Records a new ecosystem (editors), without label or parent: then `labelGrant` and `ecosystemAttach` (admins) place it in the network.' })
  async ecosystemCreate(@Arg('input', () => EcosystemCreateInput, { description: 'The ecosystem.' }) input: EcosystemCreateInput, @Ctx() ctx: RequestContext) {
    const outcome = await mutate(ctx, 'editor', async (em) => {
      const id = await createEcosystem(em, input);
      await recordChange(em, ctx, { action: 'ecosystemCreate', recordType: 'Ecosystem', recordId: id, before: null, after: await creationSnapshot(em, id) });
      await reindexRecords(em, 'Ecosystem', [id]);
      return id;
    });
    return { ecosystem: outcome.id ? await ctx.loader(ecosystemById).load(outcome.id) : null, userErrors: outcome.userErrors };
  }
}
