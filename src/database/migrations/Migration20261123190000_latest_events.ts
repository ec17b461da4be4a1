import { Migration } from '@mikro-orm/migrations';

/**
 * "The 20 latest events of each ecosystem" is on every community page. Ranking an ecosystem's events
 * by joining the whole event table cost ~3–8 ms a page; a copy of the start date on the link, kept by
 * triggers, lets PostgreSQL read the top of an index instead (a fraction of a millisecond).
 */
export class Migration20261123190000_latest_events extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table event_ecosystem add column starts_on date`);
    this.addSql(`update event_ecosystem x set starts_on = ev.starts_on from event ev where ev.id = x.event_id`);
    this.addSql(`alter table event_ecosystem alter column starts_on set not null`);
    this.addSql(`create index event_ecosystem_latest_idx on event_ecosystem (ecosystem_id, starts_on desc, event_id desc)`);
    this.addSql(`
      create function event_ecosystem_copy_starts_on() returns trigger language plpgsql as $$
      begin
        select ev.starts_on into new.starts_on from event ev where ev.id = new.event_id;
        return new;
      end $$`);
    this.addSql(`
      create trigger event_ecosystem_starts_on before insert or update of event_id on event_ecosystem
      for each row execute function event_ecosystem_copy_starts_on()`);
    this.addSql(`
      create function event_propagate_starts_on() returns trigger language plpgsql as $$
      begin
        update event_ecosystem set starts_on = new.starts_on where event_id = new.id;
        return null;
      end $$`);
    this.addSql(`
      create trigger event_starts_on_changed after update of starts_on on event
      for each row when (old.starts_on is distinct from new.starts_on) execute function event_propagate_starts_on()`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop trigger if exists event_starts_on_changed on event`);
    this.addSql(`drop function if exists event_propagate_starts_on()`);
    this.addSql(`drop trigger if exists event_ecosystem_starts_on on event_ecosystem`);
    this.addSql(`drop function if exists event_ecosystem_copy_starts_on()`);
    this.addSql(`drop index if exists event_ecosystem_latest_idx`);
    this.addSql(`alter table event_ecosystem drop column starts_on`);
  }
}
