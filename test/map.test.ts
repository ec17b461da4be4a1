import { startTestApi, type TestApi } from './support/app.js';

let api: TestApi;
beforeAll(async () => { api = await startTestApi(); });
afterAll(async () => { await api?.stop(); });

const MAP = `query Map($asOf: LocalDate, $filter: MapFilter) { nationalMap(asOf: $asOf, filter: $filter) {
  asOf
  points { id slug name kind labelPath parentId countryCode regionCode coordinates { latitude longitude precision } node { __typename ... on Ecosystem { slug } ... on Hub { slug } } }
  links { from { slug } to { slug coordinates { latitude } } }
  geoJson
} }`;

describe('the national map', () => {
  test('on 2019-06-01: the 13 capitals, Littoral Hauts-de-France under Lille, EuraTechnologies, in 2 statements', async () => {
    const { count, body } = await api.countStatements(MAP, { asOf: '2019-06-01' });
    expect(body.errors).toBeUndefined();
    expect(count).toBeLessThanOrEqual(2);
    const map = body.data.nationalMap;
    expect(map.points.filter((p: any) => p.kind === 'CAPITAL')).toHaveLength(13);

    const littoral = map.points.find((p: any) => p.slug === 'french-tech-littoral-hauts-de-france');
    expect(littoral).toMatchObject({
      kind: 'COMMUNITY', countryCode: 'FR', regionCode: '32', node: { __typename: 'Ecosystem', slug: 'french-tech-littoral-hauts-de-france' },
      labelPath: ['La French Tech', 'French Tech Lille', 'French Tech Littoral Hauts-de-France'],
      coordinates: { precision: 'COMMUNE' },
    });
    const lille = map.points.find((p: any) => p.slug === 'french-tech-lille');
    expect(littoral.parentId).toBe(lille.id);
    expect(lille.coordinates).toEqual({ latitude: 50.63391, longitude: 3.05512, precision: 'COMMUNE' });
    expect(map.links).toContainEqual({ from: { slug: 'french-tech-littoral-hauts-de-france' }, to: { slug: 'french-tech-lille', coordinates: { latitude: 50.63391 } } });

    const euratech = map.points.find((p: any) => p.slug === 'euratechnologies');
    expect(euratech).toMatchObject({ kind: 'HUB', node: { __typename: 'Hub' }, parentId: lille.id, labelPath: ['La French Tech', 'French Tech Lille', 'EuraTechnologies'] });
    expect(euratech.coordinates).not.toBeNull();
  });

  test('the GeoJSON is RFC 7946: [longitude, latitude] points, lines to parents, points without coordinates left out', async () => {
    const { body } = await api.graphql(MAP, { asOf: '2021-06-01' });
    const map = body.data.nationalMap;
    const { geoJson } = map;
    expect(geoJson.type).toBe('FeatureCollection');
    const lille = geoJson.features.find((f: any) => f.properties.slug === 'french-tech-lille');
    expect(lille.geometry).toEqual({ type: 'Point', coordinates: [3.05512, 50.63391] });
    expect(lille.properties).toMatchObject({ kind: 'CAPITAL', name: 'French Tech Lille', labelPath: ['La French Tech', 'French Tech Lille'] });
    const line = geoJson.features.find((f: any) => f.geometry.type === 'LineString' && f.properties.childSlug === 'french-tech-littoral-hauts-de-france');
    expect(line.geometry.coordinates[1]).toEqual([3.05512, 50.63391]);
    // Australia is a country-wide community (labelled 2021-04-21): on the map's list, not in the GeoJSON.
    const australia = map.points.find((p: any) => p.slug === 'french-tech-australie');
    expect(australia).toMatchObject({ kind: 'COMMUNITY', countryCode: 'AU', coordinates: null, regionCode: null });
    expect(geoJson.features.some((f: any) => f.properties.slug === 'french-tech-australie')).toBe(false);
    expect(geoJson.features.filter((f: any) => f.geometry.type === 'Point')).toHaveLength(map.points.filter((p: any) => p.coordinates).length);
  });

  test('filters: a region, label kinds, abroad', async () => {
    const grandEst = (await api.graphql(MAP, { asOf: '2019-06-01', filter: { regionCode: '44', kinds: ['CAPITAL'] } })).body.data.nationalMap;
    expect(grandEst.points.filter((p: any) => p.kind === 'CAPITAL').map((p: any) => p.slug)).toEqual(['french-tech-east']);
    expect(grandEst.points.every((p: any) => p.regionCode === '44')).toBe(true);
    const abroad = (await api.graphql(MAP, { asOf: '2021-06-01', filter: { inFrance: false, hubs: false } })).body.data.nationalMap;
    expect(abroad.points.length).toBeGreaterThan(0);
    expect(abroad.points.every((p: any) => p.countryCode !== 'FR' && p.kind !== 'HUB')).toBe(true);
    const bad = await api.graphql(MAP, { filter: { regionCode: 'Grand Est' } });
    expect(bad.body.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', argumentName: 'filter.regionCode' } });
  });

  test('GET /map.geojson serves the same FeatureCollection as application/geo+json', async () => {
    const response = await fetch(`${api.url}/map.geojson?asOf=2019-06-01`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/geo\+json/);
    const geo = (await response.json()) as any;
    const { body } = await api.graphql(`{ nationalMap(asOf: "2019-06-01") { geoJson } }`);
    const { asOf, stateOn, confirmedUntil, confirmed, ...collection } = geo;
    expect(collection).toEqual(body.data.nationalMap.geoJson);
    // issue 10: the collection says how far the sources reach
    expect({ asOf, stateOn, confirmedUntil, confirmed }).toEqual({ asOf: '2019-06-01', stateOn: '2019-06-01', confirmedUntil: '2025-12-31', confirmed: true });
    const later = (await (await fetch(`${api.url}/map.geojson?asOf=2026-11-30&kinds=CAPITAL&hubs=false`)).json()) as any;
    expect(later).toMatchObject({ stateOn: '2025-12-31', confirmed: false });
    expect(later.features.filter((f: any) => f.properties.kind === 'CAPITAL').length).toBeGreaterThan(0);
    const bad = await fetch(`${api.url}/map.geojson?asOf=2019-13-45`);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toMatch(/asOf/);
  });
});
