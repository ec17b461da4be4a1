import { cp, mkdtemp, readFile, writeFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { MikroORM } from '@mikro-orm/postgresql';
import { migrate, openOrm } from '../src/database/orm.js';
import { loadSeeds, SEEDS_DIR } from '../src/seeding/load-seeds.js';
import { SeedValidationError } from '../src/seeding/seed-errors.js';
import { sql } from '../src/database/sql.js';
import { freshDatabaseUrl } from './support/app.js';

let orm: MikroORM;
let workDir: string;

beforeAll(async () => {
  orm = await openOrm(await freshDatabaseUrl('seeds'));
  await migrate(orm);
  await loadSeeds(orm);
});
afterAll(async () => { await orm?.close(true); });
beforeEach(async () => {
  workDir = await mkdtemp(path.join(tmpdir(), 'maillage-seeds-'));
  await cp(SEEDS_DIR, path.join(workDir, 'seeds'), { recursive: true });
});
afterEach(async () => { await rm(workDir, { recursive: true, force: true }); });

const seeds = () => path.join(workDir, 'seeds');
const q = <T>(text: string, params: unknown[] = []) => sql<T>(orm.em.fork(), text, params);

/** A digest of every table the loader writes: any change to any row changes it. */
async function databaseDigest(): Promise<string> {
  const tables = ['source', 'citation', 'territory', 'area_department', 'person', 'campaign', 'campaign_announcer', 'ecosystem',
    'ecosystem_name', 'ecosystem_territory', 'label', 'attachment', 'association', 'carrier', 'institution', 'role', 'hub',
    'hub_ecosystem', 'programme', 'programme_territory', 'programme_deployment', 'event', 'event_organiser', 'event_ecosystem',
    'partnership', 'figure'];
  const parts = await Promise.all(tables.map(async (t) => {
    const [row] = await q<{ digest: string }>(`select md5(coalesce(string_agg(x::text, ',' order by x::text), '')) as digest from ${t} x`);
    return `${t}:${row!.digest}`;
  }));
  return parts.join('|');
}

async function editFile(file: string, edit: (text: string) => string) {
  const full = path.join(seeds(), file);
  await writeFile(full, edit(await readFile(full, 'utf8')));
}

async function expectRejected(message: RegExp[]): Promise<void> {
  const before = await databaseDigest();
  const error = await loadSeeds(orm, seeds()).then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(SeedValidationError);
  for (const pattern of message) expect((error as Error).message).toMatch(pattern);
  expect(await databaseDigest()).toBe(before);
}

describe('npm run seed', () => {
  test('loading the same files twice changes nothing', async () => {
    const before = await databaseDigest();
    const stats = await loadSeeds(orm, seeds());
    expect(stats.inserted).toBe(0);
    expect(stats.updated).toBe(0);
    expect(stats.unchanged).toBeGreaterThan(500);
    expect(await databaseDigest()).toBe(before);
  });

  test('an edited record is updated, with its version bumped, and nothing else changes', async () => {
    const [before] = await q<{ mission: string | null; version: number }>(`select mission, version from association where slug = 'cap-numeric'`);
    await editFile('associations.yaml', (text) => text.replace(/(- slug: cap-numeric\n(?:.*\n)*?    name: )(.*)/, '$1"Cap Numeric (edited)"'));
    const stats = await loadSeeds(orm, seeds());
    expect(stats).toMatchObject({ inserted: 0, updated: 1 });
    const [after] = await q<{ name: string; version: number }>(`select name, version from association where slug = 'cap-numeric'`);
    expect(after).toEqual({ name: 'Cap Numeric (edited)', version: before!.version + 1 });
    // put it back for the other tests
    await cp(SEEDS_DIR, seeds(), { recursive: true, force: true });
    await loadSeeds(orm, seeds());
  });

  test('bad YAML syntax names the file and the line; nothing is written', async () => {
    await editFile('hubs.yaml', (text) => text.replace('hubs:', 'hubs:\n  - slug: [unclosed'));
    await expectRejected([/hubs\.yaml/, /line \d+/, /YAML syntax/]);
  });

  test('an unknown field names the file, the record and the field', async () => {
    await editFile('associations.yaml', (text) => text.replace(/(- slug: cap-numeric\n)/, '$1    colour: blue\n'));
    await expectRejected([/associations\.yaml: associations\[\d+\] "cap-numeric", field colour: unknown field/]);
  });

  test('a record without a source is refused', async () => {
    await editFile('areas.yaml', (text) => text + '\n  - slug: nowhere\n    name: Nowhere\n');
    await expectRejected([/areas\.yaml: areas\[\d+\] "nowhere", field sources: a record must cite at least one source/]);
  });

  test('a reference to a slug that does not exist is refused', async () => {
    await editFile('associations.yaml', (text) => text.replace(/(- slug: cap-numeric\n(?:.*\n)*?      - ecosystem: )(\S+)/, '$1french-tech-atlantis'));
    await expectRejected([/associations\.yaml: associations\[\d+\] "cap-numeric", field carries\[0\]\.ecosystem: unknown ecosystem "french-tech-atlantis"/]);
  });

  test('an impossible date is refused', async () => {
    await editFile('events.yaml', (text) => text.replace(/^(\s+)startsOn: "?2013-10-15"?/m, '$1startsOn: 2013-02-30'));
    await expectRejected([/events\.yaml: events\[\d+\] "[a-z0-9-]+", field startsOn: "2013-02-30" is not a real date/]);
  });

  test('a period that ends before it starts is refused', async () => {
    // Since issue 10 the 2019 labels take their end from their campaign: give one an end of its own.
    await editFile('ecosystems/capitals.yaml', (text) => text.replace(/^(\s+)validFrom: 2019-04-03\n/m, '$1validFrom: 2019-04-03\n$1validTo: 2018-01-01\n'));
    await expectRejected([/capitals\.yaml: ecosystems\[\d+\] "[a-z0-9-]+", field labels\[\d+\]\.validTo: ends \(2018-01-01\) before it starts/]);
  });

  test('a place named without coordinates takes its point from the dataset, a city abroad under its country', async () => {
    const rows = await q<{ slug: string; kind: string; country_code: string; latitude: number; precision: string; source: string }>(
      `select t.slug, t.kind, t.country_code, t.latitude, t.coordinates_precision as precision, s.slug as source
         from territory t join source s on s.id = t.coordinates_source_id
        where t.slug in ('city-tunis', 'commune-17300') order by t.slug`);
    expect(rows).toEqual([
      { slug: 'city-tunis', kind: 'CITY', country_code: 'TN', latitude: expect.closeTo(36.819, 2), precision: 'COMMUNE', source: 'geonames-cities-json' },
      { slug: 'commune-17300', kind: 'COMMUNE', country_code: 'FR', latitude: expect.closeTo(46.163, 2), precision: 'COMMUNE', source: 'geonames-cities-json' },
    ]);
  });

  test('a latitude without its longitude is refused', async () => {
    await editFile('localities-network.yaml', (text) => text.replace(/(- slug: tunis\n)/, '$1    latitude: 36.8\n'));
    await expectRejected([/localities-network\.yaml: localities\[\d+\] "tunis"/]);
  });

  test('an unknown INSEE code is refused', async () => {
    await editFile('areas.yaml', (text) => text.replace(/departments: \[("?)62("?)/, 'departments: [$1999$2'));
    await expectRejected([/areas\.yaml: areas\[\d+\] "[a-z0-9-]+", field departments\[0\]: unknown INSEE department code "999"/]);
  });
});
