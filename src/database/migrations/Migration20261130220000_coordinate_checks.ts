import { Migration } from '@mikro-orm/migrations';

/**
 * The same coordinate ranges, written so that MikroORM reads them back as PostgreSQL prints them: it
 * misreads a cast of a cast (`('-90'::integer)::double precision`, what `between -90 and 90` becomes),
 * so the schema diff from the entities (test/entities.test.ts) kept proposing to recreate them.
 */
export class Migration20261130220000_coordinate_checks extends Migration {
  override async up(): Promise<void> {
    for (const table of ['territory', 'hub']) {
      this.addSql(`alter table ${table} drop constraint ${table}_latitude_check, drop constraint ${table}_longitude_check`);
      this.addSql(`alter table ${table} add constraint ${table}_latitude_check check (latitude >= '-90'::float8 and latitude <= '90'::float8),
        add constraint ${table}_longitude_check check (longitude >= '-180'::float8 and longitude <= '180'::float8)`);
    }
  }

  override async down(): Promise<void> {
    for (const table of ['territory', 'hub']) {
      this.addSql(`alter table ${table} drop constraint ${table}_latitude_check, drop constraint ${table}_longitude_check`);
      this.addSql(`alter table ${table} add constraint ${table}_latitude_check check (latitude between -90 and 90),
        add constraint ${table}_longitude_check check (longitude between -180 and 180)`);
    }
  }
}
