import { defineEntity, type InferEntity } from '@mikro-orm/core';
import { editableColumns, notArchived, reference, uuidKey } from '../database/columns.js';
import { entityProperties } from '../editing/record-fields.js';
import { Territory } from '../territories/territory.entity.js';
import { INSTITUTION_FIELDS } from './institution.record.js';

/** A public institution (ministry, agency, region…). */
export const Institution = defineEntity({
  name: 'Institution',
  tableName: 'institution',
  properties: {
    id: uuidKey(),
    ...entityProperties(INSTITUTION_FIELDS),
    parentId: () => reference(parentInstitution(), 'parent_id').nullable(),
    seatId: reference(Territory, 'seat_id').nullable(),
    territoryId: reference(Territory, 'territory_id').nullable(),
    ...editableColumns(),
  },
  indexes: [{ name: 'institution_parent_idx', properties: ['parentId'] }],
  filters: notArchived,
});
export type Institution = InferEntity<typeof Institution>;

/** The parent of an institution is an institution: a declared type, since TypeScript cannot infer a type from itself. */
function parentInstitution(): { '~entity': { id: string } } {
  return Institution as never;
}
