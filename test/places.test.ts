import { startTestApi, type TestApi } from './support/app.js';

/** Territories, hubs and sources, against the suite's seeded database (read-only). */
let api: TestApi;
beforeAll(async () => { api = await startTestApi(); });
afterAll(async () => { await api?.stop(); });

describe('territories', () => {
  test('Metz: commune → department → region, with coordinates, ecosystems and sources', async () => {
    const data = await api.data(`{ territory(slug: "commune-57463") {
      kind code name coordinates { latitude longitude precision } coordinatesSource { slug }
      parent { slug kind parent { slug name parent { slug } } }
      ecosystems(asOf: "2019-06-01") { slug }
      sources { slug } } }`);
    expect(data.territory).toMatchObject({
      kind: 'COMMUNE', code: '57463', name: 'Metz', coordinates: { latitude: 49.11911, longitude: 6.17269, precision: 'COMMUNE' },
      coordinatesSource: { slug: 'geonames-cities-json' },
      parent: { slug: 'department-57', kind: 'DEPARTMENT', parent: { slug: 'region-44', name: 'Grand Est', parent: null } },
    });
    expect(data.territory.ecosystems).toContainEqual({ slug: 'french-tech-east' });
    const sources = data.territory.sources.map((s: any) => s.slug);
    // Issue 10: the point comes from the GeoNames dataset (coordinatesSource), the code and name from the COG.
    expect(sources).toContain('etalab-decoupage-administratif');
  });

  test('an informal area spans departments and is covered by its community', async () => {
    const data = await api.data(`{ territory(slug: "area-calaisis") { kind departments { slug } parent { slug }
      ecosystems(asOf: "2019-06-01") { slug } before: ecosystems(asOf: "2010-01-01") { slug } } }`);
    expect(data.territory).toEqual({
      kind: 'AREA', departments: [{ slug: 'department-62' }], parent: null,
      ecosystems: [{ slug: 'french-tech-littoral-hauts-de-france' }], before: [],
    });
  });

  test('a city abroad hangs from its country', async () => {
    const data = await api.data(`{ territory(slug: "city-new-york") { kind countryCode parent { slug kind } } nope: territory(slug: "nope") { slug } }`);
    expect(data.territory).toEqual({ kind: 'CITY', countryCode: 'US', parent: { slug: 'country-us', kind: 'COUNTRY' } });
    expect(data.nope).toBeNull();
  });

  test('filters: kinds, region, department, country, name prefix (accents ignored)', async () => {
    const data = await api.data(`{
      ge: territories(filter: { kinds: [DEPARTMENT], regionCode: "44" }, first: 100) { totalCount nodes { code } }
      mos: territories(filter: { kinds: [COMMUNE], departmentCode: "57", namePrefix: "metz" }) { nodes { slug } }
      st: territories(filter: { kinds: [COMMUNE], namePrefix: "saint-etienne" }, first: 100) { nodes { name } }
      us: territories(filter: { countryCode: "US" }) { nodes { kind slug } }
      head: territories(first: 2) { nodes { kind } }
    }`);
    expect(data.ge.totalCount).toBe(10);
    expect(data.ge.nodes.map((n: any) => n.code).sort()).toEqual(['08', '10', '51', '52', '54', '55', '57', '67', '68', '88']);
    expect(data.mos.nodes[0]).toEqual({ slug: 'commune-57463' }); // Metz, then Metzeresche, Metzervisse…
    expect(data.mos.nodes.every((n: any) => n.slug.startsWith('commune-57'))).toBe(true);
    expect(data.st.nodes.map((n: any) => n.name)).toContain('Saint-Étienne');
    expect(data.us.nodes).toEqual(expect.arrayContaining([{ kind: 'COUNTRY', slug: 'country-us' }, { kind: 'CITY', slug: 'city-new-york' }]));
    expect(data.us.nodes[0].kind).toBe('COUNTRY'); // ordered by kind, then name
    expect(data.head.nodes).toEqual([{ kind: 'REGION' }, { kind: 'REGION' }]);
  });

  test('pagination round trip over kinds: first/after pages join up, last/before walks back', async () => {
    const page = `query($first: Int, $after: String, $last: Int, $before: String) {
      territories(filter: { regionCode: "44", kinds: [REGION, DEPARTMENT] }, first: $first, after: $after, last: $last, before: $before) {
        nodes { slug } pageInfo { hasNextPage startCursor endCursor } } }`;
    const all = (await api.data(page, { first: 11 })).territories;
    expect(all.nodes[0]).toEqual({ slug: 'region-44' });
    const a = (await api.data(page, { first: 5 })).territories;
    const b = (await api.data(page, { first: 6, after: a.pageInfo.endCursor })).territories;
    expect([...a.nodes, ...b.nodes]).toEqual(all.nodes);
    expect(b.pageInfo.hasNextPage).toBe(false);
    const back = (await api.data(page, { last: 5, before: b.pageInfo.startCursor })).territories;
    expect(back.nodes).toEqual(a.nodes);
  });

  test('bad arguments are BAD_USER_INPUT naming the argument', async () => {
    for (const [args, argument] of [['first: 0', 'first'], ['first: 500', 'first'], ['filter: { countryCode: "usa" }', 'filter.countryCode'],
      ['filter: { departmentCode: "Moselle" }', 'filter.departmentCode'], ['filter: { namePrefix: " " }', 'filter.namePrefix'], ['after: "zzz"', 'after']]) {
      const { body } = await api.graphql(`{ territories(${args}) { totalCount } }`);
      expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(body.errors?.[0]?.message).toContain(`"${argument}"`);
    }
  });

  test('parents, departments, ecosystems and sources of a whole page cost a bounded number of statements', async () => {
    const query = (first: number) => `{ territories(filter: { regionCode: "44" }, first: ${first}) { nodes {
      parent { slug } departments { slug } ecosystems(asOf: "2019-06-01") { slug } sources { slug } } } }`;
    const small = await api.countStatements(query(2));
    const large = await api.countStatements(query(100));
    expect(large.body.errors).toBeUndefined();
    expect(large.count).toBe(small.count);
  });
});

