/**
 * Counts failed authentications per key (a client address, or a presented token id: the
 * Authenticator keeps one limiter of each): after `limit` failures within `windowMs` the key is
 * blocked for `blockMs`, and the Authenticator refuses its failing attempts with HTTP 429 and
 * Retry-After (never a valid token from a blocked address). In memory, per process: enough to make guessing pointless (a token carries 256 random
 * bits anyway) and to stop a misconfigured client from hammering the database. Memory is bounded:
 * stale entries are swept, and at most `maxClients` are tracked (the oldest are forgotten first).
 */
export interface FailureLimiterOptions {
  limit: number;
  windowMs: number;
  blockMs: number;
  maxClients?: number;
}

interface ClientState {
  /** Times of the recent failures (at most `limit`). */
  failures: number[];
  blockedUntil: number;
}

export class FailureLimiter {
  private readonly clients = new Map<string, ClientState>();
  private readonly maxClients: number;

  constructor(private readonly options: FailureLimiterOptions) {
    this.maxClients = options.maxClients ?? 100_000;
  }

  /** Seconds the client must wait before trying again, or 0 when it may try now. */
  retryAfter(client: string, now = Date.now()): number {
    const state = this.clients.get(client);
    if (!state || state.blockedUntil <= now) return 0;
    return Math.max(1, Math.ceil((state.blockedUntil - now) / 1000));
  }

  /** Records a failure; returns the seconds the client is now blocked for (0 while under the limit). */
  fail(client: string, now = Date.now()): number {
    let state = this.clients.get(client);
    if (state) this.clients.delete(client); // re-inserted below: Map order = least recently failed first
    else state = { failures: [], blockedUntil: 0 };
    state.failures = state.failures.filter((at) => at > now - this.options.windowMs);
    state.failures.push(now);
    if (state.failures.length >= this.options.limit) {
      state.blockedUntil = now + this.options.blockMs;
      state.failures = [];
    }
    this.clients.set(client, state);
    this.sweep(now);
    return this.retryAfter(client, now);
  }

  /** How many clients are tracked (for tests). */
  get size(): number {
    return this.clients.size;
  }

  private sweep(now: number): void {
    if (this.clients.size <= this.maxClients) return;
    for (const [client, state] of this.clients) {
      const stale = state.blockedUntil <= now && state.failures.every((at) => at <= now - this.options.windowMs);
      if (stale) this.clients.delete(client);
    }
    // Still too many: forget the least recently failed.
    for (const client of this.clients.keys()) {
      if (this.clients.size <= this.maxClients) break;
      this.clients.delete(client);
    }
  }
}
