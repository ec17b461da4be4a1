import { Migration } from '@mikro-orm/migrations';
import { refreshSearchIndex } from './Migration20261130200000_note_languages.js';

/**
 * Issue 12, "Writes": the search index is kept per record inside each write's transaction instead of
 * being rebuilt whole under a global lock. What a record contributes to search is defined once, in
 * search_entry_texts(type, ids), which both paths read:
 * - reindex_search_entries(type, ids) rewrites the entries of just those records (upserting, so that
 *   concurrent writes of different records never collide on the table's keys);
 * - refresh_search_index() rebuilds everything, for the seed loader and the synthetic network.
 * Archived records contribute nothing, so no path can put them back into search. down() restores the
 * definition of refresh_search_index() left by Migration20261130200000_note_languages.
 */
export class Migration20261130210000_search_per_record extends Migration {
  override async up(): Promise<void> {
    this.addSql(SEARCH_ENTRY_TEXTS);
    this.addSql(`
      create or replace function search_entry_document(title text, body text) returns tsvector language sql stable as $fn$
        select setweight(to_tsvector('maillage_french', title), 'A') || setweight(to_tsvector('maillage_french', body), 'B')
      $fn$`);
    this.addSql(`
      create or replace function refresh_search_index() returns void language sql as $fn$
        delete from search_entry;
        insert into search_entry (subject_type, subject_id, title, body, document)
        select t.subject_type, t.subject_id, t.title, t.body, search_entry_document(t.title, t.body)
        from search_entry_texts(null, null) t;
      $fn$`);
    this.addSql(`
      create or replace function reindex_search_entries(wanted_type text, wanted_ids uuid[]) returns void language plpgsql as $fn$
      declare
        communes uuid[];
        indexed_territories uuid[];
      begin
        delete from search_entry se where se.subject_type = wanted_type and se.subject_id = any(wanted_ids);
        insert into search_entry (subject_type, subject_id, title, body, document)
        select t.subject_type, t.subject_id, t.title, t.body, search_entry_document(t.title, t.body)
        from search_entry_texts(wanted_type, wanted_ids) t
        on conflict (subject_type, subject_id) do update set title = excluded.title, body = excluded.body, document = excluded.document;
        -- A commune is searched while it seats an ecosystem or hosts a hub. One that now does gets its
        -- entry; an existing entry is left as it is (its text is the territory's own, which no write
        -- changes), so writes to hubs of one commune do not queue on it. One that no longer does (its
        -- last hub moved elsewhere) loses its entry. The id arrays are computed first so that each
        -- statement is planned with them as constants (index scans, not a scan of every territory).
        if wanted_type in ('Hub', 'Ecosystem') then
          communes := array(
            select h.locality_id from hub h where wanted_type = 'Hub' and h.id = any(wanted_ids)
            union select e.seat_id from ecosystem e where wanted_type = 'Ecosystem' and e.id = any(wanted_ids) and e.seat_id is not null);
          insert into search_entry (subject_type, subject_id, title, body, document)
          select t.subject_type, t.subject_id, t.title, t.body, search_entry_document(t.title, t.body)
          from search_entry_texts('Territory', communes) t
          on conflict (subject_type, subject_id) do nothing;
          indexed_territories := array(select i.subject_id from search_entry i where i.subject_type = 'Territory');
          delete from search_entry se where se.subject_type = 'Territory' and se.subject_id = any(indexed_territories)
            and se.subject_id not in (select t.subject_id from search_entry_texts('Territory', indexed_territories) t);
        end if;
      end
      $fn$`);
  }

  override async down(): Promise<void> {
    this.addSql(refreshSearchIndex(true));
    this.addSql(`drop function reindex_search_entries(text, uuid[])`);
    this.addSql(`drop function search_entry_document(text, text)`);
    this.addSql(`drop function search_entry_texts(text, uuid[])`);
  }
}

/** The branch of one kind: only when that kind is wanted (null: every kind), and only the ids wanted (null: all). */
const wanted = (type: string, alias: string) => `(wanted_type is null or wanted_type = '${type}') and (wanted_ids is null or ${alias}.id = any(wanted_ids))`;

/**
 * The title and body each searchable record contributes (texts in French with their English
 * translations beside them), for the records of `wanted_type` (null: every kind) with the ids in
 * `wanted_ids` (null: all of them). Archived records contribute nothing. The parameters are named so
 * that no column shadows them (a column wins over a parameter in an SQL function).
 */
const SEARCH_ENTRY_TEXTS = `
  create or replace function search_entry_texts(wanted_type text, wanted_ids uuid[])
  returns table (subject_type text, subject_id uuid, title text, body text) language sql stable as $fn$
    select 'Ecosystem', e.id,
           (select n.name from ecosystem_name n where n.ecosystem_id = e.id order by n.position desc limit 1),
           concat_ws(' ', (select string_agg(n.name, ' ') from ecosystem_name n where n.ecosystem_id = e.id), e.description, e.description_en)
    from ecosystem e where ${wanted('Ecosystem', 'e')}
    union all
    select 'Association', a.id, a.name, concat_ws(' ', a.mission, a.mission_en) from association a
    where ${wanted('Association', 'a')} and a.archived_at is null
    union all
    select 'Institution', i.id, i.name, concat_ws(' ', i.description, i.description_en) from institution i
    where ${wanted('Institution', 'i')} and i.archived_at is null
    union all
    select 'Hub', h.id, h.name, concat_ws(' ', h.address, h.description, h.description_en) from hub h
    where ${wanted('Hub', 'h')} and h.archived_at is null
    union all
    select 'Programme', p.id, p.name, concat_ws(' ', p.description, p.eligibility_note, p.description_en, p.eligibility_note_en) from programme p
    where ${wanted('Programme', 'p')} and p.archived_at is null
    union all
    select 'Event', ev.id, ev.name, concat_ws(' ', ev.hashtag, ev.description, ev.description_en) from event ev
    where ${wanted('Event', 'ev')} and ev.archived_at is null
    union all
    select 'Person', pe.id, pe.name, '' from person pe
    where ${wanted('Person', 'pe')} and pe.archived_at is null
    union all
    select 'Territory', t.id, t.name, concat_ws(' ', t.code, t.description, t.description_en) from territory t
    where ${wanted('Territory', 't')}
      and (t.kind in ('REGION', 'DEPARTMENT', 'AREA', 'COUNTRY', 'CITY')
           or exists (select 1 from ecosystem e where e.seat_id = t.id)
           or exists (select 1 from hub h where h.locality_id = t.id))
    union all
    select 'Source', s.id, s.title, concat_ws(' ', s.publisher, s.note, s.note_en) from source s
    where ${wanted('Source', 's')} and s.archived_at is null
  $fn$`;
