import type { EntityManager } from '@mikro-orm/postgresql';
import { sql } from '../database/sql.js';
import { checkSeedRecordShape } from '../seeding/read-seeds.js';
import type { SeedCollection } from '../seeding/seed-schema.js';
import { checkSeedRecord, type KnownKeys } from '../seeding/validate-seeds.js';
import { seedFieldPath, userError, UserErrorCode, type UserError } from './user-error.js';

/**
 * Which records exist, asked of the database in one statement. Archived records do not count: an
 * edit cannot point at them. A locality is a commune or a city abroad, named by its territory slug
 * (`commune-59350`, `city-montreal`); areas, regions, departments and communes by their code.
 */
export async function knownInDatabase(em: EntityManager, asked: { kind: string; key: string }[]): Promise<KnownKeys> {
  const rows = asked.length === 0 ? [] : await sql<{ kind: string; key: string }>(em,
    `select u.kind, u.key from unnest($1::text[], $2::text[]) as u(kind, key)
     where case u.kind
       when 'source' then exists (select 1 from source x where x.slug = u.key and x.archived_at is null)
       when 'campaign' then exists (select 1 from campaign x where x.slug = u.key)
       when 'locality' then exists (select 1 from territory x where x.slug = u.key and x.kind in ('COMMUNE', 'CITY'))
       when 'area' then exists (select 1 from territory x where x.kind = 'AREA' and x.code = u.key)
       when 'region' then exists (select 1 from territory x where x.kind = 'REGION' and x.code = u.key)
       when 'department' then exists (select 1 from territory x where x.kind = 'DEPARTMENT' and x.code = u.key)
       when 'commune' then exists (select 1 from territory x where x.kind = 'COMMUNE' and x.code = u.key)
       when 'ecosystem' then exists (select 1 from ecosystem x where x.slug = u.key)
       when 'association' then exists (select 1 from association x where x.slug = u.key and x.archived_at is null)
       when 'institution' then exists (select 1 from institution x where x.slug = u.key and x.archived_at is null)
       when 'person' then exists (select 1 from person x where x.slug = u.key and x.archived_at is null)
       when 'hub' then exists (select 1 from hub x where x.slug = u.key and x.archived_at is null)
       when 'programme' then exists (select 1 from programme x where x.slug = u.key and x.archived_at is null)
       when 'event' then exists (select 1 from event x where x.slug = u.key and x.archived_at is null)
       else false end`,
    [asked.map((a) => a.kind), asked.map((a) => a.key)]);
  const found = new Set(rows.map((r) => `${r.kind}:${r.key}`));
  return { has: (kind, key) => found.has(`${kind}:${key}`) };
}

/** Maps a seed field path to the mutation input's path; null when the field is not the input's. */
export type FieldMapper = (seedPath: string[]) => string[] | null;
export const sameFields: FieldMapper = (path) => path;
/** For records checked inside a wrapper (a label inside an ecosystem): strips the wrapper's prefix. */
export function under(...prefix: string[]): FieldMapper {
  return (path) => (prefix.every((p, i) => path[i] === p) ? path.slice(prefix.length) : null);
}

/**
 * The seed loader's rules on one record, against the database: first the JSON Schema of its
 * collection, then the reference and date checks of validate-seeds.ts. Each problem becomes a user
 * error with the input field's path; an empty list means the record may be written.
 */
export async function checkRecord(em: EntityManager, collection: SeedCollection, data: Record<string, unknown>, toInput: FieldMapper = sameFields): Promise<UserError[]> {
  const errorOf = (field: string, message: string, code: UserErrorCode) => {
    const path = field === '' ? [] : seedFieldPath(field);
    const mapped = toInput(path);
    return userError(mapped && mapped.length > 0 ? mapped : null, message, code);
  };
  const shape = checkSeedRecordShape(collection, data);
  if (shape.length > 0) return shape.map((p) => errorOf(p.field, p.message, UserErrorCode.VALIDATION));

  const asked: { kind: string; key: string }[] = [];
  checkSeedRecord(collection, data, { has: (kind, key) => { asked.push({ kind, key }); return true; } }, () => undefined);
  const known = await knownInDatabase(em, asked);
  const errors: UserError[] = [];
  checkSeedRecord(collection, data, known, (field, message) => {
    const reference = /^unknown (?!field)/.test(message);
    errors.push(errorOf(field, message, reference ? UserErrorCode.REFERENCE : UserErrorCode.VALIDATION));
  });
  return errors;
}
