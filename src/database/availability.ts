import type { ServerResponse } from 'node:http';
import type { ApolloServerPlugin } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import type { Logger } from '../server/logger.js';

/**
 * Whether PostgreSQL can be reached, as the server sees it. The first request that fails for want of
 * a connection marks the database down (one log line); from then on every request is answered at once
 * with HTTP 503, `Retry-After` and a GraphQL error coded SERVICE_UNAVAILABLE, without touching the
 * database, while a probe (every PROBE_MS) waits for it to answer; its return is logged once too, with
 * the outage's length. Errors that are not about reaching the database are left to the normal paths.
 */
export const SERVICE_UNAVAILABLE = 'SERVICE_UNAVAILABLE';
const PROBE_MS = 250;
export const RETRY_AFTER_SECONDS = 2;

export class DatabaseAvailability {
  private downSince: number | undefined;
  private probing: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(private readonly probe: () => Promise<boolean>, private readonly logger: Logger) {}

  get available(): boolean {
    return this.downSince === undefined;
  }

  /** Notes a failure: true (and the database marked down) when it means PostgreSQL cannot be reached. */
  noteFailure(error: unknown): boolean {
    if (!isDatabaseUnavailableError(error)) return false;
    this.markDown(describe(error));
    return true;
  }

  markDown(reason: string): void {
    if (this.downSince !== undefined || this.closed) return;
    this.downSince = Date.now();
    this.logger.error({ reason }, 'database unavailable: answering 503 until it is back');
    this.scheduleProbe();
  }

  private scheduleProbe() {
    this.probing = setTimeout(async () => {
      const ok = await this.probe().catch(() => false);
      if (this.closed) return;
      if (!ok) return this.scheduleProbe();
      const downMs = Date.now() - this.downSince!;
      this.downSince = undefined;
      this.logger.info({ downMs }, 'database available again');
    }, PROBE_MS);
    this.probing.unref();
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.probing);
  }
}

/** Connection refused or lost, or a server shutting down or starting up: not the request's fault. */
export function isDatabaseUnavailableError(error: unknown): boolean {
  for (let e = error as any, depth = 0; e && depth < 5; e = e.cause ?? e.previous, depth++) {
    if (e.name === 'ConnectionException') return true;
    const code = String(e.code ?? e.sqlState ?? '');
    if (/^(ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT|EHOSTUNREACH|ENOTFOUND|EAI_AGAIN|57P0[123]|08...)$/.test(code)) return true;
    if (/Connection terminated|Client has encountered a connection error|timeout exceeded when trying to connect|terminating connection due to (administrator command|crash of another server process|unexpected postmaster exit)|the database system is (starting up|shutting down|in recovery)|connect ECONNREFUSED/.test(String(e.message ?? ''))) return true;
  }
  return false;
}

function describe(error: unknown): string {
  const e = error as { code?: string; message?: string };
  return `${e.code ? `${e.code}: ` : ''}${String(e.message ?? error).split('\n')[0]}`;
}

export function unavailablePayload() {
  return { errors: [{ message: `The database is unavailable; retry in ${RETRY_AFTER_SECONDS} s.`, extensions: { code: SERVICE_UNAVAILABLE } }] };
}

/** 503 with Retry-After and a GraphQL-shaped body, for any route. */
export function sendUnavailable(res: ServerResponse): void {
  res.statusCode = 503;
  res.setHeader('retry-after', String(RETRY_AFTER_SECONDS));
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.end(JSON.stringify(unavailablePayload()));
}

/** The GraphQL error a resolver's connection failure becomes (no stack, no internals). */
export function unavailableError(formatted: { locations?: unknown; path?: unknown }) {
  return { ...unavailablePayload().errors[0]!, locations: formatted.locations as any, path: formatted.path as any };
}

/**
 * Marks the database down when a resolver failed for want of it, and answers such a request with
 * 503 and Retry-After (its errors were already rewritten by formatError).
 */
export function availabilityPlugin(availability: DatabaseAvailability): ApolloServerPlugin<any> {
  return {
    async requestDidStart() {
      let unavailable = false;
      return {
        async didEncounterErrors({ errors }) {
          for (const error of errors) if (availability.noteFailure(unwrapResolverError(error))) unavailable = true;
        },
        async willSendResponse({ response }) {
          if (!unavailable) return;
          response.http.status = 503;
          response.http.headers.set('retry-after', String(RETRY_AFTER_SECONDS));
          response.http.headers.delete('cache-control');
        },
      };
    },
  };
}

/**
 * Gives back to the pool the connections that died while checked out inside a transaction. Kysely
 * 0.29's ControlledTransaction releases its connection only after a successful COMMIT or ROLLBACK
 * (kysely.js, commit()/rollback()), so a transaction whose connection is lost keeps its pool slot
 * forever: after a few outages the pool is exhausted and `orm.close()` waits for ever. A client that
 * has been dead (pg's `_queryable` false) for over a second is released with an error, which makes the
 * pool drop it. Reads pg-pool 3 internals (`_clients`, `_idle`): the versions are pinned.
 */
const deadSince = new WeakMap<object, number>();
export function releaseLostConnections(pool: any, minDeadMs = 1000): number {
  const idle = new Set((pool?._idle ?? []).map((item: { client: object }) => item.client));
  let released = 0;
  for (const client of [...(pool?._clients ?? [])]) {
    if (idle.has(client) || client._queryable !== false || typeof client.release !== 'function') continue;
    const since = deadSince.get(client) ?? Date.now();
    deadSince.set(client, since);
    if (Date.now() - since < minDeadMs) continue;
    try {
      client.release(new Error('connection lost inside a transaction'));
      released++;
    } catch { /* released meanwhile by its owner */ }
  }
  return released;
}
