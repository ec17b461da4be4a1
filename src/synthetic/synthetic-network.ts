import { createHash } from 'node:crypto';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { sql } from '../database/sql.js';
import { reindexAll } from '../search/search-index.js';
import { frenchGeography, countryName } from '../seeding/geography.js';
import { bulkTerritories } from '../seeding/write-seeds.js';

/**
 * A deterministic synthetic French Tech network for benchmarks and batching tests (`npm run
 * seed:synthetic -- --scale N`). Same scale, same rows, same ids: every value comes from a seeded
 * PRNG or from the row's index, ids are derived from stable keys. Everything is written with a few
 * set-based statements (unnest of arrays), so scale 5 loads in seconds.
 *
 * At scale 1: La French Tech, 13 capitals (one per metropolitan region), 100 communities (one in ten
 * abroad, half of those country-wide without a seat), 400 associations (4 per community, carrier
 * rows), 800 programmes (2 per association, deployed by its community), 300 institutions, 2,000
 * partnerships, 20,000 events (each linked to a community), one hub per community and one totem per
 * capital. Scale N multiplies everything but the root and the capitals by N.
 */

export const SYNTHETIC_SOURCE_SLUG = 'synthetic-data';
/** The day the synthetic labels start (the real 2019 campaign's). */
export const SYNTHETIC_LABEL_DAY = '2019-04-03';

export const SYNTHETIC_COUNTS = {
  communities: 100, associations: 400, programmes: 800, institutions: 300, partnerships: 2_000, events: 20_000,
} as const;

export interface SyntheticStats {
  scale: number; capitals: number; communities: number; associations: number; programmes: number; institutions: number;
  partnerships: number; events: number; hubs: number; citations: number; ms: number;
}

/** Thrown when the database already holds the real seeds and the caller did not force. */
export class RealSeedsPresentError extends Error {}

/** Metropolitan regions with an approximate centre, around which synthetic seats are scattered. */
const REGIONS: [code: string, latitude: number, longitude: number][] = [
  ['11', 48.7, 2.5], ['24', 47.5, 1.7], ['27', 47.2, 4.8], ['28', 49.1, 0.1], ['32', 50.0, 2.8], ['44', 48.7, 5.6],
  ['52', 47.4, -0.8], ['53', 48.2, -2.9], ['75', 45.2, 0.2], ['76', 43.7, 2.1], ['84', 45.5, 4.5], ['93', 43.9, 6.1], ['94', 42.1, 9.0],
];
/** Countries of the communities abroad, with a point near their main tech city. */
const ABROAD: [code: string, latitude: number, longitude: number][] = [
  ['US', 40.7, -74.0], ['GB', 51.5, -0.1], ['DE', 52.5, 13.4], ['JP', 35.7, 139.7], ['CA', 45.5, -73.6],
  ['SG', 1.35, 103.8], ['BR', -23.5, -46.6], ['IN', 12.97, 77.6], ['AE', 25.2, 55.3], ['SE', 59.3, 18.1],
];

const ASSOCIATION_KINDS = ['NETWORK', 'CLUSTER', 'COLLECTIVE', 'TECHNOPOLE', 'OTHER'];
const INSTITUTION_KINDS = ['STATE_AGENCY', 'REGION', 'DEPARTMENT_COUNCIL', 'METROPOLIS', 'CITY', 'CHAMBER_OF_COMMERCE', 'COMPANY', 'COMPETITIVENESS_CLUSTER', 'SCHOOL'];
const HUB_KINDS = ['INCUBATOR', 'COWORKING', 'VENUE', 'CAMPUS'];
const PROGRAMME_KINDS = ['GRANT', 'ACCELERATION', 'SUPPORT', 'NETWORKING', 'SERVICE', 'COMPETITION'];
const STAGES = ['PROJECT', 'STARTUP', 'SCALEUP', 'SME'];
const EVENT_KINDS = ['CONFERENCE', 'MEETUP', 'LAUNCH', 'HACKATHON', 'WEEK'];
const PARTNERSHIP_ROLES = ['HISTORIC_PARTNER', 'FUNDER', 'HOST', 'MEMBER', 'SUPPORTER', 'COOPERATION'];

