import { Migration } from '@mikro-orm/migrations';

/**
 * Issue 10, "Language", continued: ecosystem descriptions are held in French with their English
 * translation in `ecosystem.description_en`; the search index covers both. down() restores the
 * definition of refresh_search_index() left by Migration20261130180000_languages.
 */
export class Migration20261130190000_ecosystem_languages extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table ecosystem add column description_en text`);
    this.addSql(refreshSearchIndex(true));
  }

  override async down(): Promise<void> {
    this.addSql(refreshSearchIndex(false));
    this.addSql(`alter table ecosystem drop column description_en`);
  }
}

export function refreshSearchIndex(ecosystemEnglish: boolean): string {
  const en = (column: string) => `, ${column}`;
  return `
      create or replace function refresh_search_index() returns void language sql as $fn$
        delete from search_entry;
        insert into search_entry (subject_type, subject_id, title, body, document)
        select subject_type, subject_id, title, body,
               setweight(to_tsvector('maillage_french', title), 'A') || setweight(to_tsvector('maillage_french', body), 'B')
        from (
          select 'Ecosystem' as subject_type, e.id as subject_id,
                 (select n.name from ecosystem_name n where n.ecosystem_id = e.id order by n.position desc limit 1) as title,
                 concat_ws(' ', (select string_agg(n.name, ' ') from ecosystem_name n where n.ecosystem_id = e.id), e.description${ecosystemEnglish ? ', e.description_en' : ''}) as body
          from ecosystem e
          union all
          select 'Association', a.id, a.name, concat_ws(' ', a.mission${en('a.mission_en')}) from association a
          union all
          select 'Institution', i.id, i.name, concat_ws(' ', i.description${en('i.description_en')}) from institution i
          union all
          select 'Hub', h.id, h.name, concat_ws(' ', h.address, h.description${en('h.description_en')}) from hub h
          union all
          select 'Programme', p.id, p.name, concat_ws(' ', p.description, p.eligibility_note${en('p.description_en, p.eligibility_note_en')}) from programme p
          union all
          select 'Event', ev.id, ev.name, concat_ws(' ', ev.hashtag, ev.description${en('ev.description_en')}) from event ev
          union all
          select 'Person', pe.id, pe.name, '' from person pe
          union all
          select 'Territory', t.id, t.name, concat_ws(' ', t.code, t.description) from territory t
          where t.kind in ('REGION', 'DEPARTMENT', 'AREA', 'COUNTRY', 'CITY')
             or exists (select 1 from ecosystem e where e.seat_id = t.id)
             or exists (select 1 from hub h where h.locality_id = t.id)
          union all
          select 'Source', s.id, s.title, concat_ws(' ', s.publisher, s.note) from source s
        ) records
      $fn$`;
}
