import os from 'node:os';

/** Everything the process reads from its environment, checked once at start. */
export interface Config {
  port: number;
  host: string;
  /** An external PostgreSQL; when absent an embedded one is started. */
  databaseUrl: string | undefined;
  /** Where the embedded PostgreSQL keeps its data (ignored by git). */
  dataDir: string;
  /** Port of the embedded PostgreSQL; 0 picks a free one. */
  embeddedPort: number;
  production: boolean;
  logLevel: string;
  /** The command-line tools' log level: LOG_LEVEL, warnings and errors only by default. */
  cliLogLevel: string;
  /**
   * MAILLAGE_WORKERS=N runs N API processes sharing the port, `auto` one per core. Default: one per
   * core in production, a single process otherwise (development, tests). 1 = no cluster (src/server/cluster.ts).
   */
  workers: number;
  /** MAILLAGE_INLINE_TRACES=true: answer a federation gateway's trace requests (ftv1). Off by default. */
  inlineTracing: boolean;
  /**
   * MAILLAGE_EXECUTION: `compiled` (default) runs each operation as a function compiled once per
   * document (graphql-jit, src/graphql/compiled-execution.ts); `graphql-js` interprets it as before.
   */
  execution: Execution;
  /**
   * MAILLAGE_HEAP_GROWING_PERCENT: how far V8's old generation may grow over what survived its last
   * full collection, in percent (default 50; 0 = V8's own factor, up to 300 % on a large machine).
   * src/server/memory.ts.
   */
  heapGrowingPercent: number;
}

export type Execution = 'compiled' | 'graphql-js';

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 4000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number (got "${env.PORT}")`);
  return {
    port,
    host: env.HOST ?? '127.0.0.1',
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: env.MAILLAGE_DATA_DIR ?? '.data/postgres',
    embeddedPort: Number(env.MAILLAGE_PG_PORT ?? 54329),
    production: env.NODE_ENV === 'production',
    logLevel: env.LOG_LEVEL ?? (env.NODE_ENV === 'test' ? 'silent' : 'info'),
    cliLogLevel: env.LOG_LEVEL ?? 'warn',
    workers: workerCount(env),
    inlineTracing: env.MAILLAGE_INLINE_TRACES === 'true',
    execution: execution(env),
    heapGrowingPercent: heapGrowingPercent(env),
  };
}

function heapGrowingPercent(env: NodeJS.ProcessEnv): number {
  const raw = env.MAILLAGE_HEAP_GROWING_PERCENT || '50';
  const percent = Number(raw);
  if (!/^\d+$/.test(raw) || percent > 400) throw new Error(`MAILLAGE_HEAP_GROWING_PERCENT must be a whole number from 0 to 400 (got "${raw}")`);
  return percent;
}

function execution(env: NodeJS.ProcessEnv): Execution {
  const raw = env.MAILLAGE_EXECUTION || 'compiled';
  if (raw !== 'compiled' && raw !== 'graphql-js') throw new Error(`MAILLAGE_EXECUTION must be compiled or graphql-js (got "${raw}")`);
  return raw;
}

function workerCount(env: NodeJS.ProcessEnv): number {
  const raw = env.MAILLAGE_WORKERS;
  const cores = os.availableParallelism();
  if (raw === undefined || raw === '') return env.NODE_ENV === 'production' ? cores : 1;
  if (raw === 'auto') return cores;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`MAILLAGE_WORKERS must be a number of processes (at least 1) or auto (got "${raw}")`);
  return n;
}

/**
 * MAILLAGE_COMPILE_AFTER: how many times an operation runs on graphql-js before it is compiled
 * (src/graphql/compiled-execution.ts); 1 by default, 0 compiles on first sight (the tests do, so that
 * every test runs the compiled path that serves repeated operations).
 */
export function compileAfter(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.MAILLAGE_COMPILE_AFTER;
  if (raw === undefined || raw === '') return 1;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new Error(`MAILLAGE_COMPILE_AFTER must be a number of runs (0 or more) (got "${raw}")`);
  return n;
}

/**
 * The connections one API process may open: its two pools of DATABASE_POOL_SIZE (the ORM's, and the key
 * lookups' of src/database/sql.ts) and the two of its statement cancels (src/edge/deadline.ts).
 */
export function connectionsPerProcess(poolSize = databasePoolSize()): number {
  return 2 * poolSize + 2;
}

/**
 * The embedded PostgreSQL's max_connections: every worker at its most, and room for the commands that
 * share it (seed, admin) and the primary's own; never below PostgreSQL's default of 100.
 */
export function embeddedMaxConnections(config: Pick<Config, 'workers'>): number {
  return Math.max(100, config.workers * connectionsPerProcess() + 20);
}

/** Connections of the PostgreSQL pool of each process: DATABASE_POOL_SIZE, 10 by default. */
export function databasePoolSize(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.DATABASE_POOL_SIZE;
  if (raw === undefined || raw === '') return 10;
  const size = Number(raw);
  if (!Number.isInteger(size) || size < 1) throw new Error(`DATABASE_POOL_SIZE must be a number of connections (at least 1) (got "${raw}")`);
  return size;
}

const parisDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' });
let cached = { until: 0, day: '' };

/** Today's date in France, where the network's dates are kept (recomputed at most once a second). */
export function todayInParis(now = Date.now()): string {
  if (now >= cached.until) cached = { until: now + 1000, day: parisDay.format(now) };
  return cached.day;
}
