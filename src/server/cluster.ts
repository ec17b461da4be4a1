import cluster, { type Worker } from 'node:cluster';
import type { Config } from './config.js';
import type { Logger } from './logger.js';
import { openDatabase } from '../database/open-database.js';
import { migrate, openOrm } from '../database/orm.js';
import { loadSeeds } from '../seeding/load-seeds.js';
import { sql } from '../database/sql.js';
import { withServerFlags } from './memory.js';

/**
 * One API process per core (node:cluster): `config.workers` (MAILLAGE_WORKERS, src/server/config.ts)
 * workers share the port (the primary hands out connections).
 *
 * The primary opens the database once (starting the embedded PostgreSQL when there is no DATABASE_URL),
 * applies migrations and loads the seeds on first start, then forks the workers with DATABASE_URL set;
 * it restarts a worker that dies, relays response-cache invalidations between workers when there is no
 * Redis (src/edge/response-cache.ts), and on SIGINT/SIGTERM stops the workers, then PostgreSQL.
 */
/** True in the primary process of a cluster of more than one worker: it should call runPrimary. */
export function isClusterPrimary(workers: number): boolean {
  return workers > 1 && cluster.isPrimary;
}

export async function runPrimary(config: Config, logger: Logger, workers: number): Promise<void> {
  let stopping = false;
  const database = await openDatabase(config, logger, 'server');
  await database.announce({ url: `http://${config.host}:${config.port}` });
  const orm = await openOrm(database.url);
  try {
    await migrate(orm);
    const [{ count }] = (await sql<{ count: number }>(orm.em.fork(), `select count(*)::int as count from ecosystem`)) as [{ count: number }];
    if (count === 0) logger.info({ ...(await loadSeeds(orm)) }, 'seeds loaded into an empty database');
  } finally {
    await orm.close(true);
  }

  // The workers' young generation is sized on their command line (src/server/memory.ts).
  cluster.setupPrimary({ execArgv: withServerFlags(process.execArgv) });
  const fork = (): Worker => {
    const worker = cluster.fork({ DATABASE_URL: database.url });
    // A worker's write: every other worker's cache drops its answers (when Redis does not share them).
    worker.on('message', (message: unknown) => {
      if (typeof message === 'string' && message.startsWith('maillage:')) for (const other of Object.values(cluster.workers ?? {})) other?.send(message);
    });
    return worker;
  };
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) return;
    logger.error({ pid: worker.process.pid, code, signal }, 'worker died: starting another');
    fork();
  });
  for (let i = 0; i < workers; i++) fork();
  logger.info({ workers }, 'cluster started');

  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down the cluster');
    await Promise.all(Object.values(cluster.workers ?? {}).map((worker) => new Promise<void>((resolve) => {
      if (!worker || worker.isDead()) return resolve();
      worker.once('exit', () => resolve());
      worker.process.kill('SIGTERM');
    })));
    await database.embedded?.stop();
    logger.flush();
    process.exit(0);
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.removeAllListeners(signal);
    process.on(signal, () => void shutdown(signal));
  }
}
