import 'reflect-metadata';
import { MikroORM } from '@mikro-orm/postgresql';
import { freshDatabaseUrl } from './support/app.js';
import { migrate, openOrm } from '../src/database/orm.js';

/**
 * The entities (src/<domain>/*.entity.ts) and the hand-written migrations describe the same schema:
 * on a freshly migrated database, the migration MikroORM would generate from the entities is empty.
 * (Functions, views and triggers are outside the diff.)
 */
describe('entities and migrations', () => {
  let orm: MikroORM;
  beforeAll(async () => {
    orm = await openOrm(await freshDatabaseUrl('entities'));
    await migrate(orm);
  });
  afterAll(() => orm?.close(true));

  it('generates no migration on a freshly migrated database', async () => {
    // `up` only: the reverse diff would recreate the hand-written functions and triggers it cannot read.
    const { up } = await orm.schema.getUpdateSchemaMigrationSQL({ wrap: false });
    expect(up).toBe('');
  });

  it('sees a column that no entity declares', async () => {
    await orm.em.fork().getConnection().execute(`alter table hub add column undeclared text`);
    try {
      const { up } = await orm.schema.getUpdateSchemaMigrationSQL({ wrap: false });
      expect(up).toMatch(/alter table "hub" drop column "undeclared"/);
    } finally {
      await orm.em.fork().getConnection().execute(`alter table hub drop column undeclared`);
    }
  });
});
