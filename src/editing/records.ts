import type { EntityManager } from '@mikro-orm/postgresql';
import { recordChange } from '../audit/record-change.js';
import { sql } from '../database/sql.js';
import type { LoaderDefinition, RequestContext } from '../graphql/context.js';
import { fromGlobalId } from '../graphql/global-id.js';
import type { SeedCollection } from '../seeding/seed-schema.js';
import { compact, References } from './references.js';
import { reindexRecords } from '../search/search-index.js';
import { cite, citedSources, lockVersion, mutate, refuse, snapshot } from './transaction.js';
import { userError, UserErrorCode, type UserError } from './user-error.js';
import { intoReference, toSeedForm } from './typed-references.js';
import { checkRecord, type FieldMapper } from './validation.js';

/**
 * How one kind of record is edited: which seed collection holds its rules, and how its seed form
 * maps to its row. Each domain declares one (src/<domain>/<domain>.mutations.ts).
 */
export interface EditableKind {
  typename: string;
  table: string;
  collection: SeedCollection;
  /** The reference kind, for messages (`duplicate slug "x" (already used by another hub)`). */
  refKind: string;
  /** Loads the record for the payload. */
  byId: LoaderDefinition<string, unknown>;
  /** Whether the seed record has `sources` (every kind but sources themselves). */
  cited: boolean;
  /** The current row in seed form (without `sources`). */
  toSeed(row: Record<string, any>, refs: References): Promise<Record<string, unknown>>;
  /** The columns to write for a valid seed record. */
  toRow(data: Record<string, any>, refs: References, creating: boolean): Promise<Record<string, unknown>>;
  /** The table has no updated_at column (role). */
  noUpdatedAt?: boolean;
}

/** Input fields that are not part of the record. */
const CONTROL = new Set(['id', 'expectedVersion', 'sources']);

/** The input's record fields in seed form (typed references as `kind:key`): undefined = not given, null = cleared. */
function patchOf(input: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(input).filter(([k, v]) => !CONTROL.has(k) && v !== undefined)
    .map(([k, v]) => [k, toSeedForm(v)])
    .map(([k, v]) => [k, v !== null && typeof v === 'object' && !Array.isArray(v) ? compact(v as Record<string, unknown>) : v]));
}

/** Seed rule paths to input paths, down to a typed reference's own field. */
export const inputPaths = (input: unknown): FieldMapper => (path) => intoReference(input, path);

function withSources(kind: EditableKind, data: Record<string, unknown>, sources: string[]): Record<string, unknown> {
  return kind.cited ? { ...data, sources } : data;
}

function requireSources(kind: EditableKind, sources: string[] | undefined): void {
  if (kind.cited && (!sources || sources.length === 0)) refuse(userError(['sources'], 'must cite at least one source', UserErrorCode.VALIDATION));
}

async function reload<T>(ctx: RequestContext, kind: EditableKind, id: string | null): Promise<T | null> {
  if (!id) return null;
  const loader = ctx.loader(kind.byId);
  loader.clear(id);
  return (await loader.load(id)) as T | null;
}

export interface Edited<T> { record: T | null; userErrors: UserError[] }

/** `<thing>Create`: the input in seed form passes the seed rules, then one row, its citations and an audit entry. */
export async function createRecord<T>(ctx: RequestContext, kind: EditableKind, action: string, input: Record<string, any>): Promise<Edited<T>> {
  const outcome = await mutate(ctx, 'editor', async (em) => {
    const data = compact(withSources(kind, compact(patchOf(input)), input.sources ?? []));
    const errors = await checkRecord(em, kind.collection, data, inputPaths(input));
    if (errors.length > 0) refuse(...errors);
    if (typeof data.slug === 'string') await checkSlugFree(em, kind, data.slug);
    const refs = new References(em);
    const row = await kind.toRow(data, refs, true);
    const cols = Object.keys(row);
    const [inserted] = await sql<{ id: string }>(em,
      `insert into ${kind.table} (${cols.join(', ')}) values (${cols.map((_, i) => `$${i + 1}`).join(', ')}) returning id`,
      cols.map((c) => row[c]));
    const id = inserted!.id;
    if (kind.cited) await cite(em, kind.typename, id, input.sources);
    await recordChange(em, ctx, { action, recordType: kind.typename, recordId: id, before: null, after: await snapshot(em, kind.table, id) });
    await reindexRecords(em, kind.typename, [id]);
    return id;
  });
  return { record: await reload<T>(ctx, kind, outcome.id), userErrors: outcome.userErrors };
}

