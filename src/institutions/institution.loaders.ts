import { byKey, defineLoader, groupByKey } from '../graphql/context.js';
import { asNode } from '../graphql/global-id.js';
import { fieldValues } from '../editing/record-fields.js';
import { sqlByKeys } from '../database/sql.js';
import type { EntityManager } from '@mikro-orm/postgresql';
import { selectList } from '../database/select-list.js';
import { Institution as InstitutionEntity } from './institution.entity.js';
import { INSTITUTION_FIELDS } from './institution.record.js';
import type { Institution } from './institution.types.js';

/** An institution's row: its entity's columns under their property names (selectList). */
export type InstitutionRow = Omit<InstitutionEntity, 'createdAt' | 'updatedAt' | 'archivedAt' | 'version'>;
export type InstitutionNode = Institution & { uuid: string; parentId: string | null; seatId: string | null; territoryId: string | null };

/** The select list of an institution row (`i` is the institution table's alias). */
export const institutionColumns = (em: EntityManager) => selectList(em, InstitutionEntity, 'i');

export function toInstitution(r: InstitutionRow): InstitutionNode {
  return asNode('Institution', fieldValues(INSTITUTION_FIELDS, r)) as unknown as InstitutionNode;
}

export const institutionById = defineLoader<string, InstitutionNode | null>(async (ctx, ids) => {
  const rows = await sqlByKeys<InstitutionRow>(ctx.em, `select ${institutionColumns(ctx.em)} from institution i where i.id = any($1::uuid[]) and i.archived_at is null`, [ids]);
  return byKey(ids, rows.map(toInstitution), (i) => i.uuid);
});

export const institutionBySlug = defineLoader<string, InstitutionNode | null>(async (ctx, slugs) => {
  const rows = await sqlByKeys<InstitutionRow>(ctx.em, `select ${institutionColumns(ctx.em)} from institution i where i.slug = any($1::text[]) and i.archived_at is null`, [slugs]);
  return byKey(slugs, rows.map(toInstitution), (i) => i.slug);
});

/** The bodies that depend on each institution (the DGE under the ministry…), by name. */
export const institutionsByParent = defineLoader<string, InstitutionNode[]>(async (ctx, ids) => {
  const rows = await sqlByKeys<InstitutionRow>(ctx.em,
    `select ${institutionColumns(ctx.em)} from institution i where i.parent_id = any($1::uuid[]) and i.archived_at is null order by i.parent_id, i.name, i.id`, [ids]);
  return groupByKey(ids, rows, (r) => r.parentId!).map((g) => g.map(toInstitution));
});
