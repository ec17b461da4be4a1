import 'reflect-metadata';
import { readConfig } from './server/config.js';
import { createLogger } from './server/logger.js';
import { startApp, type RunningApp } from './server/app.js';
import type { EmbeddedDatabase } from './database/embedded-postgres.js';
import { openDatabase } from './database/open-database.js';
import { superviseEmbedded } from './database/supervise.js';
import { isClusterPrimary, runPrimary } from './server/cluster.js';
import { applyHeapGrowing } from './server/memory.js';

/**
 * `npm start`: serves the API on DATABASE_URL, or on an embedded PostgreSQL whose data lives in
 * .data/postgres and survives restarts. SIGINT/SIGTERM: stop accepting, finish the requests already
 * accepted (at most SHUTDOWN_GRACE_MS), close the pool, stop PostgreSQL cleanly, exit 0.
 */
const SHUTDOWN_GRACE_MS = 8000;
const config = readConfig();
const logger = createLogger(config.logLevel);
applyHeapGrowing(config.heapGrowingPercent);
let embedded: EmbeddedDatabase | undefined;

async function main() {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.removeAllListeners(signal);
    process.on(signal, () => void shutdown(signal));
  }
  const database = await openDatabase(config, logger, 'server');
  embedded = database.embedded;
  const databaseUrl = database.url;
  app = await startApp({ databaseUrl, port: config.port, host: config.host, production: config.production, logger, seedIfEmpty: true, inlineTracing: config.inlineTracing, execution: config.execution });
  await database.announce({ url: app.url });
  if (embedded) {
    const running = app;
    superviseEmbedded(embedded, logger, {
      down: (reason) => running.availability.markDown(reason),
      restarted: () => database.announce({ url: running.url }),
      gaveUp: () => fail(new Error('the embedded PostgreSQL exited and could not be restarted')),
      stopping: () => stopping !== undefined,
    });
  }
  if (stopRequested) shutdown(stopRequested);
}

let app: RunningApp | undefined;
let stopRequested: string | undefined;
let stopping: Promise<void> | undefined;

/** Finishes answering, closes the pool, stops the embedded PostgreSQL, exits 0. A signal during start waits for it. */
function shutdown(signal: string) {
  stopRequested = signal;
  if (!app || stopping) return;
  const running = app;
  stopping = (async () => {
    logger.info({ signal }, 'shutting down: no new connections, finishing the requests in progress');
    // The steps below are each bounded; this bounds their sum, for a supervisor's 10 s grace period.
    setTimeout(() => {
      logger.error('shutdown did not finish within 9.5 s: exiting');
      logger.flush();
      process.exit(1);
    }, 9500).unref();
    await running.stop(SHUTDOWN_GRACE_MS);
    await embedded?.stop();
    logger.info('stopped');
    logger.flush();
    process.exit(0);
  })();
}

async function fail(error: Error) {
  logger.fatal({ err: error }, error.message);
  logger.flush();
  await app?.stop(1000).catch(() => undefined);
  await embedded?.stop().catch(() => undefined);
  // One line that says what failed, for a person reading a terminal.
  process.stderr.write(`maillage: ${error.message.split('\n')[0]}\n`);
  process.exit(1);
}

// MAILLAGE_WORKERS (src/server/cluster.ts): the primary of a cluster prepares the database and forks the workers.
const { workers } = config;
(isClusterPrimary(workers) ? runPrimary(config, logger, workers) : main()).catch(async (error: Error) => {
  await embedded?.stop().catch(() => undefined);
  process.stderr.write(`maillage: ${error.message.split('\n')[0]}\n`);
  process.exit(1);
});
