import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { date, editableColumns, latitude, longitude, notArchived, reference, text, uuidKey } from '../database/columns.js';
import { entityProperties } from '../editing/record-fields.js';
import { Ecosystem } from '../ecosystems/ecosystem.entity.js';
import { Source } from '../sources/source.entity.js';
import { Territory } from '../territories/territory.entity.js';
import { HUB_FIELDS } from './hub.record.js';

/** A place of the network: totem, incubator, venue… */
export const Hub = defineEntity({
  name: 'Hub',
  tableName: 'hub',
  properties: {
    id: uuidKey(),
    ...entityProperties(HUB_FIELDS),
    localityId: reference(Territory, 'locality_id'),
    // The locality's INSEE region, written by a trigger whenever the locality is (migration hub_region):
    // read by the national map without walking the territories.
    regionCode: text('region_code').nullable(),
    latitude: latitude(),
    longitude: longitude(),
    coordinatesSourceId: reference(Source, 'coordinates_source_id').nullable(),
    operatorType: p.enum(['Association', 'Institution'] as const).columnType('text').fieldName('operator_type').nullable(),
    operatorId: p.uuid().fieldName('operator_id').nullable(),
    ...editableColumns(),
  },
  filters: notArchived,
});
export type Hub = InferEntity<typeof Hub>;

/** The ecosystems a hub serves, hosts or is the totem of, in order, with their periods. */
export const HubEcosystem = defineEntity({
  name: 'HubEcosystem',
  tableName: 'hub_ecosystem',
  properties: {
    id: uuidKey(),
    hubId: reference(Hub, 'hub_id').deleteRule('cascade'),
    ecosystemId: reference(Ecosystem, 'ecosystem_id'),
    position: p.integer(),
    role: p.enum(['TOTEM', 'SERVES', 'HOSTS'] as const).columnType('text'),
    validFrom: date('valid_from').nullable(),
    validTo: date('valid_to').nullable(),
  },
  uniques: [{ properties: ['hubId', 'position'] }],
  indexes: [{ name: 'hub_ecosystem_ecosystem_idx', properties: ['ecosystemId'] }],
});
