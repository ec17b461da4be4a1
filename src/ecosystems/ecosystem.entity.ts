import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { createdAt, date, reference, text, updatedAt, uuidKey, versionColumn } from '../database/columns.js';
import { Territory } from '../territories/territory.entity.js';

/** A community of the network (its names, labels and attachments are dated rows of their own). */
export const Ecosystem = defineEntity({
  name: 'Ecosystem',
  tableName: 'ecosystem',
  properties: {
    id: uuidKey(),
    slug: text('slug').unique(),
    countryCode: p.character().length(2).fieldName('country_code').default('FR'),
    seatId: reference(Territory, 'seat_id').nullable(),
    description: text('description').nullable(),
    descriptionEn: text('description_en').nullable(),
    website: text('website').nullable(),
    note: text('note').nullable(),
    noteEn: text('note_en').nullable(),
    // Worked out by refresh_ecosystem_places() after a load: where the ecosystem lies and is drawn.
    regionCode: text('region_code').nullable(),
    departmentCode: text('department_code').nullable(),
    pointTerritoryId: reference(Territory, 'point_territory_id').nullable(),
    version: versionColumn(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  indexes: [
    { name: 'ecosystem_seat_idx', properties: ['seatId'] },
    { name: 'ecosystem_region_idx', properties: ['regionCode'] },
    { name: 'ecosystem_department_idx', properties: ['departmentCode'] },
  ],
});
export type Ecosystem = InferEntity<typeof Ecosystem>;

/** An ecosystem's names in order, each with the period it was used. */
export const EcosystemName = defineEntity({
  name: 'EcosystemName',
  tableName: 'ecosystem_name',
  properties: {
    id: uuidKey(),
    ecosystemId: reference(Ecosystem, 'ecosystem_id').deleteRule('cascade'),
    position: p.integer(),
    name: text('name'),
    validFrom: date('valid_from').nullable(),
    validTo: date('valid_to').nullable(),
  },
  uniques: [{ properties: ['ecosystemId', 'position'] }],
  checks: [{ name: 'ecosystem_name_check', expression: '((valid_to IS NULL) OR (valid_from IS NULL) OR (valid_to >= valid_from))' }],
});

/** The territories an ecosystem covers, in order. */
export const EcosystemTerritory = defineEntity({
  name: 'EcosystemTerritory',
  tableName: 'ecosystem_territory',
  properties: {
    ecosystemId: reference(Ecosystem, 'ecosystem_id').primary().deleteRule('cascade'),
    territoryId: reference(Territory, 'territory_id').primary(),
    position: p.integer().default(0),
  },
  primaryKeys: ['ecosystemId', 'territoryId'],
  indexes: [{ name: 'ecosystem_territory_territory_idx', properties: ['territoryId'] }],
});
