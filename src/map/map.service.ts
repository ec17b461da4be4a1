import type { EntityManager } from '@mikro-orm/postgresql';
import { sql } from '../database/sql.js';
import { toGlobalId } from '../graphql/global-id.js';
import { badInput } from '../graphql/errors.js';
import { coordinates, CoordinatesPrecision, type Coordinates } from '../graphql/common-types.js';
import { labelInForceSql, toEcosystem, type EcosystemNode, type EcosystemRow } from '../ecosystems/ecosystem.loaders.js';
import { stateOnSql } from '../ecosystems/certainty.js';
import { hubColumns, hubRoleRankSql, toHub, type HubNode, type HubRow } from '../hubs/hub.loaders.js';
import { LABEL_KIND_PRECEDENCE } from '../ecosystems/ecosystem.types.js';
import { checkInseeCode } from '../territories/insee-code.js';
import { periodCoversSql } from '../shared/partial-date.js';
import { compareText } from '../shared/collation.js';

/**
 * The national map on a date, in two set-based statements run in parallel whatever the size of the
 * network: (1) every ecosystem labelled that day with its label, name, parent and seat point; (2) every
 * hub serving an ecosystem that day with its own point and its locality's. Label paths are worked out
 * in memory from the parent map of that date. Shared by the GraphQL field and GET /map.geojson.
 */

/** LABEL_KIND_PRECEDENCE, for the kinds read from rows and filters. */
const KIND_PRECEDENCE: readonly string[] = LABEL_KIND_PRECEDENCE;
export const HUB_KIND = 'HUB';
/** Kinds whose ecosystems get a link to their parent (the capitals and the root are the parents). */
const LINKED_KINDS = new Set(['COMMUNITY', 'METROPOLE', 'HUB_ABROAD', 'THEMATIC_NETWORK']);

export interface MapFilterInput {
  regionCode?: string | null;
  kinds?: string[] | null;
  inFrance?: boolean | null;
  hubs?: boolean | null;
}

export interface MapPointData {
  /** Global ID of the ecosystem or hub. */
  id: string;
  uuid: string;
  /** The ecosystem or hub as the rest of the schema serves it (made on first read: most maps never ask). */
  readonly node: EcosystemNode | HubNode;
  slug: string;
  name: string;
  kind: string;
  coordinates: Coordinates | null;
  countryCode: string;
  regionCode: string | null;
  labelPath: string[];
  /** Global ID of the parent ecosystem (for a hub, the ecosystem it serves); null for the root. */
  parentId: string | null;
  parentUuid: string | null;
}

export interface MapLinkData { from: MapPointData; to: MapPointData }

export interface NationalMapData {
  asOf: string;
  points: MapPointData[];
  links: MapLinkData[];
  /** Every labelled ecosystem of the day, before the filter (for coverage). */
  named: MapPointData[];
}

export interface GeoJsonFeatureCollection {
  type: 'FeatureCollection';
  features: {
    type: 'Feature';
    id: string;
    geometry: { type: 'Point'; coordinates: [number, number] } | { type: 'LineString'; coordinates: [number, number][] };
    properties: Record<string, unknown>;
  }[];
}

/**
 * A point of the map. Its `node` is built only when a query selects it: the product operation asks
 * for none, and building one object per point with its own global ID was a tenth of the map's CPU.
 */
class MapPoint implements MapPointData {
  #node: EcosystemNode | HubNode | undefined;
  labelPath: string[] = [];
  parentId: string | null = null;
  parentUuid: string | null = null;

  constructor(
    readonly id: string, readonly uuid: string, readonly slug: string, readonly name: string, readonly kind: string,
    readonly coordinates: Coordinates | null, readonly countryCode: string, readonly regionCode: string | null,
    private readonly row: EcosystemMapRow | HubMapRow,
  ) {}

