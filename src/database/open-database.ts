import { startEmbeddedPostgres, type EmbeddedDatabase } from './embedded-postgres.js';
import type { Config } from '../server/config.js';
import type { Logger } from '../server/logger.js';

/** DATABASE_URL when set; otherwise the project's embedded PostgreSQL (started here, stopped by the caller). */
export async function openDatabase(config: Config, logger: Logger): Promise<{ url: string; embedded?: EmbeddedDatabase }> {
  if (config.databaseUrl) return { url: config.databaseUrl };
  const embedded = await startEmbeddedPostgres({
    dataDir: config.dataDir, port: config.embeddedPort, persistent: true, databaseName: 'maillage',
    log: (message) => logger.debug({ component: 'postgres' }, message),
  });
  logger.info({ dataDir: config.dataDir }, 'embedded PostgreSQL started');
  return { url: embedded.url, embedded };
}
