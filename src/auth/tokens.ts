import { createHash, randomBytes, randomUUID, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { sql } from '../database/sql.js';
import { ROLES, type Role } from './viewer.js';

/**
 * API tokens. A token reads `mlg_<id>_<secret>`: `<id>` is the row's uuid without dashes (32 hex
 * digits, so the row is found by primary key), `<secret>` is 32 random bytes in base64url (256 bits).
 * Only an scrypt hash of the secret is stored (Node's built-in `crypto.scrypt`, a salt per token):
 * the token itself is printed once, when it is created, and can never be read back.
 */
export const TOKEN_PREFIX = 'mlg_';
const TOKEN_PATTERN = /^mlg_([0-9a-f]{32})_([A-Za-z0-9_-]{43})$/;

/** scrypt cost: N = 2^15, r = 8, p = 1 (32 MiB, ~50-100 ms). Stored with each hash so it can be raised later. */
const SCRYPT = { N: 2 ** 15, r: 8, p: 1 };
const KEY_LENGTH = 32;

export class TokenError extends Error {}

export interface TokenRow {
  id: string;
  name: string;
  role: Role;
  created_at: Date;
  expires_at: Date | null;
  revoked_at: Date | null;
  last_used_at: Date | null;
}

/** A timestamptz as an ISO 8601 string in UTC (the pool hands timestamps over as PostgreSQL text). */
export const isoTimestamp = (column: string) => `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
const toDate = (value: string | null) => (value === null ? null : new Date(value));

/** What `list-tokens` shows: never the secret, never its hash. */
export const TOKEN_COLUMNS = `t.id, t.name, t.role, ${isoTimestamp('t.created_at')} as created_at, ${isoTimestamp('t.expires_at')} as expires_at,
  ${isoTimestamp('t.revoked_at')} as revoked_at, ${isoTimestamp('t.last_used_at')} as last_used_at`;
export type RawTokenRow = Omit<TokenRow, 'created_at' | 'expires_at' | 'revoked_at' | 'last_used_at'>
  & { created_at: string; expires_at: string | null; revoked_at: string | null; last_used_at: string | null };
export function toTokenRow(r: RawTokenRow): TokenRow {
  return { ...r, created_at: new Date(r.created_at), expires_at: toDate(r.expires_at), revoked_at: toDate(r.revoked_at), last_used_at: toDate(r.last_used_at) };
}

function scryptAsync(secret: string, salt: Buffer, keyLength: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(secret, salt, keyLength, { ...options, maxmem: 256 * options.N! * options.r! }, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

/** `scrypt$N$r$p$<salt>$<hash>` (base64url), salt of 16 random bytes. */
export async function hashSecret(secret: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptAsync(secret, salt, KEY_LENGTH, SCRYPT);
  return ['scrypt', SCRYPT.N, SCRYPT.r, SCRYPT.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/** Constant-time comparison of a secret with a stored hash; false for any hash it cannot read. */
export async function verifySecret(secret: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const key = await scryptAsync(secret, Buffer.from(salt, 'base64url'), expected.length, { N: Number(n), r: Number(r), p: Number(p) });
  return timingSafeEqual(key, expected);
}

/** The parts of a presented token, or null when it cannot be one of ours. */
export function parseToken(token: string): { id: string; secret: string } | null {
  const match = TOKEN_PATTERN.exec(token);
  if (!match) return null;
  const hex = match[1]!;
  const id = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  return { id, secret: match[2]! };
}

/** A fast digest of a secret, for the in-memory cache of verified tokens (never stored). */
export function secretDigest(secret: string): Buffer {
  return createHash('sha256').update(secret).digest();
}

/** `90d`, `12h`, `2w`, `1y` or a date (`2027-01-31`) → the instant the token stops working. */
export function parseExpiry(value: string, now = new Date()): Date {
  const relative = /^(\d{1,5})([hdwy])$/.exec(value.trim());
  if (relative) {
    const hours = { h: 1, d: 24, w: 24 * 7, y: 24 * 365 }[relative[2] as 'h' | 'd' | 'w' | 'y'];
    const amount = Number(relative[1]);
    if (amount === 0) throw new TokenError(`--expires must be a positive duration (got "${value}")`);
    return new Date(now.getTime() + amount * hours * 3_600_000);
  }
  if (/^\d{4}-\d{2}-\d{2}(T.*)?$/.test(value.trim())) {
    const date = new Date(value.trim());
    if (Number.isNaN(date.getTime())) throw new TokenError(`--expires: "${value}" is not a date`);
    if (date <= now) throw new TokenError(`--expires: ${value} is in the past`);
    return date;
  }
  throw new TokenError(`--expires must be a duration like 90d, 12h, 2w, 1y or a date like 2027-01-31 (got "${value}")`);
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

export interface CreatedToken {
  /** The token to hand to its holder: shown once, never stored. */
  token: string;
  row: TokenRow;
}

/** Creates a token. Names identify authors in the audit trail: a name in use by a valid token is refused. */
export async function createToken(em: EntityManager, input: { name: string; role: string; expiresAt?: Date | null }): Promise<CreatedToken> {
  const name = input.name.trim();
  if (name.length === 0 || name.length > 100) throw new TokenError('--name must hold 1 to 100 characters');
  if (!isRole(input.role)) throw new TokenError(`--role must be one of ${ROLES.join(', ')} (got "${input.role}")`);
  const [taken] = await sql<{ id: string }>(em,
    `select t.id from api_token t where lower(t.name) = lower($1) and t.revoked_at is null and (t.expires_at is null or t.expires_at > now())`, [name]);
  if (taken) throw new TokenError(`a valid token is already named "${name}" (id ${taken.id}); revoke it first or choose another name`);
  const id = randomUUID();
  const secret = randomBytes(32).toString('base64url');
  const secretHash = await hashSecret(secret);
  const [row] = await sql<RawTokenRow>(em,
    `insert into api_token as t (id, name, role, secret_hash, expires_at) values ($1, $2, $3, $4, $5) returning ${TOKEN_COLUMNS}`,
    [id, name, input.role, secretHash, input.expiresAt?.toISOString() ?? null]);
  return { token: `${TOKEN_PREFIX}${id.replaceAll('-', '')}_${secret}`, row: toTokenRow(row!) };
}

export async function listTokens(em: EntityManager): Promise<TokenRow[]> {
  return (await sql<RawTokenRow>(em, `select ${TOKEN_COLUMNS} from api_token t order by t.created_at, t.id`)).map(toTokenRow);
}

/** Listeners told when a token is revoked in this process (the authenticators drop it from their cache). */
const revocationListeners = new Set<(tokenId: string) => void>();
export function onTokenRevoked(listener: (tokenId: string) => void): () => void {
  revocationListeners.add(listener);
  return () => revocationListeners.delete(listener);
}

/**
 * Revokes a token by id (uuid, or the 32 hex digits of the token) or by name (the valid tokens of
 * that name; there is at most one). Returns the tokens revoked; already revoked ones are left as they were.
 */
export async function revokeToken(em: EntityManager, idOrName: string): Promise<TokenRow[]> {
  const key = idOrName.trim();
  const hex = key.replaceAll('-', '').toLowerCase();
  const byId = /^[0-9a-f]{32}$/.test(hex);
  const id = byId ? `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}` : null;
  const matches = await sql<RawTokenRow>(em,
    `select ${TOKEN_COLUMNS} from api_token t where ${byId ? 't.id = $1::uuid' : 'lower(t.name) = lower($1)'}`, [id ?? key]);
  if (matches.length === 0) throw new TokenError(`no token has the ${byId ? 'id' : 'name'} "${key}"`);
  const revoked = (await sql<RawTokenRow>(em,
    `update api_token t set revoked_at = now() where t.id = any($1::uuid[]) and t.revoked_at is null returning ${TOKEN_COLUMNS}`,
    [matches.map((m) => m.id)])).map(toTokenRow);
  for (const row of revoked) for (const listener of revocationListeners) listener(row.id);
  return revoked;
}
