import type { EntityManager } from '@mikro-orm/postgresql';
import { sql } from '../database/sql.js';
import type { RequestContext } from '../graphql/context.js';
import { countryName } from '../seeding/geography.js';
import { seedFileSchema } from '../seeding/seed-schema.js';
import { editRecord, lockRecord, recordId, type EditableKind, type Edited } from './records.js';
import { compact, References } from './references.js';
import { cite, citedSources, refuse } from './transaction.js';
import { intoReference, toSeedForm } from './typed-references.js';
import { userError, UserErrorCode } from './user-error.js';
import { checkRecord } from './validation.js';

/**
 * One list a record holds in the seed files (an association's `carries`, a hub's `ecosystems`…):
 * how to read it in seed form and how to write a valid one in place of the current one.
 */
export interface ChildList {
  /** The record that holds the list. */
  parent: EditableKind;
  /** The list's field, the same in the seed record and in the mutation input (`carries`, `deployedBy`…). */
  field: string;
  /** The current list, in seed form and in order. */
  read(em: EntityManager, parentId: string): Promise<Record<string, unknown>[] | string[]>;
  /** Replaces the list with `items` (seed form, already checked). */
  write(em: EntityManager, refs: References, parentId: string, items: unknown[]): Promise<void>;
}

/** Why list edits replace the whole list: said in each list input's description. */
export const LIST_DOC = 'The whole list replaces the current one, and `expectedVersion` is required: an editor states the list they mean and the version they read it at, so two editors working on the same list cannot silently drop each other\'s items (the second gets CONFLICT and re-reads), and sending the same edit twice cannot duplicate an item. Item by item add/remove would need the same version check and could still leave a list that neither editor saw.';

export interface ListEditInput {
  id: string;
  expectedVersion: number;
  sources: string[];
  [list: string]: unknown;
}

/** Only what the seed schema requires of the record, to check a list in its record without re-judging the other fields. */
function requiredFields(list: ChildList, seed: Record<string, unknown>): Record<string, unknown> {
  const schema = seedFileSchema.properties[list.parent.collection] as { items: { required: readonly string[] } };
  return Object.fromEntries(schema.items.required.filter((f) => f in seed).map((f) => [f, seed[f]]));
}

/**
 * `<record><List>Set`: replaces a whole child list. Locks the parent and checks `expectedVersion`
 * (CONFLICT, nothing written, when stale), checks the new list with the seed rules inside its
 * record (errors name the list index), writes it, adds the sources to the parent's citations, bumps
 * the parent's version and writes an audit entry with the list before and after.
 */
export async function setChildList<T>(ctx: RequestContext, list: ChildList, action: string, input: ListEditInput): Promise<Edited<T>> {
  const { parent } = list;
  const outcome = await editRecord(ctx, action, async (em, audit) => {
    const id = recordId(parent, input.id);
    if (!input.sources || input.sources.length === 0) refuse(userError(['sources'], 'must cite at least one source', UserErrorCode.VALIDATION));
    const current = await lockRecord(em, parent.entity, parent.typename, id, input.expectedVersion);
    const refs = new References(em);
    const items = (input[list.field] as unknown[]).map((item) => {
      const seedItem = toSeedForm(item);
      return seedItem !== null && typeof seedItem === 'object' ? compact(seedItem as Record<string, unknown>) : seedItem;
    });
    const sources = [...new Set([...input.sources, ...(await citedSources(em, id))])];
    const data = { ...requiredFields(list, await parent.toSeed(current, refs)), [list.field]: items, sources };
    const errors = await checkRecord(em, parent.collection, data, (path) => {
      if (path[0] === 'sources' || path[0] === list.field) return intoReference(input, path);
      return null;
    });
    if (errors.length > 0) refuse(...errors);

    // The list is part of its record: one audit entry for the record, with the list before and after,
    // and a new version of the record (MikroORM bumps it when the flush writes updatedAt).
    const snapshot = async () => ({ version: current.version, [list.field]: await list.read(em, id) });
    audit.whole = { recordType: parent.typename, recordId: id, before: await snapshot(), after: snapshot };
    await list.write(em, refs, id, items);
    await cite(em, parent.typename, id, input.sources);
    current.updatedAt = new Date();
    await em.flush();
    // No reindex needed: these lists add no text to search (search_entry_texts reads none of them).
    return id;
  });
  const loader = ctx.loader(parent.byId);
  if (outcome.id) loader.clear(outcome.id);
  return { record: outcome.id ? ((await loader.load(outcome.id)) as T | null) : null, userErrors: outcome.userErrors };
}