/** mulberry32: small, fast, deterministic. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A stable uuid for a synthetic key (md5, formatted as a uuid). */
function uuidOf(key: string): string {
  const h = createHash('md5').update(`maillage-synthetic:${key}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const pad = (n: number, width = 4) => String(n + 1).padStart(width, '0');
const round = (x: number) => Math.round(x * 1e5) / 1e5;
const addDays = (day: string, days: number) => new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

type Column = [name: string, type: string, values: unknown[]];

/** `insert into table (…) select * from unnest($1::t[], …)`: one statement whatever the row count. */
async function insertRows(em: EntityManager, table: string, columns: Column[]): Promise<void> {
  const names = columns.map(([name]) => name).join(', ');
  const arrays = columns.map(([, type], i) => `$${i + 1}::${type}[]`).join(', ');
  await sql(em, `insert into ${table} (${names}) select * from unnest(${arrays})`, columns.map(([, , values]) => values));
}

/** Every table of the network, emptied before a synthetic load. */
const NETWORK_TABLES = [
  'search_entry', 'figure', 'partnership', 'event_ecosystem', 'event_organiser', 'event', 'programme_deployment',
  'programme_territory', 'programme', 'hub_ecosystem', 'hub', 'role', 'institution', 'carrier', 'association', 'attachment',
  'label', 'ecosystem_territory', 'ecosystem_name', 'ecosystem', 'campaign_announcer', 'campaign', 'person', 'area_department',
  'citation', 'territory', 'source',
];

export interface SyntheticOptions {
  /** Replace the real seeds too (they are truncated like any earlier network). */
  force?: boolean;
  /** Rebuild the full-text search index afterwards (default true; tests and the bench skip it: ~4 s at scale 5). */
  searchIndex?: boolean;
}

/**
 * Replaces whatever network the database holds with the synthetic one at `scale` (migrations must
 * have run). Refuses when the database holds the real seeds (any source other than the synthetic
 * one) unless `force`, since the load truncates every network table. One transaction.
 */
export async function loadSyntheticNetwork(orm: MikroORM, scale: number, options: SyntheticOptions = {}): Promise<SyntheticStats> {
  if (!Number.isInteger(scale) || scale < 1 || scale > 100) throw new Error(`scale must be an integer between 1 and 100 (got ${scale})`);
  const started = Date.now();
  const stats = await orm.em.fork().transactional(async (em) => {
    const [real] = await sql<{ count: number }>(em, `select count(*)::int as count from source where slug <> $1`, [SYNTHETIC_SOURCE_SLUG]);
    if (real!.count > 0 && !options.force) {
      throw new RealSeedsPresentError(`the database holds the real seeds (${real!.count} sources): a synthetic load would erase them; pass --force to replace them anyway`);
    }
    await sql(em, `truncate ${NETWORK_TABLES.join(', ')} cascade`);
    const stats = await writeNetwork(em, scale);
    await sql(em, `select refresh_ecosystem_places()`); // each ecosystem's region and department, as the seed loader does
    await sql(em, `select refresh_hub_regions()`); // each hub's region, as the seed loader does
    if (options.searchIndex !== false) await reindexAll(em);
    return stats;
  });
  // Fresh planner statistics: without them PostgreSQL plans the new rows as if the tables were empty.
  await sql(orm.em.fork(), 'analyze');
  return { ...stats, ms: Date.now() - started };
}

async function writeNetwork(em: EntityManager, scale: number): Promise<Omit<SyntheticStats, 'ms'>> {
  const random = prng(20261123 + scale);
  const jitter = (spread: number) => (random() - 0.5) * 2 * spread;
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;

  // --- the source every record cites ----------------------------------------------------------
  const sourceId = uuidOf('source');
  await sql(em,
    `insert into source (id, slug, title, publisher, kind, file, language, note) values ($1, $2, $3, $4, 'DATASET', $5, 'fr', $6)`,
    [sourceId, SYNTHETIC_SOURCE_SLUG, `Synthetic French Tech network (scale ${scale})`, 'maillage (generated)',
      'src/synthetic/synthetic-network.ts', 'Deterministic generated data for benchmarks and tests: nothing here describes the real network.']);

  // --- territories: official regions and departments, synthetic seats ---------------------------
  const geo = frenchGeography();
  await bulkTerritories(em, 'REGION', geo.regions.map((r) => ({ code: r.code, name: r.nom, parent: null, population: null })), sourceId);
  await bulkTerritories(em, 'DEPARTMENT', geo.departments.map((d) => ({ code: d.code, name: d.nom, parent: d.region, population: null })), sourceId);
  const officials = await sql<{ id: string; kind: string; code: string }>(em, `select id, kind, code from territory where kind in ('REGION', 'DEPARTMENT')`);
  const officialId = new Map(officials.map((t) => [`${t.kind}:${t.code}`, t.id]));
  const departmentsOf = new Map(REGIONS.map(([code]) => [code, geo.departments.filter((d) => d.region === code).map((d) => d.code)]));
  const regionName = new Map(geo.regions.map((r) => [r.code, r.nom]));

  const territories = { id: [] as string[], slug: [] as string[], kind: [] as string[], code: [] as (string | null)[], name: [] as string[], parent: [] as (string | null)[], country: [] as string[], lat: [] as number[], lon: [] as number[] };
  const addTerritory = (key: string, kind: string, code: string | null, name: string, parent: string | null, country: string, lat: number | null, lon: number | null) => {
    const id = uuidOf(`territory:${key}`);
    territories.id.push(id); territories.slug.push(key); territories.kind.push(kind); territories.code.push(code);
    territories.name.push(name); territories.parent.push(parent); territories.country.push(country);
    territories.lat.push(lat as number); territories.lon.push(lon as number);
    return id;
  };
  const countryIds = new Map(ABROAD.map(([code]) => [code, addTerritory(`country-${code.toLowerCase()}`, 'COUNTRY', code, countryName(code) ?? code, null, code, null, null)]));
  let seatCount = 0;
  /** A synthetic commune in a department of the region, near the region's centre. */
  const frenchSeat = (regionIndex: number, departmentIndex: number) => {
    const [regionCode, lat, lon] = REGIONS[regionIndex]!;
    const departments = departmentsOf.get(regionCode)!;
    const departmentCode = departments[departmentIndex % departments.length]!;
    const n = seatCount++;
    const id = addTerritory(`commune-syn-${pad(n, 5)}`, 'COMMUNE', `S${pad(n, 5)}`, `Ville synthétique ${pad(n, 5)}`,
      officialId.get(`DEPARTMENT:${departmentCode}`)!, 'FR', round(lat + jitter(0.6)), round(lon + jitter(0.8)));
    return { id, departmentId: officialId.get(`DEPARTMENT:${departmentCode}`)!, regionId: officialId.get(`REGION:${regionCode}`)! };
  };

  // --- ecosystems: root, capitals, communities ---------------------------------------------------
  const eco = { id: [] as string[], slug: [] as string[], country: [] as string[], seat: [] as (string | null)[], description: [] as string[] };
  const names = { ecosystem: [] as string[], position: [] as number[], name: [] as string[], from: [] as (string | null)[], to: [] as (string | null)[] };
  const labels = { id: [] as string[], ecosystem: [] as string[], kind: [] as string[], from: [] as string[] };
  const links = { id: [] as string[], child: [] as string[], parent: [] as string[], from: [] as string[] };
  const scopes = { ecosystem: [] as string[], territory: [] as string[] };
  const addEcosystem = (slug: string, name: string, kind: string, since: string, country: string, seat: string | null, scope: string | null, parent: string | null, oldName?: string) => {
    const id = uuidOf(`ecosystem:${slug}`);
    eco.id.push(id); eco.slug.push(slug); eco.country.push(country); eco.seat.push(seat);
    eco.description.push(`Synthetic ${kind.toLowerCase()} for benchmarks.`);
    if (oldName) {
      names.ecosystem.push(id, id); names.position.push(0, 1); names.name.push(oldName, name);
      names.from.push(null, '2023-01-01'); names.to.push('2022-12-31', null);
    } else {
      names.ecosystem.push(id); names.position.push(0); names.name.push(name); names.from.push(null); names.to.push(null);
    }
    labels.id.push(uuidOf(`label:${slug}`)); labels.ecosystem.push(id); labels.kind.push(kind); labels.from.push(since);
    if (parent) { links.id.push(uuidOf(`attachment:${slug}`)); links.child.push(id); links.parent.push(parent); links.from.push(since); }
    if (scope) { scopes.ecosystem.push(id); scopes.territory.push(scope); }
    return id;
  };

  const rootSeat = frenchSeat(0, 0);
  const rootId = addEcosystem('la-french-tech', 'La French Tech', 'NATIONAL', '2013-11-27', 'FR', rootSeat.id, null, null);
  const capitals = REGIONS.map(([code], r) => {
    const seat = frenchSeat(r, 0);
    const id = addEcosystem(`syn-capital-${code}`, `Capitale synthétique ${regionName.get(code)}`, 'CAPITAL', SYNTHETIC_LABEL_DAY, 'FR', seat.id, seat.regionId, rootId);
    return { id, seat };
  });
  interface Community { id: string; seat: string | null; locality: string; departmentId: string | null; capital: number | null }
  const communities: Community[] = [];
  for (let i = 0; i < SYNTHETIC_COUNTS.communities * scale; i++) {
    const slug = `syn-community-${pad(i)}`;
    const oldName = i % 25 === 0 ? `Ancienne communauté synthétique ${pad(i)}` : undefined;
    if (i % 10 === 9) {
      // Abroad: hangs from the root; every other one is country-wide (no seat, no coordinates).
      const [country, lat, lon] = ABROAD[Math.floor(i / 10) % ABROAD.length]!;
      const countryId = countryIds.get(country)!;
      const seat = i % 20 === 19 ? null
        : addTerritory(`city-syn-${pad(i)}`, 'CITY', null, `Cité synthétique ${pad(i)}`, countryId, country, round(lat + jitter(0.3)), round(lon + jitter(0.3)));
      const id = addEcosystem(slug, `Communauté synthétique ${country} ${pad(i)}`, 'COMMUNITY', SYNTHETIC_LABEL_DAY, country, seat, countryId, rootId, oldName);
      communities.push({ id, seat, locality: seat ?? countryId, departmentId: null, capital: null });
    } else {
      const r = i % REGIONS.length;
      const seat = frenchSeat(r, 1 + Math.floor(i / REGIONS.length));
      const id = addEcosystem(slug, `Communauté synthétique ${pad(i)}`, 'COMMUNITY', SYNTHETIC_LABEL_DAY, 'FR', seat.id, seat.departmentId, capitals[r]!.id, oldName);
      communities.push({ id, seat: seat.id, locality: seat.id, departmentId: seat.departmentId, capital: r });
    }
  }

  await insertRows(em, 'territory', [
    ['id', 'uuid', territories.id], ['slug', 'text', territories.slug], ['kind', 'text', territories.kind], ['code', 'text', territories.code],
    ['name', 'text', territories.name], ['parent_id', 'uuid', territories.parent], ['country_code', 'text', territories.country],
    ['latitude', 'float8', territories.lat], ['longitude', 'float8', territories.lon],
  ]);
  await insertRows(em, 'ecosystem', [
    ['id', 'uuid', eco.id], ['slug', 'text', eco.slug], ['country_code', 'text', eco.country], ['seat_id', 'uuid', eco.seat], ['description', 'text', eco.description],
  ]);
  await insertRows(em, 'ecosystem_name', [
    ['ecosystem_id', 'uuid', names.ecosystem], ['position', 'int', names.position], ['name', 'text', names.name],
    ['valid_from', 'date', names.from], ['valid_to', 'date', names.to],
  ]);
  await insertRows(em, 'label', [
    ['id', 'uuid', labels.id], ['ecosystem_id', 'uuid', labels.ecosystem], ['position', 'int', labels.id.map(() => 0)], ['kind', 'text', labels.kind],
    ['granted_on', 'date', labels.from], ['valid_from', 'date', labels.from],
  ]);
  await insertRows(em, 'attachment', [
    ['id', 'uuid', links.id], ['child_id', 'uuid', links.child], ['parent_id', 'uuid', links.parent], ['position', 'int', links.id.map(() => 0)], ['valid_from', 'date', links.from],
  ]);
  await insertRows(em, 'ecosystem_territory', [['ecosystem_id', 'uuid', scopes.ecosystem], ['territory_id', 'uuid', scopes.territory]]);

  // --- associations (4 per community) and their carrier rows ------------------------------------
  const associationCount = SYNTHETIC_COUNTS.associations * scale;
  const associations = Array.from({ length: associationCount }, (_, j) => ({ id: uuidOf(`association:${j}`), community: communities[j % communities.length]! }));
  await insertRows(em, 'association', [
    ['id', 'uuid', associations.map((a) => a.id)], ['slug', 'text', associations.map((_, j) => `syn-association-${pad(j, 5)}`)],
    ['name', 'text', associations.map((_, j) => `Association synthétique ${pad(j, 5)}`)],
    ['legal_form', 'text', associations.map(() => 'ASSOCIATION_LOI_1901')], ['kind', 'text', associations.map(() => pick(ASSOCIATION_KINDS))],
    ['founded_in', 'date', associations.map(() => `${2000 + Math.floor(random() * 20)}-01-01`)], ['founded_in_precision', 'text', associations.map(() => 'YEAR')],
    ['seat_id', 'uuid', associations.map((a) => a.community.seat)], ['mission', 'text', associations.map(() => 'Animer l\'écosystème numérique du territoire (données synthétiques).')],
  ]);
  await insertRows(em, 'carrier', [
    ['id', 'uuid', associations.map((_, j) => uuidOf(`carrier:${j}`))], ['association_id', 'uuid', associations.map((a) => a.id)],
    ['ecosystem_id', 'uuid', associations.map((a) => a.community.id)], ['position', 'int', associations.map(() => 0)],
    ['valid_from', 'date', associations.map(() => SYNTHETIC_LABEL_DAY)],
  ]);

  // --- programmes (2 per association, deployed by its community) ---------------------------------
  const programmeCount = SYNTHETIC_COUNTS.programmes * scale;
  const programmes = Array.from({ length: programmeCount }, (_, k) => ({ id: uuidOf(`programme:${k}`), association: associations[k % associationCount]! }));
  await insertRows(em, 'programme', [
    ['id', 'uuid', programmes.map((p) => p.id)], ['slug', 'text', programmes.map((_, k) => `syn-programme-${pad(k, 5)}`)],
    ['name', 'text', programmes.map((_, k) => `Programme synthétique ${pad(k, 5)}`)],
    ['operator_type', 'text', programmes.map(() => 'Association')], ['operator_id', 'uuid', programmes.map((p) => p.association.id)],
    ['level', 'text', programmes.map(() => 'LOCAL')], ['kind', 'text', programmes.map(() => pick(PROGRAMME_KINDS))],
    ['description', 'text', programmes.map(() => 'Accompagnement des entreprises du territoire (données synthétiques).')],
    ['headcount_below', 'int', programmes.map(() => (random() < 0.5 ? 50 : 250))],
    ['starts_on', 'date', programmes.map(() => addDays('2019-01-01', Math.floor(random() * 1500)))], ['starts_on_precision', 'text', programmes.map(() => 'DAY')],
    ['status', 'text', programmes.map(() => 'ACTIVE')],
  ]);
  await sql(em, `update programme set stages = case when headcount_below = 50 then $1::text[] else $2::text[] end`, [STAGES.slice(0, 2), STAGES.slice(1)]);
  await insertRows(em, 'programme_deployment', [
    ['id', 'uuid', programmes.map((_, k) => uuidOf(`deployment:${k}`))], ['programme_id', 'uuid', programmes.map((p) => p.id)],
    ['ecosystem_id', 'uuid', programmes.map((p) => p.association.community.id)], ['position', 'int', programmes.map(() => 0)],
    ['valid_from', 'date', programmes.map(() => SYNTHETIC_LABEL_DAY)],
  ]);
  const scoped = programmes.filter((p) => p.association.community.departmentId);
  await insertRows(em, 'programme_territory', [
    ['programme_id', 'uuid', scoped.map((p) => p.id)], ['territory_id', 'uuid', scoped.map((p) => p.association.community.departmentId)],
  ]);

  // --- institutions ------------------------------------------------------------------------------
  const institutionCount = SYNTHETIC_COUNTS.institutions * scale;
  const institutions = Array.from({ length: institutionCount }, (_, i) => ({ id: uuidOf(`institution:${i}`), community: communities[(i * 7) % communities.length]! }));
  await insertRows(em, 'institution', [
    ['id', 'uuid', institutions.map((i) => i.id)], ['slug', 'text', institutions.map((_, i) => `syn-institution-${pad(i, 5)}`)],
    ['name', 'text', institutions.map((_, i) => `Institution synthétique ${pad(i, 5)}`)], ['kind', 'text', institutions.map(() => pick(INSTITUTION_KINDS))],
    ['seat_id', 'uuid', institutions.map((i) => i.community.seat)], ['territory_id', 'uuid', institutions.map((i) => i.community.departmentId)],
  ]);

  // --- hubs: a totem per capital, one place per community ---------------------------------------
  const hubs = { id: [] as string[], slug: [] as string[], name: [] as string[], kind: [] as string[], locality: [] as string[], lat: [] as (number | null)[], lon: [] as (number | null)[], operator: [] as (string | null)[] };
  const hubLinks = { hub: [] as string[], ecosystem: [] as string[], role: [] as string[] };
  const ownPoint = (territoryIndex: number) => [round(territories.lat[territoryIndex]! + jitter(0.02)), round(territories.lon[territoryIndex]! + jitter(0.02))];
  capitals.forEach((capital, r) => {
    const id = uuidOf(`hub:capital:${r}`);
    const [lat, lon] = ownPoint(territories.id.indexOf(capital.seat.id));
    hubs.id.push(id); hubs.slug.push(`syn-totem-${REGIONS[r]![0]}`); hubs.name.push(`Totem synthétique ${regionName.get(REGIONS[r]![0])}`);
    hubs.kind.push('TOTEM'); hubs.locality.push(capital.seat.id); hubs.lat.push(lat!); hubs.lon.push(lon!); hubs.operator.push(null);
    hubLinks.hub.push(id); hubLinks.ecosystem.push(capital.id); hubLinks.role.push('TOTEM');
  });
  const territoryIndex = new Map(territories.id.map((id, i) => [id, i]));
  communities.forEach((community, i) => {
    const id = uuidOf(`hub:community:${i}`);
    // Every other hub has its own point; the others sit at their locality's centre (or nowhere, abroad country-wide).
    const index = territoryIndex.get(community.locality)!;
    const [lat, lon] = i % 2 === 0 && territories.lat[index] != null ? ownPoint(index) : [null, null];
    hubs.id.push(id); hubs.slug.push(`syn-hub-${pad(i)}`); hubs.name.push(`Lieu synthétique ${pad(i)}`); hubs.kind.push(pick(HUB_KINDS));
    hubs.locality.push(community.locality); hubs.lat.push(lat ?? null); hubs.lon.push(lon ?? null); hubs.operator.push(associations[i]!.id);
    hubLinks.hub.push(id); hubLinks.ecosystem.push(community.id); hubLinks.role.push('SERVES');
  });
  await insertRows(em, 'hub', [
    ['id', 'uuid', hubs.id], ['slug', 'text', hubs.slug], ['name', 'text', hubs.name], ['kind', 'text', hubs.kind], ['locality_id', 'uuid', hubs.locality],
    ['latitude', 'float8', hubs.lat], ['longitude', 'float8', hubs.lon],
    ['operator_type', 'text', hubs.operator.map((o) => (o ? 'Association' : null))], ['operator_id', 'uuid', hubs.operator],
  ]);
  await insertRows(em, 'hub_ecosystem', [
    ['id', 'uuid', hubLinks.hub.map((h) => uuidOf(`hub-ecosystem:${h}`))], ['hub_id', 'uuid', hubLinks.hub], ['ecosystem_id', 'uuid', hubLinks.ecosystem],
    ['position', 'int', hubLinks.hub.map(() => 0)], ['role', 'text', hubLinks.role], ['valid_from', 'date', hubLinks.hub.map(() => SYNTHETIC_LABEL_DAY)],
  ]);

  // --- events (each linked to a community, organised by one of its associations) ------------------
  const eventCount = SYNTHETIC_COUNTS.events * scale;
  const events = Array.from({ length: eventCount }, (_, e) => ({
    id: uuidOf(`event:${e}`), community: e % communities.length, startsOn: addDays('2019-01-01', Math.floor(random() * 2500)),
  }));
  await insertRows(em, 'event', [
    ['id', 'uuid', events.map((e) => e.id)], ['slug', 'text', events.map((_, e) => `syn-event-${pad(e, 6)}`)],
    ['name', 'text', events.map((_, e) => `Rencontre synthétique ${pad(e, 6)}`)], ['kind', 'text', events.map(() => pick(EVENT_KINDS))],
    ['starts_on', 'date', events.map((e) => e.startsOn)], ['starts_on_precision', 'text', events.map(() => 'DAY')],
    ['locality_id', 'uuid', events.map((e) => communities[e.community]!.locality)],
  ]);
  await insertRows(em, 'event_ecosystem', [['event_id', 'uuid', events.map((e) => e.id)], ['ecosystem_id', 'uuid', events.map((e) => communities[e.community]!.id)]]);
  await insertRows(em, 'event_organiser', [
    ['event_id', 'uuid', events.map((e) => e.id)], ['organiser_type', 'text', events.map(() => 'Association')],
    ['organiser_id', 'uuid', events.map((e) => associations[e.community]!.id)], ['position', 'int', events.map(() => 0)],
  ]);

  // --- partnerships: an institution with an ecosystem, association, programme or event -----------
  const partnershipCount = SYNTHETIC_COUNTS.partnerships * scale;
  const targets: [string, () => string][] = [
    ['Ecosystem', () => pick(communities).id], ['Association', () => pick(associations).id],
    ['Programme', () => pick(programmes).id], ['Event', () => pick(events).id],
  ];
  const partnerships = Array.from({ length: partnershipCount }, (_, p) => {
    const [targetType, target] = targets[p % targets.length]!;
    return { key: `syn-partnership-${pad(p, 6)}`, partner: institutions[p % institutionCount]!.id, targetType, targetId: target(), role: pick(PARTNERSHIP_ROLES) };
  });
  await insertRows(em, 'partnership', [
    ['id', 'uuid', partnerships.map((p) => uuidOf(`partnership:${p.key}`))], ['key', 'text', partnerships.map((p) => p.key)],
    ['partner_type', 'text', partnerships.map(() => 'Institution')], ['partner_id', 'uuid', partnerships.map((p) => p.partner)],
    ['target_type', 'text', partnerships.map((p) => p.targetType)], ['target_id', 'uuid', partnerships.map((p) => p.targetId)],
    ['role', 'text', partnerships.map((p) => p.role)], ['valid_from', 'date', partnerships.map(() => SYNTHETIC_LABEL_DAY)],
  ]);

  // --- provenance: every record and dated relation cites the synthetic source --------------------
  const [cited] = await sql<{ count: number }>(em,
    `with written as (
       insert into citation (subject_type, subject_id, source_id)
       select subject_type, subject_id, $1 from (
         select 'Territory' as subject_type, id as subject_id from territory
         union all select 'Ecosystem', id from ecosystem
         union all select 'Label', id from label
         union all select 'Attachment', id from attachment
         union all select 'EcosystemName', id from ecosystem_name
         union all select 'Association', id from association
         union all select 'Carrier', id from carrier
         union all select 'Programme', id from programme
         union all select 'ProgrammeDeployment', id from programme_deployment
         union all select 'Institution', id from institution
         union all select 'Hub', id from hub
         union all select 'HubEcosystem', id from hub_ecosystem
         union all select 'Event', id from event
         union all select 'Partnership', id from partnership
       ) subjects
       returning 1
     ) select count(*)::int as count from written`, [sourceId]);

  return {
    scale, capitals: capitals.length, communities: communities.length, associations: associationCount, programmes: programmeCount,
    institutions: institutionCount, partnerships: partnershipCount, events: eventCount, hubs: hubs.id.length, citations: cited!.count,
  };
}