/** The seeds' rule that a slug names one record of its kind. */
export async function checkSlugFree(em: EntityManager, kind: Pick<EditableKind, 'table' | 'refKind'>, slug: string, except: string | null = null): Promise<void> {
  const [taken] = await sql<{ id: string }>(em, `select id from ${kind.table} where slug = $1 and id is distinct from $2::uuid`, [slug, except]);
  if (taken) refuse(userError(['slug'], `duplicate slug "${slug}" (already used by another ${kind.refKind})`, UserErrorCode.VALIDATION));
}

/** Decodes the record's global ID; an ID of another type is NOT_FOUND. */
export function recordId(kind: { typename: string }, id: string): string {
  const decoded = fromGlobalId(id, 'input.id');
  if (decoded.typename !== kind.typename) refuse(userError(['id'], `this ID is not a ${kind.typename}'s`, UserErrorCode.NOT_FOUND));
  return decoded.uuid;
}

/**
 * `<thing>Update`: locks the row, checks `expectedVersion`, applies the given fields to the record's
 * seed form (null clears a field), runs the seed rules on the result, writes it with version + 1.
 * The sources cited are added to the record's sources.
 */
export async function updateRecord<T>(ctx: RequestContext, kind: EditableKind, action: string, input: Record<string, any>): Promise<Edited<T>> {
  const outcome = await mutate(ctx, 'editor', async (em) => {
    const id = recordId(kind, input.id);
    requireSources(kind, input.sources);
    const current = await lockVersion(em, kind.table, kind.typename, id, input.expectedVersion);
    const refs = new References(em);
    const before = await snapshot(em, kind.table, id);
    const seed = await kind.toSeed(current, refs);
    const patch = patchOf(input);
    const merged: Record<string, unknown> = { ...seed };
    for (const [key, value] of Object.entries(patch)) {
      if (value === null) delete merged[key];
      else merged[key] = value;
    }
    const sources = kind.cited ? [...new Set([...(input.sources as string[]), ...(await citedSources(em, id))])] : [];
    const data = withSources(kind, merged, sources);
    const errors = await checkRecord(em, kind.collection, data, inputPaths(input));
    if (errors.length > 0) refuse(...errors);
    if (typeof data.slug === 'string' && data.slug !== current.slug) await checkSlugFree(em, kind, data.slug, id);
    const row = await kind.toRow(data, refs, false);
    const cols = Object.keys(row);
    await sql(em,
      `update ${kind.table} set ${cols.map((c, i) => `${c} = $${i + 2}`).join(', ')}, version = version + 1, updated_at = now() where id = $1`,
      [id, ...cols.map((c) => row[c])]);
    if (kind.cited) await cite(em, kind.typename, id, input.sources);
    await recordChange(em, ctx, { action, recordType: kind.typename, recordId: id, before, after: await snapshot(em, kind.table, id) });
    await reindexRecords(em, kind.typename, [id]);
    return id;
  });
  return { record: await reload<T>(ctx, kind, outcome.id), userErrors: outcome.userErrors };
}

/** `<thing>Archive`: sets archived_at (version + 1). The record leaves the public API; nothing is deleted. */
export async function archiveRecord(ctx: RequestContext, kind: EditableKind, action: string, input: { id: string; expectedVersion: number; sources: string[] }): Promise<{ archivedId: string | null; userErrors: UserError[] }> {
  const outcome = await mutate(ctx, 'editor', async (em) => {
    const id = recordId(kind, input.id);
    requireSources({ ...kind, cited: true }, input.sources);
    await lockVersion(em, kind.table, kind.typename, id, input.expectedVersion);
    const unknown = await unknownSources(em, input.sources);
    if (unknown.length > 0) refuse(...unknown);
    const before = await snapshot(em, kind.table, id);
    await sql(em, `update ${kind.table} set archived_at = now(), version = version + 1${kind.noUpdatedAt ? '' : ', updated_at = now()'} where id = $1`, [id]);
    if (kind.cited) await cite(em, kind.typename, id, input.sources);
    await recordChange(em, ctx, { action, recordType: kind.typename, recordId: id, before, after: { ...(await snapshot(em, kind.table, id)), citedForArchive: input.sources } });
    await reindexRecords(em, kind.typename, [id]);
    return id;
  });
  return { archivedId: outcome.id ? input.id : null, userErrors: outcome.userErrors };
}

/** The `unknown source "x"` rule of the seeds, for inputs that cite sources without a record to check. */
export async function unknownSources(em: EntityManager, sources: string[]): Promise<UserError[]> {
  const rows = await sql<{ slug: string }>(em, `select slug from source where slug = any($1::text[]) and archived_at is null`, [sources]);
  const found = new Set(rows.map((r) => r.slug));
  return sources.flatMap((slug, i) => (found.has(slug) ? [] : [userError(['sources', String(i)], `unknown source "${slug}"`, UserErrorCode.REFERENCE)]));
}
