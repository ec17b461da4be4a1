/**
 * The write mechanism of every editable record, on its MikroORM entity. A mutation:
 *
 *   1. declares its kind once (an `EditableKind`: entity, seed collection, the record definition's
 *      `toData` / `toSeed` from src/<domain>/<kind>.record.ts, the loader that answers the payload);
 *   2. calls `createRecord`, `updateRecord` or `archiveRecord` with the request context, the action's
 *      name (`hubUpdate`) and its input; or, for a mutation of its own, `editRecord(ctx, action, work)`
 *      and inside `work` `lockRecord` + changes on entities + `em.flush()`.
 *
 * What each write gets from the mechanism rather than from the mutation:
 * - one transaction (`mutate`): a `refuse(...)` anywhere rolls it back into userErrors, a taken unique
 *   key becomes a named userError;
 * - the record is loaded with a row lock (`select … for update`) through the `notArchived` filter (an
 *   archived record is NOT_FOUND), and `expectedVersion` is compared with its version (CONFLICT);
 * - MikroORM's version property bumps the version in the UPDATE itself;
 * - the audit entry (before/after, author, action, request) is written by the AuditSubscriber from the
 *   flush's change sets (src/audit/audit-subscriber.ts);
 * - the search entries of the records written are rebuilt in the same transaction (`afterWrite`).
 */
import type { EntityData, EntityName } from '@mikro-orm/core';
import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { auditAs, type AuditContext } from '../audit/audit-subscriber.js';
import type { Role } from '../auth/viewer.js';
import { sql } from '../database/sql.js';
import type { LoaderDefinition, RequestContext } from '../graphql/context.js';
import { fromGlobalId } from '../graphql/global-id.js';
import type { SeedCollection } from '../seeding/seed-schema.js';
import { compact, References, type ReferenceResolver } from './references.js';
import { cite, citedSources, mutate, refuse } from './transaction.js';
import { reindexRecords } from '../search/search-index.js';
import { userError, UserErrorCode, type UserError } from './user-error.js';
import { intoReference, toSeedForm } from './typed-references.js';
import { checkRecord, type FieldMapper } from './validation.js';

/** What every editable entity has. */
export interface EditableEntity {
  id: string;
  version: number;
  /** Absent on roles, which keep no modification time. */
  updatedAt?: Date;
  archivedAt?: Date | null;
}

/** A record kind between its seed form and its entity (src/<domain>/<kind>.record.ts). */
export interface RecordDefinition<E extends EditableEntity> {
  /** The entity's values for a valid seed record (`creating`: for a new record, not a correction). */
  toData(data: Record<string, any>, refs: ReferenceResolver, creating: boolean): Promise<EntityData<E>>;
  /** The record in seed form (without `sources`). */
  toSeed(record: E, refs: References): Promise<Record<string, unknown>>;
}

/** How one kind of record is edited. Each domain declares one (src/<domain>/<domain>.mutations.ts). */
export interface EditableKind<E extends EditableEntity = any> extends RecordDefinition<E> {
  typename: string;
  entity: EntityName<E>;
  collection: SeedCollection;
  /** The reference kind, for messages (`duplicate slug "x" (already used by another hub)`). */
  refKind: string;
  /** Loads the record for the payload. */
  byId: LoaderDefinition<string, unknown>;
  /** Whether the seed record has `sources` (every kind but sources themselves). */
  cited: boolean;
}

/**
 * One audited write: `work` runs in the mutation's transaction on an EntityManager whose flushes are
 * audited as `action` by the request's viewer; then the search index follows. Returns the payload's
 * record id (null when refused) and the userErrors.
 */
export function editRecord(ctx: RequestContext, action: string, work: (em: EntityManager, audit: AuditContext) => Promise<string>, minimum: Role = 'editor') {
  return mutate(ctx, minimum, async (em) => {
    const audit = auditAs(em, { author: ctx.viewer!.name, tokenId: ctx.viewer!.tokenId, requestId: ctx.requestId, action });
    const id = await work(em, audit);
    await afterWrite(em, audit);
    return id;
  });
}

/** What follows every write in its transaction: the search entries of just the records it wrote. */
async function afterWrite(em: EntityManager, audit: AuditContext): Promise<void> {
  for (const [typename, ids] of audit.written) await reindexRecords(em, typename, [...ids]);
}

/**
 * Loads a record for a change: row lock, archived records NOT_FOUND (the entity's `notArchived`
 * filter), and the version the change was based on. Concurrent edits of one record queue on the lock;
 * each sees the version the previous one committed, so all but the first get CONFLICT and change nothing.
 */
