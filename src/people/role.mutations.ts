import { Arg, Args, Ctx, Field, ID, InputType, Int, Mutation, Resolver } from 'type-graphql';
import { sql } from '../database/sql.js';
import type { RequestContext } from '../graphql/context.js';
import { ArchiveArgs, DATE_DOC, SOURCES_DOC, VERSION_DOC } from '../editing/inputs.js';
import { archivePayloadType, payloadType, userError, UserErrorCode } from '../editing/user-error.js';
import { archiveRecord, editRecord, lockRecord, recordId, type EditableKind } from '../editing/records.js';
import { compact, References } from '../editing/references.js';
import { cite, citedSources, refuse } from '../editing/transaction.js';
import { checkRecord, type FieldMapper } from '../editing/validation.js';
import { intoReference, OrganisationReference, toSeedForm } from '../editing/typed-references.js';
import { Role } from './role.types.js';
import { roleById } from './person.loaders.js';
import { Person } from './person.entity.js';
import { Role as RoleEntity } from './role.entity.js';
import { personRecord } from './person.record.js';
import { roleRecord } from './role.record.js';

/** Roles are written in the seeds inside their person (`people[].roles[]`): the same rules and mapping (role.record.ts) apply here. */
export const ROLE_KIND: EditableKind<RoleEntity> = {
  typename: 'Role', entity: RoleEntity, collection: 'people', refKind: 'role', byId: roleById, cited: true, ...roleRecord,
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
    const outcome = await editRecord(ctx, 'roleCreate', async (em, audit) => {
      if (!input.person && !input.personName) refuse(userError(['person'], 'is required (or personName, to create the person)', UserErrorCode.VALIDATION));
      const slug = input.person ?? slugify(input.personName!);
      let person = await em.findOne(Person, { slug });
      if (input.person && !person) refuse(userError(['person'], `unknown person "${input.person}"`, UserErrorCode.REFERENCE));
      const role = compact({ title: input.title, organisation: toSeedForm(input.organisation), from: input.from, to: input.to, sources: input.sources });
      const data = { slug, name: person?.name ?? input.personName, roles: [role], sources: input.sources };
      const errors = await checkRecord(em, 'people', data, roleFields(input));
      if (errors.length > 0) refuse(...errors);
      if (!person) {
        // Only the values given (no contact, no note): the audit entry holds what was written, no personal-data column.
        person = em.create(Person, compact(personRecord.toData(data)), { partial: true });
        audit.sources.set(person.id, { before: null, after: input.sources });
        await cite(em, 'Person', person.id, input.sources);
      }
      const [last] = await sql<{ position: number | null }>(em, `select max(position) as position from role where person_id = $1`, [person.id]);
      const created = em.create(RoleEntity, {
        personId: person.id, position: (last?.position ?? -1) + 1, ...(await ROLE_KIND.toData(role, new References(em), true)),
      }, { partial: true });
      audit.sources.set(created.id, { before: null, after: input.sources });
      await cite(em, 'Role', created.id, input.sources);
      await em.flush();
      return created.id;
    });
    return { role: await reload(ctx, outcome.id), userErrors: outcome.userErrors };
  }

  @Mutation(() => RolePayload, { description: 'Corrects a public role (editors); states the version it is based on.' })
  async roleUpdate(@Arg('input', () => RoleUpdateInput, { description: 'The changes.' }) input: RoleUpdateInput, @Ctx() ctx: RequestContext) {
    const outcome = await editRecord(ctx, 'roleUpdate', async (em, audit) => {
      const id = recordId(ROLE_KIND, input.id);
      if (input.sources.length === 0) refuse(userError(['sources'], 'must cite at least one source', UserErrorCode.VALIDATION));
      const current = await lockRecord(em, RoleEntity, 'Role', id, input.expectedVersion);
      const refs = new References(em);
      const role: Record<string, unknown> = await ROLE_KIND.toSeed(current, refs);
      for (const key of ['title', 'organisation', 'from', 'to'] as const) {
        if (input[key] === null) delete role[key];
        else if (input[key] !== undefined) role[key] = toSeedForm(input[key]);
      }
      const cited = await citedSources(em, id);
      role.sources = [...new Set([...input.sources, ...cited])];
      const person = await em.findOneOrFail(Person, { id: current.personId }, { filters: false });
      const errors = await checkRecord(em, 'people', { slug: person.slug, name: person.name, roles: [role], sources: role.sources }, roleFields(input));
      if (errors.length > 0) refuse(...errors);
      const after = [...new Set([...cited, ...input.sources])];
      em.assign(current, await ROLE_KIND.toData(role, refs, false));
      audit.sources.set(id, { before: cited, after });
      await cite(em, 'Role', id, input.sources);
      await em.flush();
      return id;
    });
    return { role: await reload(ctx, outcome.id), userErrors: outcome.userErrors };
  }

  @Mutation(() => RoleArchivePayload, { description: 'Archives a public role (editors).' })
  roleArchive(@Args() { input }: ArchiveArgs, @Ctx() ctx: RequestContext) {
    return archiveRecord(ctx, ROLE_KIND, 'roleArchive', input);
  }
}
