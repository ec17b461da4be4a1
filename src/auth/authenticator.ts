import { timingSafeEqual } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { sql } from '../database/sql.js';
import type { Viewer, Role } from './viewer.js';
import { FailureLimiter, type FailureLimiterOptions } from './failure-limiter.js';
import { isoTimestamp, onTokenRevoked, parseToken, secretDigest, verifySecret } from './tokens.js';

/** What a request's `Authorization` header comes to. */
export type Authentication =
  | { ok: true; viewer: Viewer | null }
  | { ok: false; status: 401; message: string }
  | { ok: false; status: 429; message: string; retryAfter: number };

export interface AuthenticatorOptions {
  /** How long a verified token is trusted without reading its row again (revocation delay across processes). */
  cacheTtlMs?: number;
  /** How often at most `last_used_at` is written for one token. */
  touchEveryMs?: number;
  /** Verified tokens kept in memory at most. */
  maxCached?: number;
  failures?: FailureLimiterOptions;
}

/** 5 failed authentications within 10 minutes: the client's attempts are refused for 10 minutes. */
export const DEFAULT_FAILURES: FailureLimiterOptions = { limit: 5, windowMs: 10 * 60_000, blockMs: 10 * 60_000 };
export const DEFAULT_CACHE_TTL_MS = 30_000;
export const DEFAULT_TOUCH_EVERY_MS = 60_000;

interface Verified {
  /** sha256 of the secret that passed scrypt: later requests compare digests, not scrypt hashes. */
  digest: Buffer;
  viewer: Viewer;
  expiresAt: number | null;
  /** Until when the row is not read again. */
  checkedUntil: number;
  touchedAt: number;
}

interface TokenState {
  id: string;
  name: string;
  role: Role;
  secret_hash: string;
  expires_at: string | null;
  revoked: boolean;
}

/**
 * Turns `Authorization: Bearer mlg_<id>_<secret>` into a Viewer.
 *
 * - No header: the public (viewer null).
 * - A malformed header, an unknown, revoked or expired token, a wrong secret: 401 (a bad token never
 *   falls back to the public).
 * - Failures are counted twice, separately: per presented token id and per client address. After 5
 *   failures in 10 minutes the id, or the address, is blocked for 10 minutes: its failing attempts get
 *   429 with Retry-After, and cost no database read or scrypt. A valid token is still accepted: from a
 *   blocked address (anyone behind the same NAT or proxy keeps working), and under a blocked id when
 *   this process has verified its secret before (its digest is in memory). The only valid token refused
 *   is one whose own id is under attack and that this process has not yet seen.
 * - Hot path: the scrypt verification runs once per token and process; afterwards the secret's sha256
 *   is compared to the cached one, and the token's row (revocation, expiry, role) is read again at most
 *   every `cacheTtlMs` (30 s). A token revoked with `revokeToken` in this process is dropped at once; one
 *   revoked by another process (`npm run admin -- revoke-token`) stops working within 30 s. Expiry is
 *   checked on every request.
 * - `last_used_at` is written at most once a minute per token and process.
 */
export class Authenticator {
  private readonly cache = new Map<string, Verified>();
  /** Failures per presented token id … */
  private readonly byToken: FailureLimiter;
  /** … and per client address. */
  private readonly byAddress: FailureLimiter;
  private readonly cacheTtlMs: number;
  private readonly touchEveryMs: number;
  private readonly maxCached: number;
  private readonly unsubscribe: () => void;

  constructor(options: AuthenticatorOptions = {}) {
    this.cacheTtlMs = options.cacheTtlMs ?? DEFAULT_CACHE_TTL_MS;
    this.touchEveryMs = options.touchEveryMs ?? DEFAULT_TOUCH_EVERY_MS;
    this.maxCached = options.maxCached ?? 10_000;
    this.byToken = new FailureLimiter(options.failures ?? DEFAULT_FAILURES);
    this.byAddress = new FailureLimiter(options.failures ?? DEFAULT_FAILURES);
    this.unsubscribe = onTokenRevoked((id) => this.cache.delete(id));
  }

  /** Stops listening to revocations (the server is closing). */
  close(): void {
    this.unsubscribe();
    this.cache.clear();
  }