// --- writing lists --------------------------------------------------------------------------------

/**
 * Rows kept in order by `position`, each with its own citations (carrier, hub_ecosystem,
 * programme_deployment): the row at each position is updated in place (its id, and so its
 * citations, survive an edit that keeps it), rows past the end are deleted with their citations.
 */
export async function writePositioned(em: EntityManager, table: string, parentColumn: string, parentId: string, subjectType: string,
  rows: { columns: Record<string, unknown>; sources: string[] }[]): Promise<void> {
  for (const [position, { columns, sources }] of rows.entries()) {
    const cols = [parentColumn, 'position', ...Object.keys(columns)];
    const values = [parentId, position, ...Object.values(columns)];
    const [row] = await sql<{ id: string }>(em,
      `insert into ${table} (${cols.join(', ')}) values (${cols.map((_, i) => `$${i + 1}`).join(', ')})
       on conflict (${parentColumn}, position) do update set ${Object.keys(columns).map((c) => `${c} = excluded.${c}`).join(', ')}
       returning id`, values);
    await sql(em,
      `delete from citation where subject_type = $1 and subject_id = $2 and source_id not in (select id from source where slug = any($3::text[]))`,
      [subjectType, row!.id, sources]);
    await cite(em, subjectType, row!.id, sources);
  }
  await sql(em,
    `with gone as (delete from ${table} where ${parentColumn} = $1 and position >= $2 returning id)
     delete from citation where subject_type = $3 and subject_id in (select id from gone)`, [parentId, rows.length, subjectType]);
}

/** A link table without citations of its own (programme_territory, event_organiser, event_ecosystem): replaced as a whole. */
export async function writeLinks(em: EntityManager, table: string, parentColumn: string, parentId: string, rows: Record<string, unknown>[]): Promise<void> {
  await sql(em, `delete from ${table} where ${parentColumn} = $1`, [parentId]);
  for (const row of rows) {
    const cols = [parentColumn, ...Object.keys(row)];
    await sql(em, `insert into ${table} (${cols.join(', ')}) values (${cols.map((_, i) => `$${i + 1}`).join(', ')})`, [parentId, ...Object.values(row)]);
  }
}

/** Sources cited by each row of a child table, as a jsonb array of slugs in citation order (for the audit's before/after). */
export const itemSources = (subjectType: string, alias: string) =>
  `(select coalesce(jsonb_agg(s.slug order by ci.position, s.slug), '[]'::jsonb) from citation ci join source s on s.id = ci.source_id
    where ci.subject_type = '${subjectType}' and ci.subject_id = ${alias}.id)`;

/**
 * The territory row of a checked `kind:key` reference. A country the seeds never named has no row
 * yet: it is added the way the seed loader adds one (slug `country-xx`, its ISO name).
 */
export async function territoryId(refs: References, kind: string, key: string): Promise<string> {
  if (kind === 'country') {
    await sql(refs.em,
      `insert into territory (slug, kind, code, name, country_code) values ($1, 'COUNTRY', $2, $3, $2) on conflict (kind, code) do nothing`,
      [`country-${key.toLowerCase()}`, key, countryName(key)]);
  }
  return refs.id(kind, key);
}
