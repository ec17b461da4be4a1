import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { readConfig } from '../server/config.js';
import { createLogger } from '../server/logger.js';
import { openDatabase } from '../database/open-database.js';
import { describeDatabase } from '../database/database-url.js';
import { migrate, openOrm } from '../database/orm.js';
import { loadSyntheticNetwork } from './synthetic-network.js';

/**
 * `npm run seed:synthetic -- --scale N [--database-url URL] [--force]`: replaces the network of the
 * database (--database-url, else DATABASE_URL, else the embedded one) with the synthetic network at
 * scale N. Refuses a database holding the real seeds unless --force.
 */
const USAGE = 'usage: npm run seed:synthetic -- --scale N [--database-url URL] [--force] [--skip-search-index]';

async function run(): Promise<void> {
  const { values } = parseArgs({
    options: { scale: { type: 'string', default: '1' }, 'database-url': { type: 'string' }, force: { type: 'boolean', default: false }, 'skip-search-index': { type: 'boolean', default: false }, help: { type: 'boolean' } },
    strict: true,
  });
  if (values.help) { process.stdout.write(`${USAGE}\n`); return; }
  const scale = Number(values.scale);
  if (!Number.isInteger(scale) || scale < 1 || scale > 100) throw new Error(`--scale must be an integer from 1 to 100 (got "${values.scale}")\n${USAGE}`);
  const config = readConfig();
  if (values['database-url']) config.databaseUrl = values['database-url'];
  const logger = createLogger(config.cliLogLevel, 'stderr');
  const { url, embedded } = await openDatabase(config, logger);
  const orm = await openOrm(url);
  try {
    await migrate(orm);
    const stats = await loadSyntheticNetwork(orm, scale, { force: values.force, searchIndex: !values['skip-search-index'] });
    process.stdout.write(`synthetic network (scale ${scale}) loaded into ${describeDatabase(url)} in ${stats.ms} ms: `
      + `${stats.capitals} capitals, ${stats.communities} communities, ${stats.associations} associations, ${stats.programmes} programmes, `
      + `${stats.institutions} institutions, ${stats.partnerships} partnerships, ${stats.events} events, ${stats.hubs} hubs, ${stats.citations} citations\n`);
  } finally {
    await orm.close(true);
    await embedded?.stop();
  }
}

run().catch((error: Error) => {
  process.stderr.write(`seed:synthetic: ${error.message}\n`);
  process.exit(1);
});
