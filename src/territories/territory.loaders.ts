import { byKey, defineLoader, groupByKey } from '../graphql/context.js';
import { asNode } from '../graphql/global-id.js';
import { coordinates, CoordinatesPrecision } from '../graphql/common-types.js';
import { sqlByKeys } from '../database/sql.js';
import { sourceColumns, toSource, type SourceRow } from '../sources/source.loaders.js';
import type { Source } from '../sources/source.types.js';
import type { Territory } from './territory.types.js';

export const TERRITORY_COLUMNS = `t.id, t.slug, t.kind, t.code, t.name, t.country_code, t.latitude, t.longitude, t.population, t.description, t.description_en, t.parent_id, t.coordinates_source_id`;

export interface TerritoryRow {
  id: string; slug: string; kind: string; code: string | null; name: string; country_code: string; latitude: number | null;
  longitude: number | null; population: number | null; description: string | null; description_en: string | null; parent_id: string | null;
  coordinates_source_id: string | null;
}
export type TerritoryNode = Territory & { uuid: string; parentId: string | null; coordinatesSourceId: string | null };

export function toTerritory(row: TerritoryRow): TerritoryNode {
  return asNode('Territory', {
    id: row.id, slug: row.slug, kind: row.kind, code: row.code, name: row.name, countryCode: row.country_code,
    coordinates: coordinates(row.latitude, row.longitude, CoordinatesPrecision.COMMUNE), population: row.population,
    description: row.description, descriptionEn: row.description_en, parentId: row.parent_id, coordinatesSourceId: row.coordinates_source_id,
  }) as unknown as TerritoryNode;
}

export const territoryById = defineLoader<string, TerritoryNode | null>(async (ctx, ids) => {
  const rows = await sqlByKeys<TerritoryRow>(ctx.em, `select ${TERRITORY_COLUMNS} from territory t where t.id = any($1::uuid[])`, [ids]);
  return byKey(ids, rows.map(toTerritory), (t) => t.uuid);
});

export const territoryBySlug = defineLoader<string, TerritoryNode | null>(async (ctx, slugs) => {
  const rows = await sqlByKeys<TerritoryRow>(ctx.em, `select ${TERRITORY_COLUMNS} from territory t where t.slug = any($1::text[])`, [slugs]);
  return byKey(slugs, rows.map(toTerritory), (t) => t.slug);
});

/** The departments an informal area spans, by name (empty for other kinds). */
export const departmentsByArea = defineLoader<string, TerritoryNode[]>(async (ctx, ids) => {
  const rows = await sqlByKeys<TerritoryRow & { area_id: string }>(ctx.em,
    `select ad.area_id, ${TERRITORY_COLUMNS} from area_department ad join territory t on t.id = ad.department_id
     where ad.area_id = any($1::uuid[]) order by ad.area_id, t.code`, [ids]);
  return groupByKey(ids, rows, (r) => r.area_id).map((group) => group.map(toTerritory));
});

/** Ids of the ecosystems that cover a territory (ecosystem_territory) or sit in it (seat), by slug. */
export const ecosystemIdsByTerritory = defineLoader<string, string[]>(async (ctx, ids) => {
  const rows = await sqlByKeys<{ territory_id: string; ecosystem_id: string }>(ctx.em,
    `select distinct x.territory_id, x.ecosystem_id, e.slug from (
       select et.territory_id, et.ecosystem_id from ecosystem_territory et where et.territory_id = any($1::uuid[])
       union
       select e.seat_id, e.id from ecosystem e where e.seat_id = any($1::uuid[])
     ) x join ecosystem e on e.id = x.ecosystem_id order by x.territory_id, e.slug`, [ids]);
  return groupByKey(ids, rows, (r) => r.territory_id).map((group) => group.map((r) => r.ecosystem_id));
});

/** Provenance of a territory: its citations, then the dataset it comes from (official geography). */
export const sourcesByTerritory = defineLoader<string, Source[]>(async (ctx, ids) => {
  const rows = await sqlByKeys<SourceRow & { subject_id: string }>(ctx.em,
    `select x.subject_id, ${sourceColumns(ctx.em)} from (
       select c.subject_id, c.source_id, c.position from citation c where c.subject_id = any($1::uuid[])
       union
       select t.id, t.dataset_source_id, 1000000 from territory t
       where t.id = any($1::uuid[]) and t.dataset_source_id is not null
         and not exists (select 1 from citation c where c.subject_id = t.id and c.source_id = t.dataset_source_id)
     ) x join source s on s.id = x.source_id and s.archived_at is null order by x.subject_id, x.position`, [ids]);
  return groupByKey(ids, rows, (r) => r.subject_id).map((group) => group.map(toSource));
});

/** The territories an ecosystem covers (regions, departments, areas, countries…), in the order given. */
export const territoriesByEcosystem = defineLoader<string, TerritoryNode[]>(async (ctx, ids) => {
  const rows = await sqlByKeys<TerritoryRow & { ecosystem_id: string }>(ctx.em,
    `select et.ecosystem_id, ${TERRITORY_COLUMNS} from ecosystem_territory et join territory t on t.id = et.territory_id
     where et.ecosystem_id = any($1::uuid[]) order by et.ecosystem_id, et.position`, [ids]);
  return groupByKey(ids, rows, (r) => r.ecosystem_id).map((group) => group.map(toTerritory));
});
