import { Migration } from '@mikro-orm/migrations';

/**
 * Issue 10, "Language", continued: the notes the API serves (caveats, how a date or a figure was
 * derived), the funding notes of programmes and the descriptions of informal areas are held in French
 * with their English translation in a `<column>_en` beside each; the search index covers both. down()
 * restores the definition of refresh_search_index() left by Migration20261130190000_ecosystem_languages.
 */
const NOTED_TABLES = ['source', 'campaign', 'ecosystem', 'label', 'attachment', 'association', 'institution', 'hub', 'programme', 'event', 'person', 'partnership', 'figure'];

export class Migration20261130200000_note_languages extends Migration {
  override async up(): Promise<void> {
    for (const table of NOTED_TABLES) this.addSql(`alter table ${table} add column note_en text`);
    this.addSql(`alter table programme add column funding_note_en text`);
    this.addSql(`alter table territory add column description_en text`);
    this.addSql(refreshSearchIndex(true));
  }

  override async down(): Promise<void> {
    this.addSql(refreshSearchIndex(false));
    this.addSql(`alter table territory drop column description_en`);
    this.addSql(`alter table programme drop column funding_note_en`);
    for (const table of NOTED_TABLES) this.addSql(`alter table ${table} drop column note_en`);
  }
}

export function refreshSearchIndex(notesInEnglish: boolean): string {
  const en = (column: string) => (notesInEnglish ? `, ${column}` : '');
  return `
      create or replace function refresh_search_index() returns void language sql as $fn$
        delete from search_entry;
        insert into search_entry (subject_type, subject_id, title, body, document)
        select subject_type, subject_id, title, body,
               setweight(to_tsvector('maillage_french', title), 'A') || setweight(to_tsvector('maillage_french', body), 'B')
        from (
          select 'Ecosystem' as subject_type, e.id as subject_id,
                 (select n.name from ecosystem_name n where n.ecosystem_id = e.id order by n.position desc limit 1) as title,
                 concat_ws(' ', (select string_agg(n.name, ' ') from ecosystem_name n where n.ecosystem_id = e.id), e.description, e.description_en) as body
          from ecosystem e
          union all
          select 'Association', a.id, a.name, concat_ws(' ', a.mission, a.mission_en) from association a
          union all
          select 'Institution', i.id, i.name, concat_ws(' ', i.description, i.description_en) from institution i
          union all
          select 'Hub', h.id, h.name, concat_ws(' ', h.address, h.description, h.description_en) from hub h
          union all
          select 'Programme', p.id, p.name, concat_ws(' ', p.description, p.eligibility_note, p.description_en, p.eligibility_note_en) from programme p
          union all
          select 'Event', ev.id, ev.name, concat_ws(' ', ev.hashtag, ev.description, ev.description_en) from event ev
          union all
          select 'Person', pe.id, pe.name, '' from person pe
          union all
          select 'Territory', t.id, t.name, concat_ws(' ', t.code, t.description${en('t.description_en')}) from territory t
          where t.kind in ('REGION', 'DEPARTMENT', 'AREA', 'COUNTRY', 'CITY')
             or exists (select 1 from ecosystem e where e.seat_id = t.id)
             or exists (select 1 from hub h where h.locality_id = t.id)
          union all
          select 'Source', s.id, s.title, concat_ws(' ', s.publisher, s.note${en('s.note_en')}) from source s
        ) records
      $fn$`;
}
