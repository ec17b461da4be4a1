import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { MikroORM } from '@mikro-orm/postgresql';
import { migrate, openOrm } from '../database/orm.js';
import { describeDatabase } from '../database/database-url.js';
import { buildMaillageSubgraph } from '../federation/subgraph.js';
import { loadSeeds } from '../seeding/load-seeds.js';
import { forgetFrenchGeography } from '../seeding/geography.js';
import { forgetPlaces } from '../seeding/places.js';
import { keyLookupPool, sql } from '../database/sql.js';
import { DatabaseAvailability, releaseLostConnections } from '../database/availability.js';
import { createApolloServer } from './apollo.js';
import { createHttpServer } from './http.js';
import type { Logger } from './logger.js';
import type { Execution } from './config.js';
import { readEdgeConfig, statementTimeoutMs, type EdgeConfig } from '../edge/config.js';

export interface AppOptions {
  databaseUrl: string;
  port: number;
  host: string;
  production: boolean;
  logger: Logger;
  /** Load the seeds when the database holds no network yet (first start). */
  seedIfEmpty: boolean;
  /** Inline traces for a gateway that asks for them (off by default: they cost throughput). */
  inlineTracing?: boolean;
  /** How operations execute (src/server/config.ts, MAILLAGE_EXECUTION): compiled by default. */
  execution?: Execution;
  /** Overrides of the public edge's limits (default: from the environment, src/edge/config.ts). */
  edge?: Partial<EdgeConfig>;
}

export interface RunningApp {
  url: string;
  orm: MikroORM;
  server: Server;
  /** Whether PostgreSQL answers, as requests see it; main.ts marks it down when the embedded server dies. */
  availability: DatabaseAvailability;
  /**
   * Stops accepting connections, lets the requests already accepted finish (their connections then
   * close), gives up on them after `graceMs`, then closes Apollo and the pool.
   */
  stop(graceMs?: number): Promise<void>;
}

/**
 * Applies the migrations and, on first start, loads the seeds. Not on the serving connections: their
 * statement timeout bounds requests, and one statement of a migration or of the first load (the
 * 35,000 communes, the search index) may take longer than that on a slow or busy machine.
 */
async function prepareDatabase(options: AppOptions): Promise<void> {
  const { logger } = options;
  const orm = await openOrm(options.databaseUrl, { logger: (message) => logger.debug({ component: 'orm' }, message), pool: { min: 0, max: 2 } });
  try {
    await migrate(orm);
    if (!options.seedIfEmpty) return;
    const [{ count }] = (await sql<{ count: number }>(orm.em.fork(), `select count(*)::int as count from ecosystem`)) as [{ count: number }];
    if (count === 0) {
      const stats = await loadSeeds(orm);
      logger.info({ ...stats }, 'seeds loaded into an empty database');
      // The datasets the load read (communes, the places gazetteer) would stay in this serving
      // process's heap for good: ~90 MB of a first start's 150 MB, measured.
      forgetFrenchGeography();
      forgetPlaces();
    }
  } finally {
    await orm.close(true);
  }
}

/** Opens the database, applies migrations, loads the seeds on first start, then serves HTTP. */
export async function startApp(options: AppOptions): Promise<RunningApp> {
  const { logger } = options;
  const edge = { ...readEdgeConfig(), ...options.edge };
  const orm = await openOrm(options.databaseUrl, {
    logger: (message) => logger.debug({ component: 'orm' }, message),
    // Every statement of the server is bounded by PostgreSQL itself (src/edge/deadline.ts).
    driverOptions: { statement_timeout: statementTimeoutMs() },
  });
  await orm.connect().catch(() => undefined);
  const check = await orm.checkConnection();
  if (!check.ok) {
    await orm.close(true);
    throw new Error(`Cannot reach PostgreSQL at ${describeDatabase(options.databaseUrl)}: ${check.reason}`);
  }
  await prepareDatabase(options);
  const pool = await orm.em.getConnection().getNativeClient();
  // Both pools: the ORM's, and the key lookups' (src/database/sql.ts) once a request has opened it.
  const releaseLost = (minDeadMs?: number) => {
    releaseLostConnections(pool, minDeadMs);
    void keyLookupPool(orm)?.then((lookups) => releaseLostConnections(lookups, minDeadMs));
  };
  const availability = new DatabaseAvailability(async () => {
    releaseLost();
    return (await orm.checkConnection()).ok;
  }, logger);
  const sweeper = setInterval(() => releaseLost(), 2000).unref();
  const apollo = createApolloServer(await buildMaillageSubgraph(), logger, options.production, { inlineTracing: options.inlineTracing, execution: options.execution, edge, availability });
  await apollo.start();
  const server = createHttpServer(apollo, orm, logger, edge, availability);
  // Responses in progress when stop() begins say `connection: close`, so no new request rides on them.
  const inFlight = new Set<import('node:http').ServerResponse>();
  let closing = false;
  server.on('request', (_req, res) => {
    if (closing && !res.headersSent) res.setHeader('connection', 'close');
    inFlight.add(res);
    res.on('close', () => inFlight.delete(res));
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${options.host}:${port}`;
  logger.info({ url: `${url}/graphql` }, 'maillage is serving');

  let stopping: Promise<void> | undefined;
  const stop = (graceMs = 8000) => (stopping ??= (async () => {
    closing = true;
    for (const res of inFlight) if (!res.headersSent) res.setHeader('connection', 'close');
    const force = setTimeout(() => {
      logger.warn({ open: inFlight.size, graceMs }, 'requests still running after the grace period: closing their connections');
      server.closeAllConnections();
    }, graceMs);
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeIdleConnections();
    });
    clearTimeout(force);
    availability.close();
    clearInterval(sweeper);
    await apollo.stop();
    // Connections lost in an outage may still hold pool slots (see releaseLostConnections): closing
    // the pool waits for them, so give it a bounded time.
    releaseLost(0);
    await Promise.race([orm.close(true), new Promise((resolve) => setTimeout(resolve, 2000).unref())]);
  })());
  return { url, orm, server, availability, stop };
}
