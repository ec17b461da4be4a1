import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { editableColumns, notArchived, text, uuidKey } from '../database/columns.js';
import { entityProperties } from '../editing/record-fields.js';
import { FIGURE_FIELDS } from './figure.record.js';

/** A dated figure about a record, keyed by subject, metric, date and first source. */
export const Figure = defineEntity({
  name: 'Figure',
  tableName: 'figure',
  properties: {
    id: uuidKey(),
    key: text('key').unique(),
    subjectType: text('subject_type'),
    subjectId: p.uuid().fieldName('subject_id'),
    ...entityProperties(FIGURE_FIELDS),
    // An exact decimal, read as text (not a plain number field).
    value: p.decimal('number').columnType('numeric'),
    ...editableColumns(),
  },
  indexes: [{ name: 'figure_subject_idx', expression: 'create index "figure_subject_idx" on "figure" ("subject_id", "as_of" desc)' }],
  filters: notArchived,
});
export type Figure = InferEntity<typeof Figure>;
