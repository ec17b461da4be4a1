import type { EntityName } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';

/** Bookkeeping columns, read by their own loaders (`version`) or by none: left out of the read rows. */
const BOOKKEEPING = new Set(['createdAt', 'updatedAt', 'archivedAt']);
const lists = new WeakMap<object, Map<string, string>>();

/**
 * The select list of an entity's columns under its property names (`h.locality_id as "localityId"`),
 * dates as text (`YYYY-MM-DD`): the read side's plain rows without a hand-kept list of columns, so a
 * column added to the entity reaches the GraphQL node with no change here. Worked out once per entity.
 */
export function selectList(em: EntityManager, entity: EntityName<any>, alias: string): string {
  const meta = em.getMetadata(entity);
  const byAlias = lists.get(meta) ?? new Map<string, string>();
  lists.set(meta, byAlias);
  let list = byAlias.get(alias);
  if (list === undefined) {
    list = meta.props
      .filter((prop) => prop.fieldNames?.length === 1 && !prop.version && !BOOKKEEPING.has(prop.name))
      .map((prop) => `${alias}.${prop.fieldNames[0]}${prop.columnTypes?.[0] === 'date' ? '::text' : ''} as "${prop.name}"`)
      .join(', ');
    byAlias.set(alias, list);
  }
  return list;
}
