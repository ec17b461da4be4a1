import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { archivedAt, createdAt, date, datePrecision, notArchived, text, updatedAt, uuidKey, versionColumn } from '../database/columns.js';

/** A dated figure about a record, keyed by subject, metric, date and first source. */
export const Figure = defineEntity({
  name: 'Figure',
  tableName: 'figure',
  properties: {
    id: uuidKey(),
    key: text('key').unique(),
    subjectType: text('subject_type'),
    subjectId: p.uuid().fieldName('subject_id'),
    metric: text('metric'),
    value: p.decimal('number').columnType('numeric'),
    qualifier: p.enum(['EXACT', 'ABOUT', 'MORE_THAN', 'AT_LEAST', 'LESS_THAN', 'AT_MOST'] as const).columnType('text').default('EXACT'),
    unit: text('unit').default('COUNT'),
    asOf: date('as_of'),
    asOfPrecision: datePrecision('as_of_precision'),
    label: text('label').nullable(),
    note: text('note').nullable(),
    noteEn: text('note_en').nullable(),
    version: versionColumn(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    archivedAt: archivedAt(),
  },
  indexes: [{ name: 'figure_subject_idx', expression: 'create index "figure_subject_idx" on "figure" ("subject_id", "as_of" desc)' }],
  filters: notArchived,
});
export type Figure = InferEntity<typeof Figure>;
