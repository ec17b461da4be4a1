import { Migration } from '@mikro-orm/migrations';

/**
 * An ecosystem's region and department (its seat's, else those of the first territory it covers that
 * has one) are one SQL function, `ecosystem_place(seat, territories)`, which both the seed loader's
 * `refresh_ecosystem_places()` and `ecosystemCreate` call: the rule was written twice (the SQL and
 * a TypeScript copy). It looks the few territories up by id: the former refresh joined the
 * `territory_scope` view per ecosystem, which PostgreSQL built whole each time (2.7 s of every seed
 * load with the 35,000 communes; 20 ms now). Ties within one area (several departments) go to the
 * smallest department code instead of whichever row came first.
 */
export class Migration20261201030000_ecosystem_place extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create or replace function ecosystem_place(seat_id uuid, territory_ids uuid[], out region_code text, out department_code text)
      language sql stable as $fn$
        select (array_agg(s.region_code order by array_position(array_prepend(seat_id, territory_ids), s.territory_id), s.department_code)
                  filter (where s.region_code is not null))[1],
               (array_agg(s.department_code order by array_position(array_prepend(seat_id, territory_ids), s.territory_id), s.department_code)
                  filter (where s.department_code is not null))[1]
        from territory_scope s where s.territory_id = any(array_prepend(seat_id, territory_ids))
      $fn$`);
    this.addSql(`
      create or replace function refresh_ecosystem_places() returns void language sql as $fn$
        update ecosystem e set region_code = p.region_code, department_code = p.department_code
        from ecosystem e2
        cross join lateral ecosystem_place(e2.seat_id, array(select et.territory_id from ecosystem_territory et where et.ecosystem_id = e2.id order by et.position)) p
        where e2.id = e.id and (e.region_code, e.department_code) is distinct from (p.region_code, p.department_code)
      $fn$`);
  }

  override async down(): Promise<void> {
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
    this.addSql(`drop function if exists ecosystem_place(uuid, uuid[])`);
  }
}
