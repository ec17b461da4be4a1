import { byKey, defineLoader, groupByKey } from '../graphql/context.js';
import { asNode } from '../graphql/global-id.js';
import { sqlByKeys } from '../database/sql.js';
import { partialDate } from '../graphql/common-types.js';
import type { Person } from './person.types.js';
import type { Role } from './role.types.js';

export type PersonNode = Person & { uuid: string };

/** Public columns only: contact details never leave the database on this path. */
export const PERSON_COLUMNS = `p.id, p.slug, p.name, p.note, p.note_en`;
export interface PersonRow { id: string; slug: string; name: string; note: string | null; note_en: string | null }
export const toPerson = (r: PersonRow) => asNode('Person', { id: r.id, slug: r.slug, name: r.name, note: r.note, noteEn: r.note_en }) as unknown as PersonNode;

export const personById = defineLoader<string, PersonNode | null>(async (ctx, ids) => {
  const rows = await sqlByKeys<PersonRow>(ctx.em, `select ${PERSON_COLUMNS} from person p where p.id = any($1::uuid[]) and p.archived_at is null`, [ids]);
  return byKey(ids, rows.map(toPerson), (p) => p.uuid);
});

export const personBySlug = defineLoader<string, PersonNode | null>(async (ctx, slugs) => {
  const rows = await sqlByKeys<PersonRow>(ctx.em, `select ${PERSON_COLUMNS} from person p where p.slug = any($1::text[]) and p.archived_at is null`, [slugs]);
  return byKey(slugs, rows.map(toPerson), (p) => p.slug);
});

export type RoleNode = Role & { uuid: string; personId: string; organisationType: string; organisationId: string };
interface RoleRow {
  id: string; person_id: string; title: string; organisation_type: string; organisation_id: string; valid_from: string | null; valid_to: string | null;
  as_of: string | null; as_of_precision: string | null; current: boolean;
}
const ROLE_COLUMNS = `r.id, r.person_id, r.title, r.organisation_type, r.organisation_id, r.valid_from::text, r.valid_to::text, r.as_of::text, r.as_of_precision, r.current`;
function toRole(r: RoleRow): RoleNode {
  return asNode('Role', {
    id: r.id, personId: r.person_id, title: r.title, organisationType: r.organisation_type, organisationId: r.organisation_id,
    validFrom: r.valid_from, validTo: r.valid_to, asOf: partialDate(r.as_of, r.as_of_precision), current: r.current,
  }) as unknown as RoleNode;
}

export const roleById = defineLoader<string, RoleNode | null>(async (ctx, ids) => {
  const rows = await sqlByKeys<RoleRow>(ctx.em, `select ${ROLE_COLUMNS} from role r where r.id = any($1::uuid[]) and r.archived_at is null`, [ids]);
  return byKey(ids, rows.map(toRole), (r) => r.uuid);
});

/** A person's roles, in the order of the sources. */
export const rolesByPerson = defineLoader<string, RoleNode[]>(async (ctx, ids) => {
  const rows = await sqlByKeys<RoleRow>(ctx.em, `select ${ROLE_COLUMNS} from role r where r.person_id = any($1::uuid[]) and r.archived_at is null order by r.person_id, r.position`, [ids]);
  return groupByKey(ids, rows, (r) => r.person_id).map((g) => g.map(toRole));
});

/** Roles held in an association, institution or ecosystem (by its uuid), oldest first. */
export const rolesByOrganisation = defineLoader<string, RoleNode[]>(async (ctx, ids) => {
  const rows = await sqlByKeys<RoleRow>(ctx.em,
    `select ${ROLE_COLUMNS} from role r join person p on p.id = r.person_id
     where r.organisation_id = any($1::uuid[]) and r.archived_at is null and p.archived_at is null order by r.organisation_id, r.valid_from nulls first, p.name, r.id`, [ids]);
  return groupByKey(ids, rows, (r) => r.organisation_id).map((g) => g.map(toRole));
});
