import { Migration } from '@mikro-orm/migrations';

/**
 * Issue 10, "nothing claimed beyond the sources":
 * - labels keep the precision of their start and end as the sources give them, and whether a source
 *   dates their end (`end_confirmed`): without one, a label past its period is UNCONFIRMED, not EXPIRED;
 * - every point says where its coordinates come from (a dataset source) and how precise they are;
 * - each ecosystem's region and department are worked out once, at load time (seat, else the first
 *   territory it covers), instead of a view over every territory at read time; one without a seat is
 *   drawn at the chef-lieu of the territory it covers, with that precision (TERRITORY);
 * - roles carry the date their sources state them as of, and whether a source presents them as current;
 * - records get a `note` the API serves, for the caveats that lived in YAML comments;
 * - the only personal contact detail ever stored (a press contact's 2009 phone number) is erased.
 */
export class Migration20261130100000_certainty_places extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table label add column valid_from_precision date_precision not null default 'DAY'`);
    this.addSql(`alter table label add column valid_to_precision date_precision`);
    this.addSql(`alter table label add column end_confirmed boolean not null default false`);
    this.addSql(`update label set valid_to_precision = 'DAY' where valid_to is not null`);

    this.addSql(`alter table territory add column coordinates_precision text check (coordinates_precision in ('EXACT', 'COMMUNE'))`);
    this.addSql(`alter table territory add column coordinates_source_id uuid references source (id)`);
    this.addSql(`alter table hub add column coordinates_source_id uuid references source (id)`);

    this.addSql(`alter table ecosystem add column region_code text`);
    this.addSql(`alter table ecosystem add column department_code text`);
    // Where to draw an ecosystem without a seat: the chef-lieu of the territory it covers (set by the loader).
    this.addSql(`alter table ecosystem add column point_territory_id uuid references territory (id)`);
    this.addSql(`create index ecosystem_region_idx on ecosystem (region_code)`);
    this.addSql(`create index ecosystem_department_idx on ecosystem (department_code)`);
    // The seat's department and region, else those of the first territory (in order) that has one.
    this.addSql(`
      create or replace function refresh_ecosystem_places() returns void language sql as $fn$
        update ecosystem e set region_code = p.region_code, department_code = p.department_code
        from (
          select e2.id,
                 coalesce(seat.region_code, (select s.region_code from ecosystem_territory et join territory_scope s on s.territory_id = et.territory_id
                                             where et.ecosystem_id = e2.id and s.region_code is not null order by et.position limit 1)) as region_code,
                 coalesce(seat.department_code, (select s.department_code from ecosystem_territory et join territory_scope s on s.territory_id = et.territory_id
                                                 where et.ecosystem_id = e2.id and s.department_code is not null order by et.position limit 1)) as department_code
          from ecosystem e2 left join territory_scope seat on seat.territory_id = e2.seat_id
        ) p
        where p.id = e.id and (e.region_code, e.department_code) is distinct from (p.region_code, p.department_code)
      $fn$`);
    this.addSql(`select refresh_ecosystem_places()`);

    this.addSql(`alter table role add column as_of date`);
    this.addSql(`alter table role add column as_of_precision date_precision`);
    this.addSql(`alter table role add column current boolean not null default false`);

    for (const table of ['ecosystem', 'association', 'institution', 'hub', 'programme', 'event', 'person', 'campaign']) {
      this.addSql(`alter table ${table} add column if not exists note text`);
    }

    // No documented need outweighs keeping a private person's phone number (issue 10): erased.
    this.addSql(`update person set contact_phone = null, contact_email = null where contact_phone is not null or contact_email is not null`);
  }

  override async down(): Promise<void> {
    for (const table of ['ecosystem', 'association', 'institution', 'hub', 'programme', 'event', 'person', 'campaign']) {
      this.addSql(`alter table ${table} drop column if exists note`);
    }
    this.addSql(`alter table role drop column current, drop column as_of_precision, drop column as_of`);
    this.addSql(`drop function if exists refresh_ecosystem_places()`);
    this.addSql(`alter table ecosystem drop column point_territory_id, drop column department_code, drop column region_code`);
    this.addSql(`alter table hub drop column coordinates_source_id`);
    this.addSql(`alter table territory drop column coordinates_source_id, drop column coordinates_precision`);
    this.addSql(`alter table label drop column end_confirmed, drop column valid_to_precision, drop column valid_from_precision`);
  }
}
