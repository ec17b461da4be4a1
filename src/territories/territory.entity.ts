import { defineEntity, p } from '@mikro-orm/core';
import { createdAt, latitude, longitude, reference, text, updatedAt, uuidKey, versionColumn } from '../database/columns.js';
import { Source } from '../sources/source.entity.js';

/** Official geography (regions, departments, communes from a package), areas, countries and cities abroad. Not editable. */
export const Territory = defineEntity({
  name: 'Territory',
  tableName: 'territory',
  properties: {
    id: uuidKey(),
    slug: text('slug').unique(),
    kind: p.enum(['REGION', 'DEPARTMENT', 'COMMUNE', 'AREA', 'COUNTRY', 'CITY'] as const).columnType('text'),
    code: text('code').nullable(),
    name: text('name'),
    parentId: () => reference(parentTerritory(), 'parent_id').nullable(),
    countryCode: p.character().length(2).fieldName('country_code').default('FR'),
    latitude: latitude(),
    longitude: longitude(),
    population: p.integer().nullable(),
    description: text('description').nullable(),
    descriptionEn: text('description_en').nullable(),
    datasetSourceId: reference(Source, 'dataset_source_id').nullable(),
    coordinatesPrecision: p.enum(['EXACT', 'COMMUNE'] as const).columnType('text').fieldName('coordinates_precision').nullable(),
    coordinatesSourceId: reference(Source, 'coordinates_source_id').nullable(),
    version: versionColumn(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  uniques: [{ properties: ['kind', 'code'] }],
  indexes: [{ name: 'territory_parent_idx', properties: ['parentId'] }],
});

/** The parent of a territory is a territory: a declared type, since TypeScript cannot infer a type from itself. */
function parentTerritory(): { '~entity': { id: string } } {
  return Territory as never;
}

/** The departments an informal area spans. */
export const AreaDepartment = defineEntity({
  name: 'AreaDepartment',
  tableName: 'area_department',
  properties: {
    areaId: reference(Territory, 'area_id').primary().deleteRule('cascade'),
    departmentId: reference(Territory, 'department_id').primary(),
  },
  primaryKeys: ['areaId', 'departmentId'],
});
