// The search rule comes from the editing layer, whose modules declare GraphQL types on import.
import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { PROJECT_ROOT } from '../shared/project-root.js';
import { sql } from '../database/sql.js';
import { reindexAll } from '../search/search-index.js';
import { describeRecord, readSeeds, type SeedRecord, type SeedSet } from './read-seeds.js';
import { changedFields, localitySlugs, readSeedForms, RECORD_TYPE, seedKey, type SeedForms } from './seed-forms.js';
import { COLLECTIONS, type SeedCollection } from './seed-schema.js';
import { validateSeeds } from './validate-seeds.js';
import { writeSeeds, type WriteStats } from './write-seeds.js';

export const SEEDS_DIR = path.join(PROJECT_ROOT, 'seeds');

export interface LoadOptions {
  /** Overwrite records edited through the API since they were loaded (each one audited as `seedForce`). */
  force?: boolean;
  /** Audit author; default `seed:<git describe of the seeds>` or `seed:<folder>`. */
  author?: string;
}

export interface LoadStats extends WriteStats {
  /** Seed records the load inserted or changed: one audit entry each. */
  recordsInserted: number;
  recordsUpdated: number;
  /** Records edited through the API that `--force` overwrote. */
  overwritten: SeedConflict[];
  author: string;
  /** False for the initial import into an empty database (not audited record by record). */
  audited: boolean;
}

/** A field of a record that the seeds would change although it was edited through the API since the last load. */
export interface SeedConflict {
  file: string;
  /** `associations[0] "cap-numeric"` */
  record: string;
  field: string;
  /** The latest API edit of the record: who, when, which mutation, and how many edits since the last load. */
  author: string;
  at: string;
  action: string;
  edits: number;
}

export class SeedConflictError extends Error {
  constructor(readonly conflicts: SeedConflict[]) {
    const lines = conflicts.map((c) => `  ${c.file}: ${c.record}, field ${c.field}: edited through the API by "${c.author}" at ${c.at} (${c.action}${c.edits > 1 ? `, ${c.edits} edits` : ''})`);
    super([
      `The seeds would overwrite ${conflicts.length} field(s) edited through the API since the last load; nothing was written:`,
      ...lines,
      'Export the database into the seeds (npm run seed:export) and review the diff, or overwrite these edits with npm run seed -- --force (audited).',
    ].join('\n'));
    this.name = 'SeedConflictError';
  }
}

/**
 * Reads and validates the seeds, then writes them in one transaction: a broken file or a conflict
 * writes nothing. The database is the source of truth once edited: a record changed through the API
 * since it was loaded is not overwritten unless `force` is set. Every record a reload inserts or
 * changes gets an audit entry authored by the seed loader (`seed:<git describe>`).
 */
export async function loadSeeds(orm: MikroORM, dir = SEEDS_DIR, options: LoadOptions = {}): Promise<LoadStats> {
  const set = await readSeeds(dir);
  validateSeeds(set);
  const author = options.author ?? seedAuthor(dir);
  const stats = await orm.em.fork().transactional(async (em) => {
    const localities = localitySlugs(set);
    const before = await readSeedForms(em, localities);
    // The initial import into an empty database is not audited record by record: the seed files (and
    // their git history) are its record. Every later load audits each record it inserts or changes.
    const initial = COLLECTIONS.every((c) => before[c].size === 0);
    const written = await writeSeeds(em, set, { author: initial ? undefined : author });
    const after = await readSeedForms(em, localities);
    const result = await auditLoad(em, set, before, after, author, options.force ?? false, !initial);
    // The index is rebuilt from the tables; archived records stay out of it.
    await reindexAll(em);
    return { ...written, ...result, author, audited: !initial };
  });
  // Fresh planner statistics for the tables the load just filled.
  await sql(orm.em.fork(), 'analyze');
  return stats;
}

