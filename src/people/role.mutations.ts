import { Arg, Args, Ctx, Field, ID, InputType, Int, Mutation, Resolver } from 'type-graphql';
import { recordChange } from '../audit/record-change.js';
import { sql } from '../database/sql.js';
import type { RequestContext } from '../graphql/context.js';
import { ArchiveArgs, DATE_DOC, SOURCES_DOC, VERSION_DOC } from '../editing/inputs.js';
import { archivePayloadType, payloadType, userError, UserErrorCode } from '../editing/user-error.js';
import { archiveRecord, recordId, type EditableKind } from '../editing/records.js';
import { compact, day, References } from '../editing/references.js';
import { lastDay } from '../shared/partial-date.js';
import { cite, citedSources, lockVersion, mutate, refuse, snapshot } from '../editing/transaction.js';
import { reindexRecords } from '../search/search-index.js';
import { checkRecord, type FieldMapper } from '../editing/validation.js';
import { intoReference, OrganisationReference, toSeedForm } from '../editing/typed-references.js';
import { Role } from './role.types.js';
import { roleById } from './person.loaders.js';

/** Roles are written in the seeds inside their person (`people[].roles[]`): the same rules apply here. */
export const ROLE_KIND: EditableKind = {
  typename: 'Role', table: 'role', collection: 'people', refKind: 'role', byId: roleById, cited: true, noUpdatedAt: true,
  async toSeed(r, refs) {
    return compact({ title: r.title, organisation: await refs.ref(r.organisation_type, r.organisation_id), from: r.valid_from ?? undefined, to: r.valid_to ?? undefined });
  },
  async toRow(d, refs) {
    const [organisationType, organisationId] = await refs.polymorphic(d.organisation);
    return { title: d.title, organisation_type: organisationType, organisation_id: organisationId, valid_from: day(d.from), valid_to: lastDay(d.to) };
  },
};

/** Seed paths of `people[].roles[0]` to the role input's paths (down to a typed reference's field). */
const roleFields = (input: object): FieldMapper => (path) => {
  if (path[0] === 'roles' && path[1] === '0') return intoReference(input, path.slice(2));
  if (path[0] === 'slug' || path[0] === 'name') return ['personName'];
  return path;
};

