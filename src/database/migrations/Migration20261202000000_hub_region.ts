import { Migration } from '@mikro-orm/migrations';

/**
 * A hub's INSEE region, kept on the hub (`hub.region_code`) as an ecosystem's is on the ecosystem: the
 * national map read it per hub through its locality, its parent and grandparent (primary-key lookups),
 * 1.2–1.7 ms of the map's hub statement with the ~35,000 communes of the seeded database against 2 ms
 * in all with the synthetic network's hundred. `territory_region(id)` is the rule (that of the
 * territory_scope view; an area answers its first department's region, by code); a trigger applies it
 * whenever a hub's locality is written, whoever writes it, and `refresh_hub_regions()` after a load
 * that may have moved territories (the seed loader, the synthetic network).
 */
export class Migration20261202000000_hub_region extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create or replace function territory_region(territory_id uuid) returns text
      language sql stable as $fn$
        select coalesce(
                 case t.kind when 'REGION' then t.code when 'DEPARTMENT' then p.code when 'COMMUNE' then pp.code end,
                 (select r.code from area_department ad join territory d on d.id = ad.department_id join territory r on r.id = d.parent_id
                  where t.kind = 'AREA' and ad.area_id = t.id order by d.code limit 1))
        from territory t left join territory p on p.id = t.parent_id left join territory pp on pp.id = p.parent_id
        where t.id = territory_id
      $fn$`);
    this.addSql(`alter table hub add column region_code text`);
    this.addSql(`update hub set region_code = territory_region(locality_id)`);
    this.addSql(`
      create or replace function hub_region() returns trigger language plpgsql as $fn$
      begin
        new.region_code := territory_region(new.locality_id);
        return new;
      end
      $fn$`);
    this.addSql(`create trigger hub_region before insert or update of locality_id, region_code on hub for each row execute function hub_region()`);
    this.addSql(`
      create or replace function refresh_hub_regions() returns void language sql as $fn$
        update hub set region_code = territory_region(locality_id) where region_code is distinct from territory_region(locality_id)
      $fn$`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop trigger if exists hub_region on hub`);
    this.addSql(`drop function if exists hub_region()`);
    this.addSql(`drop function if exists refresh_hub_regions()`);
    this.addSql(`alter table hub drop column region_code`);
    this.addSql(`drop function if exists territory_region(uuid)`);
  }
}
