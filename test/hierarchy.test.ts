import { startTestApi, type TestApi } from './support/app.js';

let api: TestApi;
beforeAll(async () => { api = await startTestApi(); });
afterAll(async () => { await api?.stop(); });

const CAPITALS = `query Capitals($asOf: LocalDate) { capitals(asOf: $asOf, first: 100) { totalCount nodes { slug } } }`;

describe('the label hierarchy as of a date', () => {
  test('13 capitals on 2019-04-03, 16 on 2023-06-01, 17 after Val de Loire joined', async () => {
    const counts = await Promise.all(['2019-04-03', '2023-06-01', '2024-06-01'].map(async (asOf) => {
      const { body } = await api.graphql(CAPITALS, { asOf });
      expect(body.errors).toBeUndefined();
      expect(body.data.capitals.nodes).toHaveLength(body.data.capitals.totalCount);
      return body.data.capitals.totalCount;
    }));
    expect(counts).toEqual([13, 16, 17]);
  });

  test('no capital existed before the 2019 campaign', async () => {
    const { body } = await api.graphql(CAPITALS, { asOf: '2019-04-02' });
    expect(body.data.capitals.totalCount).toBe(0);
  });

  test('a community hangs from its capital and the path leads to the root', async () => {
    const { body } = await api.graphql(`{
      ecosystem(slug: "french-tech-littoral-hauts-de-france") {
        name(asOf: "2019-06-01") kind(asOf: "2019-06-01")
        parent(asOf: "2019-06-01") { slug }
        ancestors(asOf: "2019-06-01") { slug }
      }
    }`);
    expect(body.errors).toBeUndefined();
    expect(body.data.ecosystem).toEqual({
      name: 'French Tech Littoral Hauts-de-France', kind: 'COMMUNITY',
      parent: { slug: 'french-tech-lille' }, ancestors: [{ slug: 'la-french-tech' }, { slug: 'french-tech-lille' }],
    });
  });

  test('Troyes covers Yonne (Bourgogne-Franche-Comté) yet belongs to French Tech East', async () => {
    const { body } = await api.graphql(`{ ecosystem(slug: "french-tech-troyes") { parent(asOf: "2019-06-01") { slug } } }`);
    expect(body.data.ecosystem.parent.slug).toBe('french-tech-east');
  });

  test('an ecosystem reached through children or parent answers as the same ecosystem read by slug', async () => {
    // children and parent prime the ecosystems that come along in their link rows: every field of
    // those must be the loader's (regionCode, departmentCode, note and coordinates once came back null).
    const fields = 'id slug countryCode regionCode departmentCode description website note coordinates { latitude longitude precision } seat { slug }';
    const { body } = await api.graphql(`{
      capital: ecosystem(slug: "french-tech-lille") { children(asOf: "2024-06-01") { ${fields} parent(asOf: "2024-06-01") { ${fields} } } }
    }`);
    expect(body.errors).toBeUndefined();
    const children = body.data.capital.children as { slug: string; parent: unknown }[];
    expect(children.length).toBeGreaterThan(0);
    const slugs = [...children.map((c) => c.slug), 'french-tech-lille'];
    const direct = await api.graphql(`{ ${slugs.map((slug, i) => `e${i}: ecosystem(slug: "${slug}") { ${fields} }`).join(' ')} }`);
    expect(direct.body.errors).toBeUndefined();
    const bySlug = Object.fromEntries(Object.values(direct.body.data as Record<string, { slug: string }>).map((e) => [e.slug, e]));
    expect(bySlug['french-tech-lille']).toMatchObject({ regionCode: '32' });
    for (const { parent, ...child } of children) {
      expect(child).toEqual(bySlug[child.slug]);
      expect(parent).toEqual(bySlug['french-tech-lille']);
    }
  });

  test('a renamed ecosystem answers to the name of the date asked', async () => {
    const { body } = await api.graphql(`{ ecosystem(slug: "french-tech-picardie") {
      before: name(asOf: "2019-06-01") after: name(asOf: "2024-06-01") names { name } } }`);
    expect(body.errors).toBeUndefined();
    expect(body.data.ecosystem.before).toBe('French Tech Hauts-de-France Sud');
    expect(body.data.ecosystem.after).toBe('French Tech Picardie');
  });
});
