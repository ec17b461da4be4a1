import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { editableColumns, notArchived, reference, text, uuidKey } from '../database/columns.js';
import { entityProperties } from '../editing/record-fields.js';
import { SOURCE_FIELDS } from './source.record.js';

/** A source: every fact cites one or more. */
export const Source = defineEntity({
  name: 'Source',
  tableName: 'source',
  properties: {
    id: uuidKey(),
    ...entityProperties(SOURCE_FIELDS),
    ...editableColumns(),
  },
  checks: [{ name: 'source_check', expression: '((url IS NOT NULL) OR (file IS NOT NULL))' }],
  filters: notArchived,
});
export type Source = InferEntity<typeof Source>;

/** Which sources support a record or a dated relation (`subject_type` is the GraphQL type name). */
export const Citation = defineEntity({
  name: 'Citation',
  tableName: 'citation',
  properties: {
    id: uuidKey(),
    subjectType: text('subject_type'),
    subjectId: p.uuid().fieldName('subject_id'),
    sourceId: reference(Source, 'source_id').deleteRule('restrict'),
    position: p.integer().default(0),
  },
  uniques: [{ properties: ['subjectType', 'subjectId', 'sourceId'] }],
  indexes: [
    { name: 'citation_subject_idx', properties: ['subjectId', 'position'] },
    { name: 'citation_source_idx', properties: ['sourceId'] },
  ],
});
