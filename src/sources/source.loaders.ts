import { byKey, defineLoader, groupByKey, type RequestContext } from '../graphql/context.js';
import { asNode } from '../graphql/global-id.js';
import { partialDate } from '../graphql/common-types.js';
import { sql } from '../database/sql.js';
import type { Source } from './source.types.js';

export const SOURCE_COLUMNS = `s.id, s.slug, s.title, s.publisher, s.published_on::text, s.published_on_precision, s.url, s.file, s.kind, s.language, s.note, s.note_en`;

export interface SourceRow {
  id: string; slug: string; title: string; publisher: string; published_on: string | null; published_on_precision: string | null;
  url: string | null; file: string | null; kind: string; language: string | null; note: string | null; note_en: string | null;
}

export function toSource(row: SourceRow): Source & { uuid: string } {
  return asNode('Source', {
    id: row.id, slug: row.slug, title: row.title, publisher: row.publisher, publishedOn: partialDate(row.published_on, row.published_on_precision),
    url: row.url, file: row.file, kind: row.kind, language: row.language, note: row.note, noteEn: row.note_en,
  }) as unknown as Source & { uuid: string };
}

export const sourceById = defineLoader<string, Source | null>(async (ctx, ids) => {
  const rows = await sql<SourceRow>(ctx.em, `select ${SOURCE_COLUMNS} from source s where s.id = any($1::uuid[]) and s.archived_at is null`, [ids]);
  return byKey(ids, rows.map(toSource), (s) => s.uuid);
});

/** The sources cited by any record (or dated relation), by the record's uuid. */
export const sourcesBySubject = defineLoader<string, Source[]>(async (ctx, subjectIds) => {
  const rows = await sql<SourceRow & { subject_id: string }>(ctx.em,
    `select c.subject_id, ${SOURCE_COLUMNS} from citation c join source s on s.id = c.source_id
     where c.subject_id = any($1::uuid[]) and s.archived_at is null order by c.subject_id, c.position`, [subjectIds]);
  return groupByKey(subjectIds, rows, (r) => r.subject_id).map((group) => group.map(toSource));
});

/** Provenance of a record: every type's `sources` field resolves through this. */
export function sourcesOf(ctx: RequestContext, subject: { uuid: string }): Promise<Source[]> {
  return ctx.loader(sourcesBySubject).load(subject.uuid);
}

export const sourceBySlug = defineLoader<string, Source | null>(async (ctx, slugs) => {
  const rows = await sql<SourceRow>(ctx.em, `select ${SOURCE_COLUMNS} from source s where s.slug = any($1::text[]) and s.archived_at is null`, [slugs]);
  return byKey(slugs, rows.map(toSource), (s) => s.slug);
});

/** How many records and dated relations cite each source (one statement for a whole list). */
export const citationCountBySource = defineLoader<string, number>(async (ctx, ids) => {
  const rows = await sql<{ source_id: string; count: number }>(ctx.em,
    `select c.source_id, count(*)::int as count from citation c where c.source_id = any($1::uuid[]) group by c.source_id`, [ids]);
  return byKey(ids, rows, (r) => r.source_id).map((r) => r?.count ?? 0);
});