export function slugify(name: string): string {
  return name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

const ORGANISATION_DOC = 'Where the role is held: an association, an institution or an ecosystem.';

@InputType({ description: 'A public role of a person (president, delegate director…). Rules: the seed files\' `people[].roles`. Name the person by `person` (slug) or create them with `personName`.' })
export class RoleCreateInput {
  @Field(() => String, { nullable: true, description: 'Slug of an existing person.' }) person?: string;
  @Field(() => String, { nullable: true, description: 'Full name of a person to create (their slug is derived from it) when `person` is not given; an existing person with that slug is reused.' }) personName?: string;
  @Field({ description: 'The role, as the source words it.' }) title!: string;
  @Field(() => OrganisationReference, { description: ORGANISATION_DOC }) organisation!: OrganisationReference;
  @Field(() => String, { nullable: true, description: `First day in the role. ${DATE_DOC}` }) from?: string;
  @Field(() => String, { nullable: true, description: `Last day in the role. ${DATE_DOC}` }) to?: string;
  @Field(() => [String], { description: SOURCES_DOC }) sources!: string[];
}

@InputType({ description: 'Changes to a role: only the fields given change; null clears an optional field.' })
export class RoleUpdateInput {
  @Field(() => ID, { description: 'Global ID of the role.' }) id!: string;
  @Field(() => Int, { description: VERSION_DOC }) expectedVersion!: number;
  @Field(() => String, { nullable: true, description: 'The role.' }) title?: string;
  @Field(() => OrganisationReference, { nullable: true, description: ORGANISATION_DOC }) organisation?: OrganisationReference;
  @Field(() => String, { nullable: true, description: `First day in the role. ${DATE_DOC}` }) from?: string | null;
  @Field(() => String, { nullable: true, description: `Last day in the role. ${DATE_DOC}` }) to?: string | null;
  @Field(() => [String], { description: SOURCES_DOC }) sources!: string[];
}

const RolePayload = payloadType('RolePayload', Role, 'role', 'What a role mutation did.');
const RoleArchivePayload = archivePayloadType('RoleArchivePayload', 'Role');

async function reload(ctx: RequestContext, id: string | null) {
  if (!id) return null;
  const loader = ctx.loader(roleById);
  loader.clear(id);
  return loader.load(id);
}

@Resolver()
export class RoleMutations {
  @Mutation(() => RolePayload, { description: 'Records a public role (editors); creates the person by name when needed.' })
  async roleCreate(@Arg('input', () => RoleCreateInput, { description: 'The role.' }) input: RoleCreateInput, @Ctx() ctx: RequestContext) {
    const outcome = await mutate(ctx, 'editor', async (em) => {
      if (!input.person && !input.personName) refuse(userError(['person'], 'is required (or personName, to create the person)', UserErrorCode.VALIDATION));
      const slug = input.person ?? slugify(input.personName!);
      const [person] = await sql<{ id: string; name: string }>(em, `select id, name from person where slug = $1 and archived_at is null`, [slug]);
      if (input.person && !person) refuse(userError(['person'], `unknown person "${input.person}"`, UserErrorCode.REFERENCE));
      const role = compact({ title: input.title, organisation: toSeedForm(input.organisation), from: input.from, to: input.to, sources: input.sources });
      const data = { slug, name: person?.name ?? input.personName, roles: [role], sources: input.sources };
      const errors = await checkRecord(em, 'people', data, roleFields(input));
      if (errors.length > 0) refuse(...errors);
      let personId = person?.id;
      if (!personId) {
        [{ id: personId }] = (await sql<{ id: string }>(em, `insert into person (slug, name) values ($1, $2) returning id`, [slug, input.personName])) as [{ id: string }];
        await cite(em, 'Person', personId, input.sources);
        await recordChange(em, ctx, { action: 'roleCreate', recordType: 'Person', recordId: personId, before: null, after: await snapshot(em, 'person', personId) });
        await reindexRecords(em, 'Person', [personId]);
      }
      const row = await ROLE_KIND.toRow(role, new References(em), true);
      const cols = Object.keys(row);
      const [inserted] = await sql<{ id: string }>(em,
        `insert into role (person_id, position, ${cols.join(', ')})
         values ($1, (select coalesce(max(position) + 1, 0) from role where person_id = $1), ${cols.map((_, i) => `$${i + 2}`).join(', ')}) returning id`,
        [personId, ...cols.map((c) => row[c])]);
      await cite(em, 'Role', inserted!.id, input.sources);
      await dateRole(em, inserted!.id);
      await recordChange(em, ctx, { action: 'roleCreate', recordType: 'Role', recordId: inserted!.id, before: null, after: await snapshot(em, 'role', inserted!.id) });
      return inserted!.id;
    });
    return { role: await reload(ctx, outcome.id), userErrors: outcome.userErrors };
  }

  @Mutation(() => RolePayload, { description: 'Corrects a public role (editors); states the version it is based on.' })
  async roleUpdate(@Arg('input', () => RoleUpdateInput, { description: 'The changes.' }) input: RoleUpdateInput, @Ctx() ctx: RequestContext) {
    const outcome = await mutate(ctx, 'editor', async (em) => {
      const id = recordId(ROLE_KIND, input.id);
      if (input.sources.length === 0) refuse(userError(['sources'], 'must cite at least one source', UserErrorCode.VALIDATION));
      const current = await lockVersion(em, 'role', 'Role', id, input.expectedVersion);
      const refs = new References(em);
      const before = await snapshot(em, 'role', id);
      const role: Record<string, unknown> = await ROLE_KIND.toSeed(current, refs);
      for (const key of ['title', 'organisation', 'from', 'to'] as const) {
        if (input[key] === null) delete role[key];
        else if (input[key] !== undefined) role[key] = toSeedForm(input[key]);
      }
      role.sources = [...new Set([...input.sources, ...(await citedSources(em, id))])];
      const [person] = await sql<{ slug: string; name: string }>(em, `select slug, name from person where id = $1`, [current.person_id]);
      const errors = await checkRecord(em, 'people', { slug: person!.slug, name: person!.name, roles: [role], sources: role.sources }, roleFields(input));
      if (errors.length > 0) refuse(...errors);
      const row = await ROLE_KIND.toRow(role, refs, false);
      const cols = Object.keys(row);
      await sql(em, `update role set ${cols.map((c, i) => `${c} = $${i + 2}`).join(', ')}, version = version + 1 where id = $1`, [id, ...cols.map((c) => row[c])]);
      await cite(em, 'Role', id, input.sources);
      await dateRole(em, id);
      await recordChange(em, ctx, { action: 'roleUpdate', recordType: 'Role', recordId: id, before, after: await snapshot(em, 'role', id) });
      return id;
    });
    return { role: await reload(ctx, outcome.id), userErrors: outcome.userErrors };
  }

  @Mutation(() => RoleArchivePayload, { description: 'Archives a public role (editors).' })
  roleArchive(@Args() { input }: ArchiveArgs, @Ctx() ctx: RequestContext) {
    return archiveRecord(ctx, ROLE_KIND, 'roleArchive', input);
  }
}

/** A role is "as of" its latest dated source (the rule of the seed loader). */
async function dateRole(em: import('@mikro-orm/postgresql').EntityManager, id: string): Promise<void> {
  await sql(em,
    `update role r set (as_of, as_of_precision) = (
       select s.published_on, s.published_on_precision from citation c join source s on s.id = c.source_id
       where c.subject_type = 'Role' and c.subject_id = r.id and s.published_on is not null
       order by s.published_on desc limit 1)
     where r.id = $1`, [id]);
}
