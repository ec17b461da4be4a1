import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { PROJECT_ROOT } from '../src/shared/project-root.js';
import { startTestApi, type TestApi } from './support/app.js';

/**
 * Every documented example operation of schema/operations runs over HTTP with its variables, and
 * its result is checked: the examples partners copy cannot rot.
 */
const DIR = path.join(PROJECT_ROOT, 'schema', 'operations');

const checks: Record<string, (data: any) => void> = {
  'national-map': (data) => {
    const map = data.nationalMap;
    const bySlug = new Map(map.points.map((p: any) => [p.slug, p]));
    expect(bySlug.get('french-tech-lille')).toMatchObject({ kind: 'CAPITAL', regionCode: '32', labelPath: ['La French Tech', 'French Tech Lille'] });
    expect(bySlug.get('french-tech-littoral-hauts-de-france')).toMatchObject({
      kind: 'COMMUNITY', labelPath: ['La French Tech', 'French Tech Lille', 'French Tech Littoral Hauts-de-France'],
    });
    expect(bySlug.get('euratechnologies')).toMatchObject({ kind: 'HUB' });
    expect(map.points.every((p: any) => p.regionCode === '32')).toBe(true);
    expect(map.links).toContainEqual({ from: { slug: 'french-tech-littoral-hauts-de-france' }, to: { slug: 'french-tech-lille' } });
    expect(map.geoJson.type).toBe('FeatureCollection');
    const lille = map.geoJson.features.find((f: any) => f.properties.slug === 'french-tech-lille');
    const { latitude, longitude } = (bySlug.get('french-tech-lille') as any).coordinates;
    expect(lille.geometry).toEqual({ type: 'Point', coordinates: [longitude, latitude] });
  },
  'community-page': (data) => {
    const page = data.ecosystem;
    expect(page).toMatchObject({
      name: 'French Tech Littoral Hauts-de-France', kind: 'COMMUNITY',
      label: { kind: 'COMMUNITY', grantedOn: '2019-04-03', grantedBy: { name: 'Cédric O' } },
      parent: { slug: 'french-tech-lille' }, seat: { name: 'Boulogne-sur-Mer' },
    });
    expect(page.ancestors.map((a: any) => a.slug)).toEqual(['la-french-tech', 'french-tech-lille']);
    expect(page.territories.map((t: any) => t.code)).toEqual(['calaisis', 'boulonnais', 'montreuillois', 'dunkerquois']);
    expect(page.carriers.map((c: any) => c.slug)).toEqual(['cap-numeric']);
    expect(page.events.map((e: any) => e.startsOn.text)).toEqual([...page.events.map((e: any) => e.startsOn.text)].sort().reverse());
    expect(page.events).toContainEqual(expect.objectContaining({ startsOn: { text: '2019-05-21' }, venue: { name: 'Musée des Beaux-Arts de Calais' } }));
    expect(page.sources.some((s: any) => s.file === '002_06dddc1e44059212.txt')).toBe(true);
  },
  search: (data) => {
    const titles = data.search.map((hit: any) => hit.title);
    expect(titles).toEqual(expect.arrayContaining(['Loire Numérique', 'Grand Est Numérique']));
    const scores = data.search.map((hit: any) => hit.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(data.search[0].snippet).toMatch(/<mark>num[ée]rique<\/mark>/i);
  },
  'programme-finder': (data) => {
    const slugs = data.programmeFinder.map((m: any) => m.programme.slug);
    expect(data.programmeFinder[0]).toMatchObject({ nationwide: false, matchedTerritory: { name: 'Strasbourg' }, programme: { slug: 'beecome', eligibility: { headcountBelow: 50 } } });
    expect(slugs).toContain('french-tech-tremplin');
    expect(data.programmeFinder.every((m: any) => ['ACTIVE', 'PILOT'].includes(m.programme.status))).toBe(true);
  },
  'hierarchy-as-of': (data) => {
    expect(data.network.asOf).toBe('2019-04-03');
    expect(data.network.root.name).toBe('La French Tech');
    expect(data.network.capitals).toHaveLength(13);
    const lille = data.network.capitals.find((c: any) => c.slug === 'french-tech-lille');
    expect(lille.label).toMatchObject({ kind: 'CAPITAL', validFrom: '2019-04-03' });
    expect(lille.children.map((c: any) => c.slug)).toEqual(expect.arrayContaining(['french-tech-littoral-hauts-de-france', 'french-tech-artois']));
    expect(data.network.counts).toContainEqual({ kind: 'CAPITAL', count: 13 });
  },
};

let api: TestApi;
let files: string[];
beforeAll(async () => {
  api = await startTestApi();
  files = (await readdir(DIR)).filter((f) => f.endsWith('.graphql')).sort();
});
afterAll(async () => { await api?.stop(); });

test('every example operation has a check', () => {
  expect(files.map((f) => f.replace(/\.graphql$/, ''))).toEqual(Object.keys(checks).sort());
});

test.each(Object.keys(checks).sort())('schema/operations/%s.graphql runs and returns what it documents', async (name) => {
  const query = await readFile(path.join(DIR, `${name}.graphql`), 'utf8');
  const variables = JSON.parse(await readFile(path.join(DIR, `${name}.variables.json`), 'utf8').catch(() => '{}'));
  expect(query).toMatch(/^# /); // documented
  const { status, body } = await api.graphql(query, variables);
  expect(body.errors).toBeUndefined();
  expect(status).toBe(200);
  checks[name]!(body.data);
});
