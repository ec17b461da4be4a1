import 'reflect-metadata';
import { readConfig } from '../server/config.js';
import { createLogger } from '../server/logger.js';
import { openDatabase } from '../database/open-database.js';
import { migrate, openOrm } from '../database/orm.js';
import { checkSeeds, loadSeeds } from './load-seeds.js';
import { COLLECTIONS } from './seed-schema.js';

/**
 * `npm run seed`       loads seeds/ into the database (DATABASE_URL, or the embedded one), idempotently.
 * `npm run seed:check` validates seeds/ without a database.
 */
const command = process.argv[2] ?? 'load';
const config = readConfig();
const logger = createLogger(process.env.LOG_LEVEL ?? 'warn', 'stderr');

async function run(): Promise<void> {
  if (command === 'check') {
    const set = await checkSeeds();
    const counts = COLLECTIONS.map((c) => `${c}: ${set[c].length}`).join(', ');
    process.stdout.write(`seeds are valid (${counts})\n`);
    return;
  }
  const { url, embedded } = await openDatabase(config, logger);
  const orm = await openOrm(url);
  try {
    await migrate(orm);
    const stats = await loadSeeds(orm);
    process.stdout.write(`seeds loaded: ${stats.inserted} inserted, ${stats.updated} updated, ${stats.unchanged} unchanged\n`);
  } finally {
    await orm.close(true);
    await embedded?.stop();
  }
}

run().catch((error: Error) => {
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
});
