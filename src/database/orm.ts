import { MikroORM, defineConfig, type Options } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import { databasePoolSize } from '../server/config.js';
import { Migration20261123000000_network } from './migrations/Migration20261123000000_network.js';
import { Migration20261123190000_latest_events } from './migrations/Migration20261123190000_latest_events.js';
import { Migration20261123200000_admin } from './migrations/Migration20261123200000_admin.js';
import { Migration20261123210000_reverse_lookup_indexes } from './migrations/Migration20261123210000_reverse_lookup_indexes.js';
import { Migration20261130100000_certainty_places } from './migrations/Migration20261130100000_certainty_places.js';
import { Migration20261130180000_languages } from './migrations/Migration20261130180000_languages.js';
import { Migration20261130190000_ecosystem_languages } from './migrations/Migration20261130190000_ecosystem_languages.js';
import { Migration20261130200000_note_languages } from './migrations/Migration20261130200000_note_languages.js';
import { Migration20261130210000_search_per_record } from './migrations/Migration20261130210000_search_per_record.js';
import { Migration20261130220000_coordinate_checks } from './migrations/Migration20261130220000_coordinate_checks.js';
import { AuditSubscriber } from '../audit/audit-subscriber.js';
import { ENTITIES } from '../domains.js';
import { PostgresNamingStrategy } from './naming.js';

/**
 * MikroORM for the whole process. Migrations are listed explicitly (no file discovery: the code
 * runs as compiled ESM or through swc in tests, never with ts-node).
 */
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
      migrationsList: [
        { name: 'Migration20261123000000_network', class: Migration20261123000000_network },
        { name: 'Migration20261123190000_latest_events', class: Migration20261123190000_latest_events },
        { name: 'Migration20261123200000_admin', class: Migration20261123200000_admin },
        { name: 'Migration20261123210000_reverse_lookup_indexes', class: Migration20261123210000_reverse_lookup_indexes },
        { name: 'Migration20261130100000_certainty_places', class: Migration20261130100000_certainty_places },
        { name: 'Migration20261130180000_languages', class: Migration20261130180000_languages },
        { name: 'Migration20261130190000_ecosystem_languages', class: Migration20261130190000_ecosystem_languages },
        { name: 'Migration20261130200000_note_languages', class: Migration20261130200000_note_languages },
        { name: 'Migration20261130210000_search_per_record', class: Migration20261130210000_search_per_record },
        { name: 'Migration20261130220000_coordinate_checks', class: Migration20261130220000_coordinate_checks },
      ],
      transactional: true,
      allOrNothing: true,
      snapshot: false,
      // Where `npx mikro-orm migration:create` writes (TypeScript, compiled by tsc with the rest; add
      // the new class to migrationsList above).
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
  return MikroORM.init(ormOptions(clientUrl, overrides));
}

export async function migrate(orm: MikroORM): Promise<void> {
  await orm.migrator.up();
}
