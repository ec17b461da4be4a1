import { byKey, defineLoader, groupByKey, type RequestContext } from '../graphql/context.js';
import { asNode } from '../graphql/global-id.js';
import { fieldValues } from '../editing/record-fields.js';
import { sqlByKeys } from '../database/sql.js';
import type { EntityManager } from '@mikro-orm/postgresql';
import { selectList } from '../database/select-list.js';
import { Source as SourceEntity } from './source.entity.js';
import { SOURCE_FIELDS } from './source.record.js';
import type { Source } from './source.types.js';

/** A source's row: its entity's columns under their property names (selectList). */
export type SourceRow = Omit<SourceEntity, 'createdAt' | 'updatedAt' | 'archivedAt' | 'version'>;

/** The select list of a source row (`s` is the source table's alias). */
export const sourceColumns = (em: EntityManager) => selectList(em, SourceEntity, 's');

export function toSource(row: SourceRow): Source & { uuid: string } {
  return asNode('Source', fieldValues(SOURCE_FIELDS, row)) as unknown as Source & { uuid: string };
}

export const sourceById = defineLoader<string, Source | null>(async (ctx, ids) => {
  const rows = await sqlByKeys<SourceRow>(ctx.em, `select ${sourceColumns(ctx.em)} from source s where s.id = any($1::uuid[]) and s.archived_at is null`, [ids]);
  return byKey(ids, rows.map(toSource), (s) => s.uuid);
});

/** The sources cited by any record (or dated relation), by the record's uuid. */
export const sourcesBySubject = defineLoader<string, Source[]>(async (ctx, subjectIds) => {
  const rows = await sqlByKeys<SourceRow & { subject_id: string }>(ctx.em,
    `select c.subject_id, ${sourceColumns(ctx.em)} from citation c join source s on s.id = c.source_id
     where c.subject_id = any($1::uuid[]) and s.archived_at is null order by c.subject_id, c.position`, [subjectIds]);
  return groupByKey(subjectIds, rows, (r) => r.subject_id).map((group) => group.map(toSource));
});

/** Provenance of a record: every type's `sources` field resolves through this. */
export function sourcesOf(ctx: RequestContext, subject: { uuid: string }): Promise<Source[]> {
  return ctx.loader(sourcesBySubject).load(subject.uuid);
}

export const sourceBySlug = defineLoader<string, Source | null>(async (ctx, slugs) => {
  const rows = await sqlByKeys<SourceRow>(ctx.em, `select ${sourceColumns(ctx.em)} from source s where s.slug = any($1::text[]) and s.archived_at is null`, [slugs]);
  return byKey(slugs, rows.map(toSource), (s) => s.slug);
});

/** How many records and dated relations cite each source (one statement for a whole list). */
export const citationCountBySource = defineLoader<string, number>(async (ctx, ids) => {
  const rows = await sqlByKeys<{ source_id: string; count: number }>(ctx.em,
    `select c.source_id, count(*)::int as count from citation c where c.source_id = any($1::uuid[]) group by c.source_id`, [ids]);
  return byKey(ids, rows, (r) => r.source_id).map((r) => r?.count ?? 0);
});