describe('hubs', () => {
  test('Bliiida is a totem of French Tech East, with coordinates from Metz (and no address: none of its sources gives one, issue 10)', async () => {
    const data = await api.data(`{ hub(slug: "bliiida") {
      name kind address locality { slug name } coordinates { latitude longitude precision } operator { __typename }
      ecosystems { role validFrom validTo ecosystem { slug } sources { slug } } sources { slug } } }`);
    expect(data.hub).toMatchObject({
      name: 'Bliiida', kind: 'TOTEM', address: null, locality: { slug: 'commune-57463', name: 'Metz' },
      coordinates: { latitude: 49.11911, longitude: 6.17269, precision: 'COMMUNE' }, operator: null,
      ecosystems: [{ role: 'TOTEM', validFrom: '2019-04-03', validTo: null, ecosystem: { slug: 'french-tech-east' },
        sources: [{ slug: 'lestrademensuel-french-tech-east' }, { slug: 'tout-metz-liste-capitales-2019' }] }],
    });
  });

  test('operators are associations or institutions', async () => {
    const data = await api.data(`{ plage: hub(slug: "la-plage-digitale") { operator { __typename ... on Association { slug } } openedIn { text } }
      village: hub(slug: "village-la-poste-strasbourg") { operator { __typename ... on Institution { slug kind } } }
      euratech: hub(slug: "euratechnologies") { openedIn { text precision } } }`);
    expect(data.plage.operator).toEqual({ __typename: 'Association', slug: 'alsace-digitale' });
    expect(data.village.operator).toEqual({ __typename: 'Institution', slug: 'groupe-la-poste', kind: 'COMPANY' });
    expect(data.euratech.openedIn).toEqual({ text: '2009', precision: 'YEAR' });
  });

  test('filters by kind, region, department and ecosystem', async () => {
    const data = await api.data(`{
      ge: hubs(filter: { regionCode: "44" }) { nodes { slug } }
      moselle: hubs(filter: { departmentCode: "57" }) { nodes { slug } }
      totems: hubs(filter: { kinds: [TOTEM], ecosystemSlug: "french-tech-bourgogne-franche-comte" }) { totalCount }
      venues: hubs(filter: { kinds: [VENUE, CAMPUS] }) { nodes { kind } }
    }`);
    expect(data.ge.nodes.map((n: any) => n.slug).sort()).toEqual(['bliiida', 'cescom-metz', 'la-plage-digitale', 'village-la-poste-strasbourg']);
    expect(data.moselle.nodes.map((n: any) => n.slug).sort()).toEqual(['bliiida', 'cescom-metz']);
    expect(data.totems.totalCount).toBe(4);
    expect(data.venues.nodes.every((n: any) => ['VENUE', 'CAMPUS'].includes(n.kind))).toBe(true);
  });

  test('an ecosystem lists its hubs, and node(id:) finds hubs and their links', async () => {
    const data = await api.data(`{ ecosystem(slug: "french-tech-east") { hubs { id role validFrom hub { id slug } } } }`);
    expect(data.ecosystem.hubs).toHaveLength(1);
    const [link] = data.ecosystem.hubs;
    expect(link).toMatchObject({ role: 'TOTEM', validFrom: '2019-04-03', hub: { slug: 'bliiida' } });
    for (const [typename, id] of [['HubLink', link.id], ['Hub', link.hub.id]]) {
      const { node } = await api.data(`query($id: ID!) { node(id: $id) { __typename id } }`, { id });
      expect(node).toEqual({ __typename: typename, id });
    }
  });

  test('first: 0 and first: 500 are BAD_USER_INPUT naming first', async () => {
    for (const first of [0, 500]) {
      const { body } = await api.graphql(`{ hubs(first: ${first}) { totalCount } }`);
      expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(body.errors?.[0]?.message).toContain('"first"');
    }
  });
});

