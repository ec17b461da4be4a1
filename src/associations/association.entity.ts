import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { date, editableColumns, notArchived, reference, uuidKey } from '../database/columns.js';
import { entityProperties } from '../editing/record-fields.js';
import { Ecosystem } from '../ecosystems/ecosystem.entity.js';
import { Territory } from '../territories/territory.entity.js';
import { ASSOCIATION_FIELDS } from './association.record.js';

/** An association of the network (most carry a label). */
export const Association = defineEntity({
  name: 'Association',
  tableName: 'association',
  properties: {
    id: uuidKey(),
    ...entityProperties(ASSOCIATION_FIELDS),
    seatId: reference(Territory, 'seat_id').nullable(),
    ...editableColumns(),
  },
  filters: notArchived,
});
export type Association = InferEntity<typeof Association>;

/** The ecosystems (labels) an association carries, in order, with their periods. */
export const Carrier = defineEntity({
  name: 'Carrier',
  tableName: 'carrier',
  properties: {
    id: uuidKey(),
    associationId: reference(Association, 'association_id').deleteRule('cascade'),
    ecosystemId: reference(Ecosystem, 'ecosystem_id'),
    position: p.integer(),
    validFrom: date('valid_from').nullable(),
    validTo: date('valid_to').nullable(),
  },
  uniques: [{ properties: ['associationId', 'position'] }],
  indexes: [{ name: 'carrier_ecosystem_idx', properties: ['ecosystemId'] }],
});