  async authenticate(em: EntityManager, authorization: string | undefined, client: string, now = Date.now()): Promise<Authentication> {
    if (authorization === undefined) return { ok: true, viewer: null };
    const addressBlocked = this.byAddress.retryAfter(client, now);

    const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(authorization);
    const parsed = match ? parseToken(match[1]!) : null;
    if (!parsed) {
      if (addressBlocked > 0) return this.tooMany(addressBlocked, 'client');
      return this.failure(client, null, now, addressBlocked, 'The Authorization header must read "Bearer mlg_…" with a maillage API token.');
    }

    const digest = secretDigest(parsed.secret);
    const cached = this.cache.get(parsed.id);
    // A digest already verified by scrypt for this id: the genuine holder, whatever the limiters say.
    const known = cached !== undefined && timingSafeEqual(cached.digest, digest);
    if (known && cached.checkedUntil > now) {
      if (cached.expiresAt !== null && cached.expiresAt <= now) {
        this.cache.delete(parsed.id);
        return this.failure(client, parsed.id, now, addressBlocked, 'This API token has expired.');
      }
      await this.touch(em, parsed.id, cached, now);
      return { ok: true, viewer: cached.viewer };
    }
    if (!known) {
      const tokenBlocked = this.byToken.retryAfter(parsed.id, now);
      if (tokenBlocked > 0) return this.tooMany(tokenBlocked, 'token');
    }

    const [row] = await sql<TokenState>(em,
      `select id, name, role, secret_hash, ${isoTimestamp('expires_at')} as expires_at, revoked_at is not null as revoked
       from api_token where id = $1::uuid`, [parsed.id]);
    if (!row) {
      this.cache.delete(parsed.id);
      if (addressBlocked > 0) return this.tooMany(addressBlocked, 'client');
      return this.failure(client, parsed.id, now, addressBlocked, 'Unknown API token.');
    }
    // A wrong secret for a known id leaves the genuine holder's cache entry alone.
    if (!known && !(await verifySecret(parsed.secret, row.secret_hash))) return this.failure(client, parsed.id, now, addressBlocked, 'Unknown API token.');
    if (row.revoked) {
      this.cache.delete(parsed.id);
      return this.failure(client, parsed.id, now, addressBlocked, 'This API token has been revoked.');
    }
    const expiresAt = row.expires_at ? Date.parse(row.expires_at) : null;
    if (expiresAt !== null && expiresAt <= now) {
      this.cache.delete(parsed.id);
      return this.failure(client, parsed.id, now, addressBlocked, 'This API token has expired.');
    }
    const verified: Verified = {
      digest, viewer: { tokenId: row.id, name: row.name, role: row.role }, expiresAt,
      checkedUntil: now + this.cacheTtlMs, touchedAt: cached?.touchedAt ?? 0,
    };
    this.cache.delete(parsed.id);
    this.cache.set(parsed.id, verified);
    if (this.cache.size > this.maxCached) this.cache.delete(this.cache.keys().next().value!);
    await this.touch(em, parsed.id, verified, now);
    return { ok: true, viewer: verified.viewer };
  }

  /** Forgets a token at once (it was revoked). */
  forget(tokenId: string): void {
    this.cache.delete(tokenId);
  }

  private async touch(em: EntityManager, id: string, verified: Verified, now: number): Promise<void> {
    if (now - verified.touchedAt < this.touchEveryMs) return;
    verified.touchedAt = now;
    await sql(em, `update api_token set last_used_at = now() where id = $1::uuid`, [id]);
  }

  /** A 401; the failure counts against the address and the presented token id, each of which may then be refused (429). */
  private failure(client: string, tokenId: string | null, now: number, addressBlocked: number, message: string): Authentication {
    this.byAddress.fail(client, now);
    if (tokenId) this.byToken.fail(tokenId, now);
    if (addressBlocked > 0) return this.tooMany(addressBlocked, 'client');
    return { ok: false, status: 401, message };
  }

  private tooMany(retryAfter: number, what: 'client' | 'token'): Authentication {
    const whose = what === 'client' ? 'from this client' : 'with this token id';
    return { ok: false, status: 429, retryAfter, message: `Too many failed authentications ${whose}: try again in ${retryAfter} s.` };
  }
}
