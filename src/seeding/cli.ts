import 'reflect-metadata';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { bumpSharedDataVersion } from '../edge/response-cache.js';
import { readConfig } from '../server/config.js';
import { redisUrl } from '../edge/config.js';
import { createLogger } from '../server/logger.js';
import { openDatabase } from '../database/open-database.js';
import { migrate, openOrm } from '../database/orm.js';
import { checkSeeds, loadSeeds, SEEDS_DIR } from './load-seeds.js';
import { exportSeeds } from './export-seeds.js';
import { COLLECTIONS } from './seed-schema.js';

const USAGE = `usage:
  npm run seed [-- --force] [-- --dir <folder>]   load the seeds into the database (DATABASE_URL, or the embedded one)
  npm run seed:check [-- --dir <folder>]          validate the seeds without a database
  npm run seed:export [-- <folder>]               write the database back into the seed files (default: seeds/)`;

/**
 * `npm run seed`        loads seeds/ into the database; stops, writing nothing, when it would change a
 *                       record edited through the API since it was loaded (`--force` overwrites, audited).
 * `npm run seed:check`  validates seeds/ without a database.
 * `npm run seed:export` writes the database back into seeds/ (or a given folder), for review and commit.
 */
const { values: options, positionals } = parseArgs({
  args: process.argv.slice(2),
  options: { force: { type: 'boolean', default: false }, dir: { type: 'string' }, help: { type: 'boolean', default: false } },
  allowPositionals: true,
  strict: true,
});
const [command = 'load', target] = positionals;
const dir = path.resolve(options.dir ?? SEEDS_DIR);

async function run(): Promise<void> {
  if (options.help || !['load', 'check', 'export'].includes(command)) {
    process.stdout.write(`${USAGE}\n`);
    if (!options.help) process.exitCode = 2;
    return;
  }
  if (command === 'check') {
    const set = await checkSeeds(dir);
    const counts = COLLECTIONS.map((c) => `${c}: ${set[c].length}`).join(', ');
    process.stdout.write(`seeds are valid (${counts})\n`);
    return;
  }
  const config = readConfig();
  const logger = createLogger(config.cliLogLevel, 'stderr');
  const { url, embedded } = await openDatabase(config, logger);
  const orm = await openOrm(url);
  try {
    await migrate(orm);
    if (command === 'export') {
      const out = path.resolve(target ?? dir);
      const stats = await exportSeeds(orm, dir, out);
      process.stdout.write(`seeds exported to ${out}: ${stats.recordsUpdated} updated, ${stats.recordsAdded} added, ${stats.recordsRemoved} removed`
        + `${stats.changedFiles.length ? ` (${stats.changedFiles.join(', ')})` : ' (no change)'}\n`);
      return;
    }
    const stats = await loadSeeds(orm, dir, { force: options.force });
    // Running API processes that share Redis drop their cached answers (src/edge/response-cache.ts).
    await bumpSharedDataVersion(redisUrl());
    for (const c of stats.overwritten) {
      process.stdout.write(`overwritten (--force): ${c.file}: ${c.record}, field ${c.field}, edited by "${c.author}" at ${c.at}\n`);
    }
    process.stdout.write(`seeds loaded: ${stats.inserted} inserted, ${stats.updated} updated, ${stats.unchanged} unchanged`
      + ` (rows); ${stats.recordsInserted + stats.recordsUpdated} record(s) ${stats.audited ? `audited as ${stats.author}` : 'imported into an empty database'}\n`);
  } finally {
    await orm.close(true);
    await embedded?.stop();
  }
}

run().catch((error: Error) => {
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
});
