import type { MikroORM } from '@mikro-orm/postgresql';
import path from 'node:path';
import { PROJECT_ROOT } from '../shared/project-root.js';
import { sql } from '../database/sql.js';
import { readSeeds } from './read-seeds.js';
import { validateSeeds } from './validate-seeds.js';
import { writeSeeds, type WriteStats } from './write-seeds.js';

export const SEEDS_DIR = path.join(PROJECT_ROOT, 'seeds');

/** Reads, validates, then writes the seeds in one transaction: a broken file writes nothing. */
export async function loadSeeds(orm: MikroORM, dir = SEEDS_DIR): Promise<WriteStats> {
  const set = await readSeeds(dir);
  validateSeeds(set);
  const stats = await orm.em.fork().transactional((em) => writeSeeds(em, set));
  // Fresh planner statistics for the tables the load just filled.
  await sql(orm.em.fork(), 'analyze');
  return stats;
}

/** Validates without touching a database (`npm run seed:check`). */
export async function checkSeeds(dir = SEEDS_DIR) {
  const set = await readSeeds(dir);
  validateSeeds(set);
  return set;
}
