import { startTestApi, type TestApi } from './support/app.js';

let api: TestApi;
beforeAll(async () => { api = await startTestApi(); });
afterAll(async () => { await api?.stop(); });

const SEARCH = `query Search($query: String!, $kinds: [SearchKind!], $first: Int) {
  search(query: $query, kinds: $kinds, first: $first) {
    kind title score snippet
    node { __typename id ... on Association { slug name } ... on Ecosystem { slug } ... on Programme { slug } ... on Event { slug } }
  }
}`;

describe('full-text search', () => {
  test('"numerique" finds Grand Est Numérique and Loire Numérique (accents and case do not matter)', async () => {
    const { body } = await api.graphql(SEARCH, { query: 'numerique', kinds: ['ASSOCIATION'] });
    expect(body.errors).toBeUndefined();
    const slugs = body.data.search.map((h: any) => h.node.slug);
    expect(slugs).toEqual(expect.arrayContaining(['grand-est-numerique', 'loire-numerique']));
    for (const hit of body.data.search) {
      expect(hit.node.__typename).toBe('Association');
      expect(hit.kind).toBe('ASSOCIATION');
      expect(hit.score).toBeGreaterThan(0);
    }
    const upper = await api.graphql(SEARCH, { query: 'NUMÉRIQUE', kinds: ['ASSOCIATION'] });
    expect(upper.body.data.search.map((h: any) => h.node.slug)).toEqual(slugs);
  });

  test('results are ranked, a title match first, with a highlighted snippet', async () => {
    const { body } = await api.graphql(SEARCH, { query: 'Loire Numérique', first: 5 });
    expect(body.errors).toBeUndefined();
    expect(body.data.search[0].node).toMatchObject({ __typename: 'Association', slug: 'loire-numerique' });
    const scores = body.data.search.map((h: any) => h.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    const snippets = (await api.graphql(SEARCH, { query: 'hackathon' })).body.data.search.map((h: any) => h.snippet);
    expect(snippets.some((s: string) => /<mark>hackathon/i.test(s))).toBe(true);
  });

  test('"associations" finds records that say "association" (French stemming)', async () => {
    const { body } = await api.graphql(SEARCH, { query: 'associations', first: 20 });
    expect(body.errors).toBeUndefined();
    expect(body.data.search.length).toBeGreaterThan(3);
    const marked = body.data.search.filter((h: any) => /<mark>associat/i.test(h.snippet ?? '') || /association/i.test(h.title));
    expect(marked.length).toBeGreaterThan(0);
    expect(body.data.search.some((h: any) => /<mark>association<\/mark>/i.test(h.snippet ?? ''))).toBe(true);
  });

  test('the last word also matches as a prefix (type-ahead)', async () => {
    const { body } = await api.graphql(SEARCH, { query: 'grand est numer', kinds: ['ASSOCIATION'] });
    expect(body.errors).toBeUndefined();
    expect(body.data.search[0].node.slug).toBe('grand-est-numerique');
    const gen = await api.graphql(SEARCH, { query: '#GEN1', kinds: ['EVENT'] });
    expect(gen.body.data.search.map((h: any) => h.node.slug)).toContain('gen1-2013');
  });

  test('kinds narrow, every hit is a node fetchable again by id', async () => {
    const { body } = await api.graphql(SEARCH, { query: 'Strasbourg', kinds: ['PROGRAMME', 'EVENT'], first: 10 });
    expect(body.errors).toBeUndefined();
    expect(body.data.search.length).toBeGreaterThan(0);
    expect(body.data.search.every((h: any) => ['Programme', 'Event'].includes(h.node.__typename))).toBe(true);
    const again = await api.graphql(`query($id: ID!) { node(id: $id) { id } }`, { id: body.data.search[0].node.id });
    expect(again.body.data.node.id).toBe(body.data.search[0].node.id);
  });

  test('nodes of the hits are loaded in batches', async () => {
    const few = await api.countStatements(`{ search(query: "french tech", first: 2) { node { id ... on Ecosystem { name } } } }`);
    const many = await api.countStatements(`{ search(query: "french tech", first: 50) { node { id ... on Ecosystem { name } } } }`);
    expect(many.body.errors).toBeUndefined();
    expect(many.body.data.search.length).toBeGreaterThan(10);
    expect(many.count).toBeLessThanOrEqual(few.count + 8); // one statement per node type present, not per hit
  });

  test.each([[''], ['   '], ['x'.repeat(201)]])('query %p is a BAD_USER_INPUT', async (query) => {
    const { body } = await api.graphql(SEARCH, { query });
    expect(body.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'query' });
  });

  test('first out of range is a BAD_USER_INPUT', async () => {
    const { body } = await api.graphql(SEARCH, { query: 'metz', first: 500 });
    expect(body.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'first' });
  });
});
