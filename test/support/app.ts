import 'reflect-metadata';
import pg from 'pg';
import { createDatabase } from './databases.js';
import { statementCount } from './statement-counter.js';
import { startApp, type RunningApp } from '../../src/server/app.js';
import { createLogger } from '../../src/server/logger.js';
import { migrate, openOrm } from '../../src/database/orm.js';
import { loadSeeds } from '../../src/seeding/load-seeds.js';
import type { EdgeConfig } from '../../src/edge/config.js';
import type { Execution } from '../../src/server/config.js';

export { statementCount };

/** The suite's seeded database: migrated and seeded once, whichever test file gets there first. */
export async function seededDatabaseUrl(): Promise<string> {
  const url = process.env.MAILLAGE_TEST_DATABASE_URL;
  if (!url) throw new Error('MAILLAGE_TEST_DATABASE_URL is not set: run the tests with npm test');
  await onceAcrossWorkers(url, 1, async () => {
    const orm = await openOrm(url);
    try {
      await migrate(orm);
      const [row] = await orm.em.fork().getConnection().execute(`select count(*)::int as count from ecosystem`);
      if ((row as { count: number }).count === 0) await loadSeeds(orm);
    } finally {
      await orm.close(true);
    }
  });
  return url;
}

/** A fresh empty database on the suite's server, dropped by the global teardown. */
export function freshDatabaseUrl(label: string): Promise<string> {
  return createDatabase(process.env.MAILLAGE_TEST_ADMIN_URL!, `maillage_${label}_${process.env.MAILLAGE_TEST_RUN}`);
}

/** Serialises setup work across Jest workers with a PostgreSQL advisory lock. */
export async function onceAcrossWorkers(url: string, lockId: number, work: () => Promise<void>): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [lockId]);
    await work();
  } finally {
    await client.query('select pg_advisory_unlock($1)', [lockId]).catch(() => undefined);
    await client.end();
  }
}

export interface TestApi {
  app: RunningApp;
  url: string;
  /** POSTs a GraphQL operation and returns the parsed body and HTTP status. */
  graphql<T = any>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<{ status: number; body: { data?: T; errors?: any[] } }>;
  /** POSTs an operation that must succeed and returns its `data` (the test fails on any error). */
  data<T = any>(query: string, variables?: Record<string, unknown>): Promise<T>;
  /** Runs an operation and returns how many SQL statements it cost. */
  countStatements(query: string, variables?: Record<string, unknown>): Promise<{ count: number; body: { data?: any; errors?: any[] } }>;
  stop(): Promise<void>;
}

/** Starts the real HTTP server in this process on a free port. */
export async function startTestApi(databaseUrl?: string, options: { production?: boolean; edge?: Partial<EdgeConfig>; execution?: Execution } = {}): Promise<TestApi> {
  const url = databaseUrl ?? (await seededDatabaseUrl());
  const app = await startApp({
    databaseUrl: url, port: 0, host: '127.0.0.1', production: options.production ?? false,
    logger: createLogger(process.env.TEST_LOG_LEVEL ?? 'silent'), seedIfEmpty: false, edge: options.edge, execution: options.execution,
  });
  const graphql = async (query: string, variables?: Record<string, unknown>, headers: Record<string, string> = {}) => {
    const response = await fetch(`${app.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...headers },
      body: JSON.stringify({ query, variables }),
    });
    return { status: response.status, body: (await response.json()) as any };
  };
  return {
    app, url: app.url, graphql,
    async data(query, variables) {
      const { body } = await graphql(query, variables);
      expect(body.errors).toBeUndefined();
      return body.data as any;
    },
    async countStatements(query, variables) {
      const before = statementCount();
      const result = await graphql(query, variables);
      return { count: statementCount() - before, body: result.body };
    },
    stop: () => app.stop(),
  };
}
