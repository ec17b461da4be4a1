import { MikroORM, defineConfig, type Options } from '@mikro-orm/postgresql';
import { readdir } from 'node:fs/promises';
import { Migrator, type Migration } from '@mikro-orm/migrations';
import { databasePoolSize } from '../server/config.js';
import { AuditSubscriber } from '../audit/audit-subscriber.js';
import { ENTITIES } from '../domains.js';
import { PostgresNamingStrategy } from './naming.js';
import { closeKeyLookupPool } from './sql.js';

/**
 * Every migration of ./migrations, in the order of their names (which start with their timestamp):
 * a migration written by `npx mikro-orm migration:create` runs with no other change. Found here
 * rather than by MikroORM's own discovery, which expects ts-node for TypeScript: the code runs as
 * compiled ESM (`.js` beside this file) or as TypeScript through Jest's transform (`.ts`).
 */
async function discoverMigrations(): Promise<{ name: string; class: new () => Migration }[]> {
  const directory = new URL('./migrations/', import.meta.url);
  const extension = import.meta.url.slice(import.meta.url.lastIndexOf('.'));
  const files = (await readdir(directory)).filter((file) => /^Migration\w+\.(js|ts)$/.test(file) && file.endsWith(extension)).sort();
  return Promise.all(files.map(async (file) => {
    const name = file.slice(0, -extension.length);
    const migration = (await import(new URL(file, directory).href))[name];
    if (typeof migration !== 'function') throw new Error(`${file} must export a class named ${name}`);
    return { name, class: migration };
  }));
}
const MIGRATIONS = await discoverMigrations();

/** MikroORM for the whole process. */
export function ormOptions(clientUrl: string, overrides: Partial<Options> = {}): Options {
  return defineConfig({
    clientUrl,
    // Entities describe every table (the write side: versions, the archived filter, change sets for the
    // audit trail, schema diffs for new migrations). Reads stay plain-row SQL (sql.ts): no hydration.
    entities: ENTITIES,
    namingStrategy: PostgresNamingStrategy,
    subscribers: [new AuditSubscriber()],
    // PostgreSQL's defaults, as the hand-written migrations have them; cascades are declared per relation.
    // Views, functions and triggers (territory_scope, the search index refresh…) are hand-written in the
    // migrations and stay outside the entities' diff.
    schemaGenerator: { skipViews: ['territory_scope'], ignoreTriggers: true, ignoreRoutines: true },
    extensions: [Migrator],
    migrations: {
      migrationsList: MIGRATIONS,
      transactional: true,
      allOrNothing: true,
      snapshot: false,
      // Where `npx mikro-orm migration:create` writes (TypeScript, compiled by tsc with the rest).
      path: 'src/database/migrations',
      pathTs: 'src/database/migrations',
      emit: 'ts',
    },
    pool: { min: 0, max: databasePoolSize() },
    // The application never uses the global EntityManager: every request forks its own.
    allowGlobalContext: false,
    debug: false,
    // Quiet unless the caller routes ORM messages (migrations…) to its logger.
    logger: () => undefined,
    ...overrides,
  });
}

export async function openOrm(clientUrl: string, overrides: Partial<Options> = {}): Promise<MikroORM> {
  const orm = await MikroORM.init(ormOptions(clientUrl, overrides));
  // The key lookups' pool (src/database/sql.ts) lives and dies with the ORM: whoever closes the ORM
  // (the server, a command, a test) closes both, and no idle connection keeps a process waiting.
  const close = orm.close.bind(orm);
  orm.close = async (force?: boolean) => {
    await Promise.all([closeKeyLookupPool(orm), close(force)]);
  };
  return orm;
}

export async function migrate(orm: MikroORM): Promise<void> {
  await orm.migrator.up();
}
