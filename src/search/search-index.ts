import type { EntityManager } from '@mikro-orm/postgresql';
import { sql } from '../database/sql.js';

/** Kinds of record the full-text search covers (the `subject_type` of their search entries). */
export enum SearchKind {
  ECOSYSTEM = 'Ecosystem', ASSOCIATION = 'Association', INSTITUTION = 'Institution', HUB = 'Hub', PROGRAMME = 'Programme',
  EVENT = 'Event', PERSON = 'Person', TERRITORY = 'Territory', SOURCE = 'Source',
}

const SEARCHED: ReadonlySet<string> = new Set(Object.values(SearchKind));

/**
 * Rewrites the search entries of these records (of GraphQL type `typename`) in the caller's
 * transaction, from what they hold now: an archived record loses its entry. A hub or an ecosystem
 * also brings its commune into search, or takes out the one it left. Only the records' own entries
 * are locked, so writes to different records do not wait on each other. Kinds search does not cover
 * (figures, roles…) cost nothing. The texts come from the database's search_entry_texts(), which
 * reindexAll reads too.
 */
export async function reindexRecords(em: EntityManager, typename: string, ids: readonly string[]): Promise<void> {
  if (!SEARCHED.has(typename) || ids.length === 0) return;
  await sql(em, `select reindex_search_entries($1, $2::uuid[])`, [typename, ids]);
}

/** Rebuilds the whole index from the tables (seed loads, the synthetic network); archived records stay out of it. */
export async function reindexAll(em: EntityManager): Promise<void> {
  await sql(em, `select refresh_search_index()`);
}
