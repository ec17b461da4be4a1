import type { ResponseCacheConfig } from './response-cache.js';

/**
 * The public edge's limits, from the environment (README, "Configuration"). Every number has a
 * default chosen so that every operation of schema/operations and every widget runs, and the
 * abusive shapes of issue 7 are refused (test/edge-limits.test.ts).
 */
export interface EdgeConfig {
  /** Cost of one operation at most (src/edge/cost.ts). */
  maxCost: number;
  /** Cost of the operations one process runs at once (src/edge/admission.ts); costlier ones wait their turn. */
  concurrentCost: number;
  maxDepth: number;
  maxAliases: number;
  /** Lexical tokens of a document at most (graphql-js parser). */
  maxTokens: number;
  maxDirectives: number;
  /** Bytes of a POST body at most. */
  maxBodyBytes: number;
  /** Rate limit: cost points per window for one address (the public) … */
  ratePoints: number;
  /** … and for one API token. */
  tokenRatePoints: number;
  rateWindowSeconds: number;
  /** false: no rate limit (benchmarks). */
  rateLimit: boolean;
  /** Counters shared between processes in Redis; in memory when absent. */
  redisUrl: string | undefined;
  /** A request is stopped after this long (its SQL cancelled); the client gets 503. */
  requestTimeoutMs: number;
  /** Introspection (`__schema`, `__type`); on unless MAILLAGE_INTROSPECTION=false. */
  introspection: boolean;
  /** Count clients by the last X-Forwarded-For address (one trusted reverse proxy in front). */
  trustProxy: boolean;
}

const int = (env: NodeJS.ProcessEnv, name: string, fallback: number, min = 1): number => {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) throw new Error(`${name} must be an integer of at least ${min} (got "${raw}")`);
  return value;
};

export function readEdgeConfig(env: NodeJS.ProcessEnv = process.env): EdgeConfig {
  const ratePoints = int(env, 'MAILLAGE_RATE_POINTS', 1_000_000);
  return {
    maxCost: int(env, 'MAILLAGE_MAX_COST', 100_000),
    // Two national maps (25,006 points each) at once: one computes while the other waits on PostgreSQL.
    concurrentCost: int(env, 'MAILLAGE_CONCURRENT_COST', 50_000),
    maxDepth: int(env, 'MAILLAGE_MAX_DEPTH', 12),
    maxAliases: int(env, 'MAILLAGE_MAX_ALIASES', 50),
    maxTokens: int(env, 'MAILLAGE_MAX_TOKENS', 5_000),
    maxDirectives: int(env, 'MAILLAGE_MAX_DIRECTIVES', 20),
    maxBodyBytes: int(env, 'MAILLAGE_MAX_BODY_BYTES', 100 * 1024),
    ratePoints,
    tokenRatePoints: int(env, 'MAILLAGE_TOKEN_RATE_POINTS', ratePoints * 10),
    rateWindowSeconds: int(env, 'MAILLAGE_RATE_WINDOW', 60),
    rateLimit: env.MAILLAGE_RATE_LIMIT !== 'off',
    redisUrl: redisUrl(env),
    requestTimeoutMs: int(env, 'MAILLAGE_REQUEST_TIMEOUT_MS', 10_000),
    introspection: env.MAILLAGE_INTROSPECTION !== 'false',
    trustProxy: env.MAILLAGE_TRUST_PROXY === 'true',
  };
}

/** PostgreSQL's statement_timeout for the server's connections: DATABASE_STATEMENT_TIMEOUT_MS, 5 s by default. */
export function statementTimeoutMs(env: NodeJS.ProcessEnv = process.env): number {
  return int(env, 'DATABASE_STATEMENT_TIMEOUT_MS', 5_000);
}

/** REDIS_URL: counters and cached answers shared between processes; none when unset. */
export function redisUrl(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return env.REDIS_URL || undefined;
}

/**
 * MAILLAGE_RESPONSE_CACHE_MB (default 64; 0 = off); MAILLAGE_RESPONSE_CACHE_POST=false keeps POST
 * answers out. Under NODE_ENV=test POST answers are not cached unless asked: the suite's tests POST
 * their reads, write to the database behind the server's back and count statements of repeated reads.
 */
export function readResponseCacheConfig(redisUrl: string | undefined, env: NodeJS.ProcessEnv = process.env): ResponseCacheConfig {
  const raw = env.MAILLAGE_RESPONSE_CACHE_MB;
  const mb = raw === undefined || raw === '' ? 64 : Number(raw);
  if (!Number.isFinite(mb) || mb < 0) throw new Error(`MAILLAGE_RESPONSE_CACHE_MB must be a number of megabytes, 0 to turn the cache off (got "${raw}")`);
  const posts = env.MAILLAGE_RESPONSE_CACHE_POST ? env.MAILLAGE_RESPONSE_CACHE_POST !== 'false' : env.NODE_ENV !== 'test';
  return { maxBytes: Math.floor(mb * 1024 * 1024), posts, redisUrl };
}
