import 'reflect-metadata';
import { readConfig } from './server/config.js';
import { createLogger } from './server/logger.js';
import { startApp } from './server/app.js';
import type { EmbeddedDatabase } from './database/embedded-postgres.js';
import { openDatabase } from './database/open-database.js';

/**
 * `npm start`: serves the API on DATABASE_URL, or on an embedded PostgreSQL whose data lives in
 * .data/postgres and survives restarts. SIGINT/SIGTERM stop both cleanly.
 */
const config = readConfig();
const logger = createLogger(config.logLevel);
let embedded: EmbeddedDatabase | undefined;

async function main() {
  const database = await openDatabase(config, logger);
  embedded = database.embedded;
  const databaseUrl = database.url;
  const app = await startApp({ databaseUrl, port: config.port, host: config.host, production: config.production, logger, seedIfEmpty: true });

  let shuttingDown = false;
  const shutdown = async (signal: string) => {
    if (shuttingDown) return;
    shuttingDown = true;
    logger.info({ signal }, 'shutting down');
    await app.stop();
    await embedded?.stop();
    logger.flush();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch(async (error: Error) => {
  await embedded?.stop().catch(() => undefined);
  // One line that says what failed, for a person reading a terminal.
  process.stderr.write(`maillage: ${error.message.split('\n')[0]}\n`);
  process.exit(1);
});
