import type { EntityData, EntityName } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { sql } from '../database/sql.js';
import { countryName } from '../seeding/geography.js';
import { writeCitations } from '../sources/citations.js';
import type { ReferenceResolver } from './references.js';

/**
 * One list a record holds in the seed files (an association's `carries`, a hub's `ecosystems`…),
 * declared with its record (src/<domain>/<kind>.record.ts): how to read it in seed form and the one
 * mapping from seed form to rows, which the seed loader (references from the records it wrote) and
 * the list mutations (`setChildList`, references from the database) both call.
 */
export interface ChildList {
  /** The list's field, the same in the seed record and in the mutation input (`carries`, `deployedBy`…). */
  field: string;
  /** The current list, in seed form and in order. */
  read(em: EntityManager, parentId: string): Promise<Record<string, unknown>[] | string[]>;
  /** Replaces the list with `items` (seed form, already checked); says what it did to the rows. */
  write(refs: ReferenceResolver, parentId: string, items: unknown[]): Promise<RowCounts>;
}

/** Rows a write inserted, changed or left as they were (the seed load's statistics). */
export interface RowCounts { inserted: number; updated: number; unchanged: number }
export const NO_ROWS: RowCounts = { inserted: 0, updated: 0, unchanged: 0 };

/** `(t.a, t.b) is distinct from (excluded.a, excluded.b)`: a conflicting row is rewritten only when a value differs. */
const differs = (columns: string[]) => `(${columns.map((c) => `t.${c}`).join(', ')}) is distinct from (${columns.map((c) => `excluded.${c}`).join(', ')})`;

/**
 * Rows kept in order by `position`, each with its own citations (carrier, hub_ecosystem, label…), in
 * two statements whatever their number: the row at each position is updated in place, and only when
 * a value differs (its id, and so its citations, survive an edit that keeps it; `versioned` rows get
 * their version bumped then, and `updated_at` set where the table has one); rows past the end are deleted with their citations. The rows come in
 * as JSON typed by the table's own row type (`jsonb_populate_recordset`), so no column needs a cast.
 */
export async function writePositioned(em: EntityManager, table: string, parentColumn: string, parentId: string, subjectType: string,
  rows: { columns: Record<string, unknown>; sources?: readonly string[] }[], options: { versioned?: boolean; updatedAt?: boolean } = {}): Promise<RowCounts> {
  const columns = Object.keys(rows[0]?.columns ?? {});
  const set = [...columns.map((c) => `${c} = excluded.${c}`), ...(options.versioned ? ['version = t.version + 1'] : []), ...(options.updatedAt ?? options.versioned ? ['updated_at = now()'] : [])];
  const written = await sql<{ id: string; inserted: boolean; written: boolean }>(em,
    `with input as (
       select * from jsonb_populate_recordset(null::${table}, $2::jsonb)
     ), written as (
       insert into ${table} as t (${[parentColumn, 'position', ...columns].join(', ')}) select $1, ${['position', ...columns].join(', ')} from input
       on conflict (${parentColumn}, position) do ${columns.length ? `update set ${set.join(', ')} where ${differs(columns)}` : 'nothing'}
       returning t.id, t.position, (xmax = 0) as inserted
     ), gone as (
       delete from ${table} where ${parentColumn} = $1 and position >= $3 returning id
     ), uncited as (
       delete from citation where subject_type = $4 and subject_id in (select id from gone)
     )
     select coalesce(w.id, t.id) as id, coalesce(w.inserted, false) as inserted, w.id is not null as written
     from input i left join written w on w.position = i.position left join ${table} t on t.${parentColumn} = $1 and t.position = i.position
     order by i.position`,
    [parentId, JSON.stringify(rows.map(({ columns: values }, position) => ({ ...values, position }))), rows.length, subjectType]);
  await writeCitations(em, subjectType, written.map(({ id }, i) => ({ id, sources: rows[i]!.sources })));
  return {
    inserted: written.filter((r) => r.inserted).length,
    updated: written.filter((r) => r.written && !r.inserted).length,
    unchanged: written.filter((r) => !r.written).length,
  };
}

/**
 * `writePositioned` for rows given as their entity's data (property names, as the mutations create
 * them): the table, the parent's column, the citations' subject type and whether rows are versioned
 * come from the entity, so a part's one mapping serves the loader and its mutation.
 */
export async function writeEntityRows<E extends object>(em: EntityManager, entity: EntityName<E>, parent: keyof E & string, parentId: string,
  rows: { data: EntityData<E>; sources?: readonly string[] }[]): Promise<RowCounts> {
  const meta = em.getMetadata(entity);
  const properties: Record<string, { fieldNames: string[] }> = meta.properties;
  const column = (property: string) => properties[property]!.fieldNames[0]!;
  return writePositioned(em, meta.tableName, column(parent), parentId, meta.className,
    rows.map(({ data, sources }) => ({ columns: Object.fromEntries(Object.entries(data).map(([property, value]) => [column(property), value])), sources })),
    { versioned: meta.versionProperty !== undefined, updatedAt: 'updatedAt' in meta.properties });
}

/**
 * A link table without citations of its own (programme_territory, event_organiser, area_department…),
 * keyed by the parent and `keyColumn`, in one statement: the links not in `rows` are deleted, the
 * missing ones inserted, and the others' columns (`position`…) rewritten only when they differ.
 */
export async function writeLinks(em: EntityManager, table: string, parentColumn: string, parentId: string, keyColumn: string, rows: Record<string, unknown>[]): Promise<void> {
  const others = Object.keys(rows[0] ?? {}).filter((c) => c !== keyColumn);
  const columns = [keyColumn, ...others];
  await sql(em,
    `with input as (
       select * from jsonb_populate_recordset(null::${table}, $2::jsonb)
     ), gone as (
       delete from ${table} t where t.${parentColumn} = $1 and not exists (select 1 from input i where i.${keyColumn} = t.${keyColumn})
     )
     insert into ${table} as t (${[parentColumn, ...columns].join(', ')}) select $1, ${columns.join(', ')} from input
     on conflict (${parentColumn}, ${keyColumn}) do ${others.length ? `update set ${others.map((c) => `${c} = excluded.${c}`).join(', ')} where ${differs(others)}` : 'nothing'}`,
    [parentId, JSON.stringify(rows)]);
}

/** Sources cited by each row of a child table, as a jsonb array of slugs in citation order (for the audit's before/after). */
export const itemSources = (subjectType: string, alias: string) =>
  `(select coalesce(jsonb_agg(s.slug order by ci.position, s.slug), '[]'::jsonb) from citation ci join source s on s.id = ci.source_id
    where ci.subject_type = '${subjectType}' and ci.subject_id = ${alias}.id)`;

/**
 * The territory row of a checked `kind:key` reference. A country the seeds never named has no row
 * yet: it is added the way the seed loader adds one (slug `country-xx`, its ISO name).
 */
export async function territoryId(refs: ReferenceResolver, kind: string, key: string): Promise<string> {
  if (kind === 'country') {
    await sql(refs.em,
      `insert into territory (slug, kind, code, name, country_code) values ($1, 'COUNTRY', $2, $3, $2) on conflict (kind, code) do nothing`,
      [`country-${key.toLowerCase()}`, key, countryName(key)]);
  }
  return refs.id(kind, key);
}
