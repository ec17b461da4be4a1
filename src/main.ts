import 'reflect-metadata';
import { readConfig } from './server/config.js';
import { createLogger } from './server/logger.js';
import { startApp, type RunningApp } from './server/app.js';
import type { EmbeddedDatabase } from './database/embedded-postgres.js';
import { openDatabase } from './database/open-database.js';
import { isClusterPrimary, runPrimary, workerCount } from './server/cluster.js';

/**
 * `npm start`: serves the API on DATABASE_URL, or on an embedded PostgreSQL whose data lives in
 * .data/postgres and survives restarts. SIGINT/SIGTERM stop both cleanly.
 */
const config = readConfig();
const logger = createLogger(config.logLevel);
let embedded: EmbeddedDatabase | undefined;

async function main() {
  // Signals are ours from the start: embedded-postgres's exit hook would otherwise exit(130) on
  // SIGINT while requests are still being answered. Our shutdown stops PostgreSQL itself.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.removeAllListeners(signal);
    process.on(signal, () => void shutdown(signal));
  }
  const database = await openDatabase(config, logger);
  embedded = database.embedded;
  const databaseUrl = database.url;
  app = await startApp({ databaseUrl, port: config.port, host: config.host, production: config.production, logger, seedIfEmpty: true, inlineTracing: config.inlineTracing });
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
    logger.info({ signal }, 'shutting down');
    await running.stop();
    await embedded?.stop();
    logger.flush();
    process.exit(0);
  })();
}

// MAILLAGE_WORKERS (src/server/cluster.ts): the primary of a cluster prepares the database and forks the workers.
const workers = workerCount();
(isClusterPrimary(workers) ? runPrimary(config, logger, workers) : main()).catch(async (error: Error) => {
  await embedded?.stop().catch(() => undefined);
  // One line that says what failed, for a person reading a terminal.
  process.stderr.write(`maillage: ${error.message.split('\n')[0]}\n`);
  process.exit(1);
});