describe('sources', () => {
  test('one source by slug, with how many records cite it; node(id:) and territories find it', async () => {
    const data = await api.data(`{ source(slug: "article-littoral-hdf-2019") { id title kind publishedOn { text } cites }
      territory(slug: "region-44") { id } none: source(slug: "nope") { id } }`);
    expect(data.source.kind).toBe('PRESS_ARTICLE');
    expect(data.source.cites).toBeGreaterThan(5);
    expect(data.none).toBeNull();
    for (const [typename, id] of [['Source', data.source.id], ['Territory', data.territory.id]]) {
      const { node } = await api.data(`query($id: ID!) { node(id: $id) { __typename id } }`, { id });
      expect(node).toEqual({ __typename: typename, id });
    }
  });

  test('filters by kind and publisher; a page of counts costs one statement more than the page', async () => {
    const data = await api.data(`{ articles: sources(filter: { kind: PRESS_ARTICLE }, first: 100) { totalCount nodes { kind } }
      tribune: sources(filter: { publisher: "la tribune" }, first: 100) { nodes { publisher } } }`);
    expect(data.articles.totalCount).toBeGreaterThan(10);
    expect(data.articles.nodes.every((n: any) => n.kind === 'PRESS_ARTICLE')).toBe(true);
    expect(data.tribune.nodes.length).toBeGreaterThan(0);
    expect(data.tribune.nodes.every((n: any) => n.publisher === 'La Tribune')).toBe(true);
    const plain = await api.countStatements(`{ sources(first: 100) { nodes { slug } } }`);
    const counted = await api.countStatements(`{ sources(first: 100) { nodes { slug cites } } }`);
    expect(counted.count).toBe(plain.count + 1);
  });
});
