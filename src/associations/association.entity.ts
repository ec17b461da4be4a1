import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { archivedAt, createdAt, date, datePrecision, notArchived, reference, text, updatedAt, uuidKey, versionColumn } from '../database/columns.js';
import { Ecosystem } from '../ecosystems/ecosystem.entity.js';
import { Territory } from '../territories/territory.entity.js';

/** An association of the network (most carry a label). */
export const Association = defineEntity({
  name: 'Association',
  tableName: 'association',
  properties: {
    id: uuidKey(),
    slug: text('slug').unique(),
    name: text('name'),
    legalForm: text('legal_form'),
    kind: text('kind').nullable(),
    foundedIn: date('founded_in').nullable(),
    foundedInPrecision: datePrecision('founded_in_precision').nullable(),
    seatId: reference(Territory, 'seat_id').nullable(),
    mission: text('mission').nullable(),
    missionEn: text('mission_en').nullable(),
    website: text('website').nullable(),
    note: text('note').nullable(),
    noteEn: text('note_en').nullable(),
    version: versionColumn(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    archivedAt: archivedAt(),
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
