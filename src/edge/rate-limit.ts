import { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { EdgeConfig } from './config.js';

/** Who is spending: an address (the public) or an API token (its id). */
export interface Client {
  kind: 'address' | 'token';
  key: string;
}

export interface RateState {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Seconds until the window's points are back. */
  reset: number;
  windowSeconds: number;
}

/**
 * Points per window and per client, spent by each request's cost (rate-limiter-flexible, fixed
 * windows). With REDIS_URL the counters live in Redis and every API process shares them; when Redis
 * does not answer, an in-memory limiter with the same policy stands in (per process) rather than
 * refusing everyone. Without REDIS_URL, memory only.
 */
export class CostRateLimiter {
  private readonly redis: Redis | undefined;
  private readonly limiters: Record<Client['kind'], RateLimiterAbstract>;

  constructor(private readonly config: Pick<EdgeConfig, 'ratePoints' | 'tokenRatePoints' | 'rateWindowSeconds' | 'redisUrl'>, keyPrefix = 'maillage:rate') {
    const make = (points: number, prefix: string): RateLimiterAbstract => {
      const memory = new RateLimiterMemory({ points, duration: config.rateWindowSeconds, keyPrefix: prefix });
      if (!this.redis) return memory;
      return new RateLimiterRedis({
        storeClient: this.redis, points, duration: config.rateWindowSeconds, keyPrefix: prefix,
        rejectIfRedisNotReady: true, insuranceLimiter: memory,
      });
    };
    if (config.redisUrl) {
      // Fail fast while Redis is away: the insurance limiter answers instead of requests queuing.
      this.redis = new Redis(config.redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: false });
      this.redis.on('error', () => undefined);
    }
    this.limiters = { address: make(config.ratePoints, `${keyPrefix}:a`), token: make(config.tokenRatePoints, `${keyPrefix}:t`) };
  }

  /** Resolves once Redis answers (at once without Redis); until then each process counts in memory. */
  async ready(timeoutMs = 5000): Promise<void> {
    const redis = this.redis;
    if (!redis || redis.status === 'ready') return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      redis.once('ready', () => { clearTimeout(timer); resolve(); });
    });
  }

  get shared(): boolean {
    return this.redis !== undefined;
  }

  limitOf(client: Client): number {
    return client.kind === 'token' ? this.config.tokenRatePoints : this.config.ratePoints;
  }

  /** Spends `cost` points (at least 1) of the client's window. */
  async spend(client: Client, cost: number): Promise<RateState> {
    const limit = this.limitOf(client);
    const windowSeconds = this.config.rateWindowSeconds;
    try {
      const res = await this.limiters[client.kind].consume(client.key, Math.max(1, Math.ceil(cost)));
      return { allowed: true, limit, remaining: res.remainingPoints, reset: Math.ceil(res.msBeforeNext / 1000), windowSeconds };
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) {
        return { allowed: false, limit, remaining: 0, reset: Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)), windowSeconds };
      }
      throw rejection;
    }
  }

  async close(): Promise<void> {
    await this.redis?.quit().catch(() => this.redis?.disconnect());
  }
}

/** IETF draft RateLimit headers (draft-ietf-httpapi-ratelimit-headers-07, as express-rate-limit sends them). */
export function rateLimitHeaders(state: RateState): Record<string, string> {
  const headers: Record<string, string> = {
    'ratelimit-policy': `${state.limit};w=${state.windowSeconds}`,
    ratelimit: `limit=${state.limit}, remaining=${state.remaining}, reset=${state.reset}`,
  };
  if (!state.allowed) headers['retry-after'] = String(state.reset);
  return headers;
}
