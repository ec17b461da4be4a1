import { defineEntity, type InferEntity } from '@mikro-orm/core';
import { archivedAt, createdAt, date, datePrecision, notArchived, reference, text, updatedAt, uuidKey, versionColumn } from '../database/columns.js';
import { Territory } from '../territories/territory.entity.js';

/** A public institution (ministry, agency, region…). */
export const Institution = defineEntity({
  name: 'Institution',
  tableName: 'institution',
  properties: {
    id: uuidKey(),
    slug: text('slug').unique(),
    name: text('name'),
    kind: text('kind'),
    parentId: () => reference(parentInstitution(), 'parent_id').nullable(),
    seatId: reference(Territory, 'seat_id').nullable(),
    territoryId: reference(Territory, 'territory_id').nullable(),
    foundedIn: date('founded_in').nullable(),
    foundedInPrecision: datePrecision('founded_in_precision').nullable(),
    description: text('description').nullable(),
    descriptionEn: text('description_en').nullable(),
    website: text('website').nullable(),
    note: text('note').nullable(),
    noteEn: text('note_en').nullable(),
    version: versionColumn(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    archivedAt: archivedAt(),
  },
  indexes: [{ name: 'institution_parent_idx', properties: ['parentId'] }],
  filters: notArchived,
});
export type Institution = InferEntity<typeof Institution>;

/** The parent of an institution is an institution: a declared type, since TypeScript cannot infer a type from itself. */
function parentInstitution(): { '~entity': { id: string } } {
  return Institution as never;
}
