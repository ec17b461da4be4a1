import { startTestApi, type TestApi } from './support/app.js';
import { toGlobalId } from '../src/graphql/global-id.js';

/** maillage as a Federation 2 subgraph: `_entities` through the per-request loaders, per-entity errors, cache hints, no traces. */
let api: TestApi;
let ecosystems: { id: string; slug: string }[];
beforeAll(async () => {
  api = await startTestApi();
  const seen = new Map<string, { id: string; slug: string }>();
  for (const asOf of ['2015-06-01', '2019-06-01', '2024-01-01']) {
    const { body } = await api.graphql(`query($asOf: LocalDate) { ecosystems(first: 100, asOf: $asOf) { nodes { id slug } } }`, { asOf });
    for (const e of body.data.ecosystems.nodes) seen.set(e.id, e);
  }
  ecosystems = [...seen.values()];
});
afterAll(async () => { await api?.stop(); });

const ENTITIES = `query($r: [_Any!]!) { _entities(representations: $r) { __typename ... on Ecosystem { id slug } ... on Hub { slug } ... on Association { slug } } }`;

/** 50 representations: every distinct seeded ecosystem, then again from the start, in reverse order. */
function fifty<T>(make: (e: { id: string; slug: string }) => T): T[] {
  const list = [...ecosystems].reverse();
  return Array.from({ length: 50 }, (_, i) => make(list[i % list.length]!));
}

test('50 ecosystems by id cost one SQL statement, in the order of the representations', async () => {
  expect(ecosystems.length).toBeGreaterThanOrEqual(30);
  const representations = fifty((e) => ({ __typename: 'Ecosystem', id: e.id }));
  const { count, body } = await api.countStatements(ENTITIES, { r: representations });
  expect(body.errors).toBeUndefined();
  expect(body.data._entities).toHaveLength(50);
  expect(body.data._entities.map((e: any) => e.id)).toEqual(representations.map((r) => r.id));
  expect(count).toBe(1);
});

test('50 ecosystems by slug cost one SQL statement; an unknown slug or id gives null', async () => {
  const representations = fifty((e) => ({ __typename: 'Ecosystem', slug: e.slug }));
  representations[7] = { __typename: 'Ecosystem', slug: 'no-such-ecosystem' };
  const { count, body } = await api.countStatements(ENTITIES, { r: representations });
  expect(body.errors).toBeUndefined();
  expect(body.data._entities[7]).toBeNull();
  expect(body.data._entities.map((e: any) => e?.slug ?? null)).toEqual(representations.map((r) => (r.slug === 'no-such-ecosystem' ? null : r.slug)));
  expect(count).toBe(1);

  const unknownId = toGlobalId('Ecosystem', '00000000-0000-4000-8000-000000000000');
  const byId = await api.graphql(ENTITIES, { r: [{ __typename: 'Ecosystem', id: unknownId }, { __typename: 'Ecosystem', slug: 'french-tech-lille' }] });
  expect(byId.body.errors).toBeUndefined();
  expect(byId.body.data._entities).toEqual([null, { __typename: 'Ecosystem', id: expect.any(String), slug: 'french-tech-lille' }]);
});

test('one statement per entity type and key kind, whatever the number of representations', async () => {
  const representations = [
    ...fifty((e) => ({ __typename: 'Ecosystem', id: e.id })),
    ...fifty((e) => ({ __typename: 'Ecosystem', slug: e.slug })),
    { __typename: 'Association', slug: 'cap-numeric' },
    { __typename: 'Hub', slug: 'no-such-hub' },
  ];
  const { count, body } = await api.countStatements(ENTITIES, { r: representations });
  expect(body.errors).toBeUndefined();
  expect(body.data._entities[100]).toEqual({ __typename: 'Association', slug: 'cap-numeric' });
  expect(body.data._entities[101]).toBeNull();
  // Ecosystem by id, Ecosystem by slug, Association by slug, Hub by slug.
  expect(count).toBe(4);
});

