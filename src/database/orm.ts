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

/**
 * MikroORM for the whole process. Migrations are listed explicitly (no file discovery: the code
 * runs as compiled ESM or through swc in tests, never with ts-node).
 */
export function ormOptions(clientUrl: string, overrides: Partial<Options> = {}): Options {
  return defineConfig({
    clientUrl,
    // No entity classes: reads go through plain-row SQL (sql.ts) and writes through the mutations'
    // transactional SQL; MikroORM provides the connection pool, forked EntityManagers per request,
    // transactions and the migrations.
    entities: [],
    discovery: { warnWhenNoEntities: false },
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
      ],
      transactional: true,
      allOrNothing: true,
      snapshot: false,
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
