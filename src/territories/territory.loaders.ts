import { registerNodeType } from '../graphql/node.js';
import { byKey, defineLoader } from '../graphql/context.js';
import { asNode } from '../graphql/global-id.js';
import { coordinates, CoordinatesPrecision } from '../graphql/common-types.js';
import { sql } from '../database/sql.js';
import type { Territory } from './territory.types.js';

export const TERRITORY_COLUMNS = `t.id, t.slug, t.kind, t.code, t.name, t.country_code, t.latitude, t.longitude, t.population, t.description, t.parent_id`;

export interface TerritoryRow {
  id: string; slug: string; kind: string; code: string | null; name: string; country_code: string; latitude: number | null;
  longitude: number | null; population: number | null; description: string | null; parent_id: string | null;
}
export type TerritoryNode = Territory & { uuid: string; parentId: string | null };

export function toTerritory(row: TerritoryRow): TerritoryNode {
  return asNode('Territory', {
    id: row.id, slug: row.slug, kind: row.kind, code: row.code, name: row.name, countryCode: row.country_code,
    coordinates: coordinates(row.latitude, row.longitude, CoordinatesPrecision.COMMUNE), population: row.population,
    description: row.description, parentId: row.parent_id,
  }) as unknown as TerritoryNode;
}

export const territoryById = defineLoader<string, TerritoryNode | null>(async (ctx, ids) => {
  const rows = await sql<TerritoryRow>(ctx.em, `select ${TERRITORY_COLUMNS} from territory t where t.id = any($1::uuid[])`, [ids]);
  return byKey(ids, rows.map(toTerritory), (t) => t.uuid);
});

registerNodeType('Territory', territoryById);
