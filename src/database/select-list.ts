import type { EntityData, EntityName } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';

/** Bookkeeping columns, read by their own loaders (`version`) or by none: left out of the read rows. */
const BOOKKEEPING = new Set(['createdAt', 'updatedAt', 'archivedAt']);
const lists = new WeakMap<object, Map<string, string>>();

/**
 * The select list of an entity's columns under its property names (`h.locality_id as "localityId"`),
 * dates as text (`YYYY-MM-DD`): the read side's plain rows without a hand-kept list of columns, so a
 * column added to the entity reaches the GraphQL node with no change here. `only` narrows it to some
 * properties (a narrow read: src/editing/record-fields.ts, answersFromPlainFields). Worked out once per
 * entity, alias and subset.
 */
export function selectList(em: EntityManager, entity: EntityName<any>, alias: string, only?: readonly string[]): string {
  const meta = em.getMetadata(entity);
  const byAlias = lists.get(meta) ?? new Map<string, string>();
  lists.set(meta, byAlias);
  const key = only ? `${alias}:${only.join(',')}` : alias;
  let list = byAlias.get(key);
  if (list === undefined) {
    const props = meta.props.filter((prop) => prop.fieldNames?.length === 1 && !prop.version && !BOOKKEEPING.has(prop.name));
    const chosen = only ? only.map((name) => props.find((prop) => prop.name === name) ?? missing(meta.className, name)) : props;
    list = chosen.map((prop) => `${alias}.${prop.fieldNames[0]}${prop.columnTypes?.[0] === 'date' ? '::text' : ''} as "${prop.name}"`).join(', ');
    byAlias.set(key, list);
  }
  return list;
}

function missing(entity: string, property: string): never {
  throw new Error(`internal: ${property} is not a column of ${entity}`);
}

/**
 * Entity data (a record definition's `toData`) under its column names, for the set-based writes that
 * take rows (src/editing/child-rows.ts), so that the columns come from the one mapping.
 */
export function columnValues<E extends object>(em: EntityManager, entity: EntityName<E>, data: EntityData<E>): Record<string, unknown> {
  const meta = em.getMetadata(entity);
  const props = meta.properties as Record<string, { fieldNames?: string[] }>;
  return Object.fromEntries(Object.entries(data).map(([name, value]) => {
    const [column] = props[name]?.fieldNames ?? [];
    return [column ?? missing(meta.className, name), value];
  }));
}