export async function lockRecord<E extends EditableEntity>(em: EntityManager, entity: EntityName<E>, typename: string, id: string, expectedVersion: number): Promise<E> {
  const record = await em.findOne(entity, { id } as never, { lockMode: LockMode.PESSIMISTIC_WRITE });
  if (!record) refuse(userError(['id'], `no ${typename} with this ID (or it is archived)`, UserErrorCode.NOT_FOUND));
  if (record.version !== expectedVersion) {
    refuse(userError(['expectedVersion'],
      `the ${typename} was changed since version ${expectedVersion}: its current version is ${record.version}; read it again and re-apply your change`,
      UserErrorCode.CONFLICT, record.version));
  }
  return record;
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

/** `<thing>Create`: the input in seed form passes the seed rules, then one record and its citations. */
export async function createRecord<T>(ctx: RequestContext, kind: EditableKind, action: string, input: Record<string, any>): Promise<Edited<T>> {
  const outcome = await editRecord(ctx, action, async (em, audit) => {
    const data = compact(withSources(kind, compact(patchOf(input)), input.sources ?? []));
    const errors = await checkRecord(em, kind.collection, data, inputPaths(input));
    if (errors.length > 0) refuse(...errors);
    if (typeof data.slug === 'string') await checkSlugFree(em, kind, data.slug);
    const record: EditableEntity = em.create(kind.entity, await kind.toData(data, new References(em), true));
    if (kind.cited) {
      audit.sources.set(record.id, { before: null, after: input.sources });
      await cite(em, kind.typename, record.id, input.sources);
    }
    await em.flush();
    return record.id;
  });
  return { record: await reload<T>(ctx, kind, outcome.id), userErrors: outcome.userErrors };
}

/** The seeds' rule that a slug names one record of its kind. */
export async function checkSlugFree(em: EntityManager, kind: Pick<EditableKind, 'entity' | 'refKind'>, slug: string, except: string | null = null): Promise<void> {
  const taken = await em.findOne(kind.entity, { slug, ...(except ? { id: { $ne: except } } : {}) } as never, { filters: false, fields: ['id'] as never });
  if (taken) refuse(userError(['slug'], `duplicate slug "${slug}" (already used by another ${kind.refKind})`, UserErrorCode.VALIDATION));
}

/** Decodes the record's global ID; an ID of another type is NOT_FOUND. */
export function recordId(kind: { typename: string }, id: string): string {
  const decoded = fromGlobalId(id, 'input.id');
  if (decoded.typename !== kind.typename) refuse(userError(['id'], `this ID is not a ${kind.typename}'s`, UserErrorCode.NOT_FOUND));
  return decoded.uuid;
}

/**
 * `<thing>Update`: applies the given fields to the record's seed form (null clears a field), runs the
 * seed rules on the result and assigns it to the entity. The sources cited are added to the record's.
 */
export async function updateRecord<T>(ctx: RequestContext, kind: EditableKind, action: string, input: Record<string, any>): Promise<Edited<T>> {
  const outcome = await editRecord(ctx, action, async (em, audit) => {
    const id = recordId(kind, input.id);
    requireSources(kind, input.sources);
    const record = await lockRecord(em, kind.entity, kind.typename, id, input.expectedVersion);
    const refs = new References(em);
    const seed = await kind.toSeed(record, refs);
    const merged: Record<string, unknown> = { ...seed };
    for (const [key, value] of Object.entries(patchOf(input))) {
      if (value === null) delete merged[key];
      else merged[key] = value;
    }
    const cited = kind.cited ? await citedSources(em, id) : [];
    const data = withSources(kind, merged, [...new Set([...(input.sources as string[] ?? []), ...cited])]);
    const errors = await checkRecord(em, kind.collection, data, inputPaths(input));
    if (errors.length > 0) refuse(...errors);
    if (typeof data.slug === 'string' && data.slug !== seed.slug) await checkSlugFree(em, kind, data.slug, id);
    em.assign(record, await kind.toData(data, refs, false));
    if (kind.cited) {
      audit.sources.set(id, { before: cited, after: [...new Set([...cited, ...input.sources])] });
      await cite(em, kind.typename, id, input.sources);
    }
    await em.flush();
    return id;
  });
  return { record: await reload<T>(ctx, kind, outcome.id), userErrors: outcome.userErrors };
}

/** `<thing>Archive`: sets archivedAt (version + 1). The record leaves the public API; nothing is deleted. */
export async function archiveRecord(ctx: RequestContext, kind: EditableKind, action: string, input: { id: string; expectedVersion: number; sources: string[] }): Promise<{ archivedId: string | null; userErrors: UserError[] }> {
  const outcome = await editRecord(ctx, action, async (em, audit) => {
    const id = recordId(kind, input.id);
    requireSources({ ...kind, cited: true }, input.sources);
    const record = await lockRecord(em, kind.entity, kind.typename, id, input.expectedVersion);
    const unknown = await unknownSources(em, input.sources);
    if (unknown.length > 0) refuse(...unknown);
    record.archivedAt = new Date();
    if (kind.cited) {
      const cited = await citedSources(em, id);
      audit.sources.set(id, { before: cited, after: [...new Set([...cited, ...input.sources])] });
      await cite(em, kind.typename, id, input.sources);
    }
    audit.extra.set(id, { citedForArchive: input.sources });
    await em.flush();
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