/** Validates without touching a database (`npm run seed:check`). */
export async function checkSeeds(dir = SEEDS_DIR) {
  const set = await readSeeds(dir);
  validateSeeds(set);
  return set;
}

/** `seed:<git describe>` of the folder holding the seeds (`-dirty` when they have uncommitted edits), else `seed:<folder>`. */
export function seedAuthor(dir: string): string {
  try {
    const described = execFileSync('git', ['-C', dir, 'describe', '--always', '--dirty'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    if (described) return `seed:${described}`;
  } catch { /* not in a git work tree */ }
  const relative = path.relative(PROJECT_ROOT, dir);
  return `seed:${relative && !relative.startsWith('..') ? relative : path.resolve(dir)}`;
}

interface Change { collection: SeedCollection; key: string; rec: SeedRecord | undefined; id: string; before: Record<string, unknown> | null; after: Record<string, unknown>; fields: string[] }

/**
 * Compares the seed forms before and after the write: each changed record gets an audit entry; a
 * changed record with API edits since its last load is a conflict (the transaction is rolled back
 * unless `force`). A record whose API edits the files now agree with (exported, then committed) gets a
 * `seedAccept` entry, so that the next change of its seed is not taken for a conflict.
 */
async function auditLoad(em: EntityManager, set: SeedSet, before: SeedForms, after: SeedForms, author: string, force: boolean, audit: boolean) {
  const changes: Change[] = [];
  const inFiles: { id: string; ids: string[]; collection: SeedCollection; data: Record<string, unknown> }[] = [];
  for (const collection of COLLECTIONS) {
    const records = new Map(set[collection].map((r) => [seedKey(collection, r.data), r]));
    for (const [key, form] of after[collection]) {
      const old = before[collection].get(key);
      const rec = records.get(key);
      if (rec) inFiles.push({ id: form.id, ids: form.ids, collection, data: form.data });
      if (old && old.id === form.id && changedFields(old.data, form.data).length === 0) continue;
      changes.push({ collection, key, rec, id: form.id, before: old?.data ?? null, after: form.data,
        fields: old ? changedFields(old.data, form.data) : [] });
    }
  }

  const pending = await pendingEdits(em, inFiles.map((r) => ({ id: r.id, ids: r.ids })));
  const conflicts: SeedConflict[] = [];
  const forced = new Set<string>();
  for (const change of changes) {
    const edit = change.before && pending.get(change.id);
    if (!edit) continue;
    forced.add(change.id);
    for (const field of change.fields) {
      conflicts.push({ file: change.rec?.file ?? '(database)', record: change.rec ? describeRecord(change.collection, change.rec.index, change.rec.data) : `${change.collection} "${change.key}"`,
        field, ...edit });
    }
  }
  // A record renamed through the API is not in the files under its new slug: loading its old one would
  // create it again beside it, so the old slug is a conflict too.
  const inserted = changes.filter((c) => !c.before && c.rec);
  if (inserted.length > 0) {
    const renames = await pendingRenames(em, inserted.map((c) => RECORD_TYPE[c.collection]), inserted.map((c) => c.key));
    for (const change of inserted) {
      const rename = renames.get(`${RECORD_TYPE[change.collection]}:${change.key}`);
      if (!rename) continue;
      conflicts.push({ file: change.rec!.file, record: describeRecord(change.collection, change.rec!.index, change.rec!.data), field: 'slug',
        author: rename.author, at: rename.at, action: `${rename.action}, renamed to "${rename.slug}"`, edits: 1 });
    }
  }
  if (conflicts.length > 0 && !force) throw new SeedConflictError(conflicts);

  const changedIds = new Set(changes.map((c) => c.id));
  const accepted = inFiles.filter((r) => pending.has(r.id) && !changedIds.has(r.id));
  const entries = [
    ...changes.map((c) => ({ action: forced.has(c.id) ? 'seedForce' : c.before ? 'seedUpdate' : 'seedInsert', type: RECORD_TYPE[c.collection], id: c.id, before: c.before, after: c.after })),
    ...accepted.map((r) => ({ action: 'seedAccept', type: RECORD_TYPE[r.collection], id: r.id, before: r.data, after: r.data })),
  ];
  if (audit && entries.length > 0) {
    await sql(em,
      `insert into audit_entry (author, action, record_type, record_id, before, after)
       select $1, u.action, u.type, u.id, u.before, u.after from unnest($2::text[], $3::text[], $4::uuid[], $5::jsonb[], $6::jsonb[]) as u(action, type, id, before, after)`,
      [author, entries.map((e) => e.action), entries.map((e) => e.type), entries.map((e) => e.id),
        entries.map((e) => (e.before ? JSON.stringify(e.before) : null)), entries.map((e) => JSON.stringify(e.after))]);
  }
  return {
    recordsInserted: changes.filter((c) => !c.before).length,
    recordsUpdated: changes.filter((c) => c.before).length,
    overwritten: conflicts,
  };
}

/**
 * Records edited through the API (an audit entry with a token) after the seed loader last wrote them
 * (an entry without a token): the latest such edit of each, by the record's main id. Edits of a child
 * row (a role, a label) count for the record that holds it.
 */
async function pendingEdits(em: EntityManager, records: { id: string; ids: string[] }[]): Promise<Map<string, { author: string; at: string; action: string; edits: number }>> {
  const owner = new Map<string, string>();
  for (const r of records) for (const id of r.ids) owner.set(id, r.id);
  const rows = await sql<{ record_id: string; author: string; at: string; action: string; edits: number }>(em,
    `with edits as (
       select coalesce(o.owner_id, a.record_id) as owner_id, a.author, a.at, a.action, a.id
       from audit_entry a join unnest($1::uuid[], $2::uuid[]) as o(row_id, owner_id) on o.row_id = a.record_id
       where a.token_id is not null
     ), loaded as (
       select record_id, max(at) as at from audit_entry where token_id is null and author like 'seed:%' and record_id = any($2::uuid[]) group by record_id
     ), since as (
       select e.* from edits e left join loaded l on l.record_id = e.owner_id where l.at is null or e.at > l.at
     )
     select distinct on (owner_id) owner_id as record_id, author, to_char(at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as at, action,
            (count(*) over (partition by owner_id))::int as edits
     from since order by owner_id, at desc, id desc`,
    [[...owner.keys()], [...owner.values()]]);
  return new Map(rows.map((r) => [r.record_id, { author: r.author, at: r.at, action: r.action, edits: r.edits }]));
}

/** Slugs changed through the API since the seed loader last wrote the record, by `Type:old-slug`. */
async function pendingRenames(em: EntityManager, types: string[], slugs: string[]): Promise<Map<string, { author: string; at: string; action: string; slug: string }>> {
  const rows = await sql<{ type: string; old: string; slug: string; author: string; at: string; action: string }>(em,
    `select distinct on (a.record_type, a.before->>'slug') a.record_type as type, a.before->>'slug' as old, r.slug, a.author, a.action,
            to_char(a.at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as at
     from audit_entry a
     join unnest($1::text[], $2::text[]) as u(type, slug) on u.type = a.record_type and u.slug = a.before->>'slug'
     cross join lateral (select a2.after->>'slug' as slug from audit_entry a2 where a2.record_id = a.record_id order by a2.at desc, a2.id desc limit 1) r
     where a.token_id is not null and a.after is not null and a.after->>'slug' is distinct from a.before->>'slug'
       and a.at > coalesce((select max(s.at) from audit_entry s where s.record_id = a.record_id and s.token_id is null and s.author like 'seed:%'), '-infinity')
     order by a.record_type, a.before->>'slug', a.at desc`,
    [types, slugs]);
  return new Map(rows.map((r) => [`${r.type}:${r.old}`, { author: r.author, at: r.at, action: r.action, slug: r.slug }]));
}