  get node(): EcosystemNode | HubNode {
    return (this.#node ??= this.kind === HUB_KIND ? toHub(this.row as HubMapRow) : toEcosystem(this.row as EcosystemMapRow));
  }
}


interface EcosystemMapRow extends EcosystemRow {
  kind: string; name: string | null; parent_id: string | null; latitude: number | null; longitude: number | null; region_code: string | null;
}
interface HubMapRow extends HubRow {
  ecosystem_id: string; locality_latitude: number | null; locality_longitude: number | null; locality_country: string | null; region_code: string | null;
}

/**
 * Set-based: the label, the name and the parent of the day are each picked once for the whole network
 * (`distinct on`, hash-joined), not by a subquery per ecosystem — which scanned the labels, names and
 * attachments once per ecosystem and made this statement the costliest of the map.
 */
const ECOSYSTEMS_ON_DATE = `
  with d as materialized (select ${stateOnSql('$1')} as day),
  labelled as (
    select distinct on (l.ecosystem_id) l.ecosystem_id, l.kind
    from d cross join label l
    where ${labelInForceSql('d.day')}
    order by l.ecosystem_id, array_position($2::text[], l.kind)
  ),
  named as (
    select distinct on (n.ecosystem_id) n.ecosystem_id, n.name
    from d cross join ecosystem_name n
    where ${periodCoversSql('n', 'd.day')}
    order by n.ecosystem_id, n.position desc
  ),
  parents as (
    select distinct on (a.child_id) a.child_id, a.parent_id
    from d cross join attachment a
    where a.valid_from <= d.day and (a.valid_to is null or a.valid_to >= d.day)
    order by a.child_id, a.valid_from desc, a.position desc
  )
  select e.id, e.slug, e.country_code, e.seat_id, e.point_territory_id, e.description, e.description_en, e.website, e.note, e.note_en, e.region_code, e.department_code, l.kind,
         coalesce(n.name, (select f.name from ecosystem_name f where f.ecosystem_id = e.id order by f.position limit 1)) as name,
         a.parent_id, t.latitude, t.longitude
  from labelled l
  join ecosystem e on e.id = l.ecosystem_id
  left join named n on n.ecosystem_id = e.id
  left join parents a on a.child_id = e.id
  left join territory t on t.id = coalesce(e.seat_id, e.point_territory_id)`;

const hubsOnDate = (em: EntityManager) => `
  with d as (select ${stateOnSql('$1')} as day)
  select ${hubColumns(em)}, he.ecosystem_id, lt.latitude as locality_latitude, lt.longitude as locality_longitude,
         lt.country_code as locality_country, h.region_code
  from d cross join hub_ecosystem he
  join hub h on h.id = he.hub_id and h.archived_at is null
  left join territory lt on lt.id = h.locality_id
  where ${periodCoversSql('he', 'd.day')}
  order by h.slug, ${hubRoleRankSql('he.role')}, he.position`;

export function validateMapFilter(filter: MapFilterInput | null | undefined, argument = 'filter'): void {
  if (filter?.regionCode != null) checkInseeCode(filter.regionCode, `${argument}.regionCode`, 'region');
  for (const kind of filter?.kinds ?? []) {
    if (!KIND_PRECEDENCE.includes(kind)) throw badInput(`${argument}.kinds`, `"${kind}" is not a label kind (${LABEL_KIND_PRECEDENCE.join(', ')})`);
  }
}

/** Reads the map of the network on `asOf` (a YYYY-MM-DD day): 2 statements, in parallel. */
export async function nationalMap(em: EntityManager, asOf: string, filter: MapFilterInput = {}): Promise<NationalMapData> {
  validateMapFilter(filter);
  const [ecosystemRows, hubRows] = await Promise.all([
    sql<EcosystemMapRow>(em, ECOSYSTEMS_ON_DATE, [asOf, LABEL_KIND_PRECEDENCE]),
    filter.hubs === false ? Promise.resolve([] as HubMapRow[]) : sql<HubMapRow>(em, hubsOnDate(em), [asOf]),
  ]);

  // Every labelled ecosystem becomes a point; label paths follow the parent map of the day.
  const all = new Map<string, MapPoint>();
  for (const row of ecosystemRows) {
    all.set(row.id, new MapPoint(
      toGlobalId('Ecosystem', row.id), row.id, row.slug, row.name ?? row.slug, row.kind,
      // The seat's centre, else the chef-lieu of the territory it covers (a stand-in, said so).
      coordinates(row.latitude, row.longitude, row.seat_id ? CoordinatesPrecision.COMMUNE : CoordinatesPrecision.TERRITORY),
      row.country_code, row.region_code, row,
    ));
  }
  const parentOf = new Map(ecosystemRows.filter((r) => r.parent_id && all.has(r.parent_id)).map((r) => [r.id, r.parent_id!]));
  const pathOf = new Map<string, string[]>();
  const labelPath = (id: string): string[] => {
    const known = pathOf.get(id);
    if (known) return known;
    const chain: string[] = [];
    const seen = new Set<string>();
    for (let current: string | undefined = id; current && !seen.has(current); current = parentOf.get(current)) {
      seen.add(current);
      chain.unshift(all.get(current)!.name);
    }
    pathOf.set(id, chain);
    return chain;
  };
  for (const point of all.values()) {
    point.labelPath = labelPath(point.uuid);
    const parent = parentOf.get(point.uuid);
    if (parent) { point.parentUuid = parent; point.parentId = all.get(parent)!.id; }
  }

  const kinds = filter.kinds?.length ? new Set(filter.kinds) : null;
  const keep = (p: MapPointData) =>
    (filter.regionCode == null || p.regionCode === filter.regionCode)
    && (filter.inFrance == null || (p.countryCode === 'FR') === filter.inFrance);
  const byKindThenSlug = (a: MapPointData, b: MapPointData) => KIND_PRECEDENCE.indexOf(a.kind) - KIND_PRECEDENCE.indexOf(b.kind) || compareText(a.slug, b.slug);
  const ecosystems = [...all.values()].filter((p) => keep(p) && (kinds === null || kinds.has(p.kind))).sort(byKindThenSlug);

  // Hubs: one point per hub, attached to the first labelled ecosystem it serves (totem first).
  const hubs: MapPointData[] = [];
  const seenHubs = new Set<string>();
  for (const row of hubRows) {
    const served = all.get(row.ecosystem_id);
    if (seenHubs.has(row.id) || !served || (kinds !== null && !kinds.has(served.kind))) continue;
    seenHubs.add(row.id);
    const own = coordinates(row.latitude, row.longitude, CoordinatesPrecision.EXACT);
    const point = new MapPoint(
      toGlobalId('Hub', row.id), row.id, row.slug, row.name, HUB_KIND,
      own ?? coordinates(row.locality_latitude, row.locality_longitude, CoordinatesPrecision.COMMUNE),
      row.locality_country ?? served.countryCode, row.region_code, row,
    );
    point.labelPath = [...served.labelPath, row.name];
    point.parentId = served.id;
    point.parentUuid = served.uuid;
    if (keep(point)) hubs.push(point);
  }

  const links = ecosystems
    .filter((p) => LINKED_KINDS.has(p.kind) && p.parentUuid)
    .map((p) => ({ from: p, to: all.get(p.parentUuid!)! }));
  return { asOf, points: [...ecosystems, ...hubs], links, named: [...all.values()] };
}

/**
 * The map as an RFC 7946 FeatureCollection ([longitude, latitude]): a Point per point that has
 * coordinates, a LineString per link whose two ends have coordinates. Points without coordinates
 * (country-wide communities abroad, seats without a sourced centre) are left out.
 */
export function toGeoJson(map: NationalMapData): GeoJsonFeatureCollection {
  const features: GeoJsonFeatureCollection['features'] = [];
  const position = (c: Coordinates): [number, number] => [c.longitude, c.latitude];
  for (const p of map.points) {
    if (!p.coordinates) continue;
    features.push({
      type: 'Feature', id: p.id,
      geometry: { type: 'Point', coordinates: position(p.coordinates) },
      properties: {
        id: p.id, slug: p.slug, name: p.name, kind: p.kind, labelPath: p.labelPath, parentId: p.parentId,
        countryCode: p.countryCode, regionCode: p.regionCode, precision: p.coordinates.precision,
      },
    });
  }
  for (const { from, to } of map.links) {
    if (!from.coordinates || !to.coordinates) continue;
    features.push({
      type: 'Feature', id: `${from.id}~${to.id}`,
      geometry: { type: 'LineString', coordinates: [position(from.coordinates), position(to.coordinates)] },
      properties: { id: `${from.id}~${to.id}`, kind: 'LINK', name: `${from.name} → ${to.name}`, childId: from.id, parentId: to.id, childSlug: from.slug, parentSlug: to.slug },
    });
  }
  return { type: 'FeatureCollection', features };
}