test('resolved entities serve their fields through the same loaders (the label path of 50 communities: bounded statements)', async () => {
  const query = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Ecosystem { name(asOf: "2019-06-01") ancestors(asOf: "2019-06-01") { name(asOf: "2019-06-01") } } } }`;
  // The same depth of hierarchy (a community, its capital, the root) with 4 and with 50 representations. The few
  // include a community whose capital is not among the representations (Pau Béarn, under Bordeaux), as the fifty do
  // since the seeds name more communities: that capital's path costs one more batched level, once, not once per community.
  const four = ['french-tech-littoral-hauts-de-france', 'french-tech-lille', 'la-french-tech', 'french-tech-pau-bearn'].map((slug) => ({ __typename: 'Ecosystem', slug }));
  const few = await api.countStatements(query, { r: four });
  const many = await api.countStatements(query, { r: [...four, ...fifty((e) => ({ __typename: 'Ecosystem', slug: e.slug })).slice(4)] });
  expect(few.body.errors).toBeUndefined();
  expect(many.body.errors).toBeUndefined();
  expect(many.count).toBe(few.count);
  const lille = await api.graphql(query, { r: [{ __typename: 'Ecosystem', slug: 'french-tech-littoral-hauts-de-france' }] });
  expect(lille.body.data._entities[0].ancestors.map((a: any) => a.name)).toEqual(['La French Tech', 'French Tech Lille']);
});

test('a bad representation fails alone, with a clear error at _entities.N', async () => {
  const [lille] = ecosystems.filter((e) => e.slug === 'french-tech-lille');
  const { body: hubs } = await api.graphql(`{ hub: _entities(representations: [{ __typename: "Association", slug: "cap-numeric" }]) { ... on Association { id } } }`);
  const associationId = hubs.data.hub[0].id;
  const representations = [
    { __typename: 'Ecosystem', id: lille!.id },
    { __typename: 'Ecosystem' },
    { __typename: 'Community', slug: 'french-tech-artois' },
    { __typename: 'Ecosystem', id: 'not-an-id' },
    { __typename: 'Ecosystem', id: associationId },
    { slug: 'french-tech-artois' },
    { __typename: 'Ecosystem', slug: 'french-tech-artois' },
  ];
  const { status, body } = await api.graphql(ENTITIES, { r: representations });
  expect(status).toBe(200);
  expect(body.data._entities[0]).toEqual({ __typename: 'Ecosystem', id: lille!.id, slug: 'french-tech-lille' });
  expect(body.data._entities.slice(1, 6)).toEqual([null, null, null, null, null]);
  expect(body.data._entities[6]).toEqual({ __typename: 'Ecosystem', id: expect.any(String), slug: 'french-tech-artois' });
  const errors = Object.fromEntries((body.errors ?? []).map((e: any) => [e.path.join('.'), e]));
  expect(Object.keys(errors).sort()).toEqual(['_entities.1', '_entities.2', '_entities.3', '_entities.4', '_entities.5']);
  for (const error of body.errors ?? []) expect(error.extensions.code).toBe('BAD_USER_INPUT');
  expect(errors['_entities.1'].message).toBe('representations[1]: missing key field: an Ecosystem is referenced by `id` or `slug`');
  expect(errors['_entities.2'].message).toMatch(/^representations\[2\]: "Community" is not an entity of maillage \(entities: .*Ecosystem.*\)$/);
  expect(errors['_entities.3'].message).toBe('representations[3]: "not-an-id" is not a maillage ID (IDs are opaque strings returned by this API)');
  expect(errors['_entities.4'].message).toBe(`representations[4]: "${associationId}" is the ID of an Association, not of an Ecosystem`);
  expect(errors['_entities.5'].message).toBe('representations[5]: `__typename` is missing');
});

async function post(query: string, variables?: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${api.url}/graphql`, {
    method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }),
  });
  return { headers: response.headers, body: (await response.json()) as any };
}

test('answers about public entities are cacheable; errors, token holders and federation plumbing are not', async () => {
  const ok = await post(ENTITIES, { r: [{ __typename: 'Ecosystem', slug: 'french-tech-lille' }] });
  expect(ok.body.errors).toBeUndefined();
  expect(ok.headers.get('cache-control')).toBe('public, max-age=300, stale-while-revalidate=300');

  const page = await post(`{ ecosystem(slug: "french-tech-lille") { name names { name } pageOfChildren: children { slug } } }`);
  expect(page.headers.get('cache-control')).toBe('public, max-age=300, stale-while-revalidate=300');

  const failed = await post(ENTITIES, { r: [{ __typename: 'Ecosystem' }] });
  expect(failed.body.errors).toHaveLength(1);
  expect(failed.headers.get('cache-control')).toBe('no-store');

  const sdl = await post('{ _service { sdl } }');
  expect(sdl.headers.get('cache-control')).toBeNull();

  const withToken = await post(ENTITIES, { r: [{ __typename: 'Ecosystem', slug: 'french-tech-lille' }] }, { authorization: 'Bearer whatever' });
  expect(withToken.headers.get('cache-control')).toBe('private, no-store');
});

test('no inline traces for a gateway that asks for them (they cost throughput; MAILLAGE_INLINE_TRACES=true enables them)', async () => {
  const { body } = await post(ENTITIES, { r: [{ __typename: 'Ecosystem', slug: 'french-tech-lille' }] }, { 'apollo-federation-include-trace': 'ftv1' });
  expect(body.errors).toBeUndefined();
  expect(body.extensions?.ftv1).toBeUndefined();
});
