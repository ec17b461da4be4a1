import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { brotliDecompressSync } from 'node:zlib';
import type { MikroORM } from '@mikro-orm/postgresql';
import { Redis } from 'ioredis';
import { migrate, openOrm } from '../src/database/orm.js';
import { loadSeeds } from '../src/seeding/load-seeds.js';
import { createToken } from '../src/auth/tokens.js';
import { documentId } from '../src/edge/trusted-documents.js';
import type { ResponseCache } from '../src/edge/response-cache.js';
import { freshDatabaseUrl, startTestApi, statementCount, type TestApi } from './support/app.js';

/**
 * The response cache (src/edge/response-cache.ts) through real HTTP on a real database: stored answers
 * are the computed bytes, every kind of write makes the next read fresh, tokens bypass it, identical
 * concurrent misses run once; with TEST_REDIS_URL, two API servers share it through Redis.
 */
let orm: MikroORM;
let api: TestApi;
let uncached: TestApi;
let editor: Record<string, string>;
let admin: Record<string, string>;
let databaseUrl: string;

const MAP = readFileSync(new URL('../schema/operations/national-map.graphql', import.meta.url), 'utf8');
const MAP_ID = documentId(MAP);
const cacheOf = (server: TestApi) => (server.app.server as unknown as { responseCache: ResponseCache }).responseCache;

beforeAll(async () => {
  const url = (databaseUrl = await freshDatabaseUrl('response_cache'));
  orm = await openOrm(url);
  await migrate(orm);
  await loadSeeds(orm);
  const bearer = async (name: string, role: string) => ({ authorization: `Bearer ${(await createToken(orm.em.fork(), { name, role })).token}` });
  editor = await bearer('Editor Cache', 'editor');
  admin = await bearer('Admin Cache', 'admin');
  process.env.MAILLAGE_RESPONSE_CACHE_POST = 'true';
  process.env.MAILLAGE_RESPONSE_CACHE_MB = '0';
  uncached = await startTestApi(url, { edge: { rateLimit: false } });
  process.env.MAILLAGE_RESPONSE_CACHE_MB = '16';
  api = await startTestApi(url, { edge: { rateLimit: false } });
}, 120_000);
afterAll(async () => {
  delete process.env.MAILLAGE_RESPONSE_CACHE_MB;
  delete process.env.MAILLAGE_RESPONSE_CACHE_POST;
  await api?.stop();
  await uncached?.stop();
  await orm?.close(true);
});

const get = (server: TestApi, query: string, variables?: unknown, headers: Record<string, string> = {}) => {
  const params = new URLSearchParams({ query });
  if (variables) params.set('variables', JSON.stringify(variables));
  return fetch(`${server.url}/graphql?${params}`, { headers: { 'accept-encoding': 'identity', ...headers } });
};
const post = (server: TestApi, query: string, variables?: unknown, headers: Record<string, string> = {}) =>
  fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', 'accept-encoding': 'identity', ...headers }, body: JSON.stringify({ query, variables }) });
const bytes = async (response: Response) => Buffer.from(await response.arrayBuffer());

describe('stored answers are the computed bytes', () => {
  test('the national map by trusted document id: miss, hit and a server without cache send the same bytes, headers and ETag', async () => {
    const path = `/graphql?documentId=${MAP_ID}&variables=${encodeURIComponent('{"asOf":"2024-06-01"}')}`;
    const cache = cacheOf(api);
    const before = { ...cache.stats };
    const first = await fetch(api.url + path, { headers: { 'accept-encoding': 'identity' } });
    const statementsBefore = statementCount();
    const second = await fetch(api.url + path, { headers: { 'accept-encoding': 'identity' } });
    expect(statementCount() - statementsBefore).toBe(0); // served without running GraphQL
    const computed = await fetch(uncached.url + path, { headers: { 'accept-encoding': 'identity' } });
    expect(cache.stats.hits - before.hits).toBe(1);
    const [a, b, c] = await Promise.all([bytes(first), bytes(second), bytes(computed)]);
    expect(a.length).toBeGreaterThan(10_000);
    expect(b.equals(a)).toBe(true);
    expect(c.equals(a)).toBe(true);
    for (const name of ['etag', 'cache-control', 'content-type', 'content-length']) {
      expect(second.headers.get(name)).toBe(computed.headers.get(name));
    }
    expect(second.headers.get('cache-control')).toMatch(/^public, max-age=\d+/);

    // Compressed forms are the same bytes too, and 304 answers the tag.
    const br = await fetch(api.url + path, { headers: { 'accept-encoding': 'br' } });
    expect(br.headers.get('content-encoding')).toBe('br');
    expect(br.headers.get('etag')).toBe(`${computed.headers.get('etag')!.slice(0, -1)}-br"`);
    expect((await bytes(br)).equals(a)).toBe(true); // fetch decodes brotli
    const raw = await new Promise<Buffer>((resolve, reject) => {
      request(api.url + path, { headers: { 'accept-encoding': 'br' } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk)).on('end', () => resolve(Buffer.concat(chunks))).on('error', reject);
      }).end();
    });
    expect(brotliDecompressSync(raw).equals(a)).toBe(true);
    const revalidated = await fetch(api.url + path, { headers: { 'if-none-match': br.headers.get('etag')! } });
    expect(revalidated.status).toBe(304);
  });

  test('POST answers are cached too; answers with errors and without a cache hint are not', async () => {
    const query = `query Few { capitals(first: 3) { nodes { name } } }`;
    const cache = cacheOf(api);
    const first = await bytes(await post(api, query));
    const hits = cache.stats.hits;
    expect((await bytes(await post(api, query))).equals(first)).toBe(true);
    expect(cache.stats.hits).toBe(hits + 1);

    const stores = cache.stats.stores;
    await post(api, `{ ecosystem(slug: 1) { name } }`); // an error
    await post(api, `{ _service { sdl } }`); // no hint
    await get(api, `{ __typename }`);
    expect(cache.stats.stores).toBe(stores);
  });
});

describe('a token never gets nor fills the public cache', () => {
  test('same query with a token: computed, private, nothing stored', async () => {
    const query = `query Tokened { capitals(first: 2) { nodes { name } } }`;
    const cache = cacheOf(api);
    await get(api, query); // stored for the public
    const before = { ...cache.stats };
    const statementsBefore = statementCount();
    const withToken = await get(api, query, undefined, editor);
    expect(statementCount() - statementsBefore).toBeGreaterThan(0);
    expect(withToken.headers.get('cache-control')).toBe('private, no-store');
    expect(cache.stats).toEqual(before);
    const other = `query TokenOnly { capitals(first: 1) { nodes { name } } }`;
    await get(api, other, undefined, admin);
    expect(cache.stats).toEqual(before);
  });
});

describe('every kind of write makes the next read fresh', () => {
  const EVENT = `query CachedEvent { event(slug: "cache-test-event") { name endsOn { text } } }`;
  const eventRead = async () => ((await (await get(api, EVENT)).json()) as any).data.event;

  test('create, update, archive, rename', async () => {
    expect(await eventRead()).toBeNull(); // cached as null
    expect(await eventRead()).toBeNull();

    const source = await api.graphql(`mutation { sourceCreate(input: { slug: "cache-source", title: "A test", publisher: "Test", kind: PRESS_ARTICLE, url: "https://example.org/c" }) {
      userErrors { message } } }`, {}, editor);
    expect(source.body.data.sourceCreate.userErrors).toEqual([]);
    const created = await api.graphql(`mutation { eventCreate(input: { slug: "cache-test-event", name: "Cache Event", kind: MEETUP, startsOn: "2025-03-04T18:30",
      sources: ["cache-source"] }) { event { id } userErrors { field message } } }`, {}, editor);
    expect(created.body.data.eventCreate.userErrors).toEqual([]);
    expect(await eventRead()).toEqual({ name: 'Cache Event', endsOn: null });
    expect(await eventRead()).toEqual({ name: 'Cache Event', endsOn: null });

    const id = created.body.data.eventCreate.event.id;
    const updated = await api.graphql(`mutation($id: ID!) { eventUpdate(input: { id: $id, expectedVersion: 1, endsOn: "2025-03-05", sources: ["cache-source"] }) {
      userErrors { message } } }`, { id }, editor);
    expect(updated.body.data.eventUpdate.userErrors).toEqual([]);
    expect((await eventRead()).endsOn).toEqual({ text: expect.stringContaining('2025') });

    const archived = await api.graphql(`mutation($id: ID!) { eventArchive(input: { id: $id, expectedVersion: 2, sources: ["cache-source"] }) { userErrors { message } } }`, { id }, editor);
    expect(archived.body.data.eventArchive.userErrors).toEqual([]);
    expect(await eventRead()).toBeNull();

    // A rename shows in the national map (trusted document by GET) at once.
    const mapPath = `/graphql?documentId=${MAP_ID}`;
    const points = async () => ((await (await fetch(api.url + mapPath)).json()) as any).data.nationalMap.points as { name: string; slug: string; kind: string }[];
    const capital = (await points()).find((p) => p.kind === 'CAPITAL')!;
    const eco = await api.data(`query($slug: String!) { ecosystem(slug: $slug) { id version } }`, { slug: capital.slug });
    const renamed = await api.graphql(`mutation($id: ID!, $v: Int!) { ecosystemRename(input: { id: $id, expectedVersion: $v, name: "French Tech Cache Test", from: "2020-01-01",
      sources: ["article-littoral-hdf-2019"] }) { userErrors { message } } }`, { id: eco.ecosystem.id, v: eco.ecosystem.version }, admin);
    expect(renamed.body.data.ecosystemRename.userErrors).toEqual([]);
    const after = (await points()).map((p) => p.name);
    expect(after).toContain('French Tech Cache Test');
    expect(after).not.toContain(capital.name);
  });
});

describe('single flight', () => {
  test('50 concurrent identical misses run the operation once, with the statements of one execution', async () => {
    const query = `query Flight($first: Int!) { capitals(first: $first) { nodes { name children { name } } } }`;
    const cache = cacheOf(api);
    // The statements of one execution of this shape (another variable value: another key).
    let before = statementCount();
    await bytes(await get(api, query, { first: 99 }));
    const one = statementCount() - before;
    expect(one).toBeGreaterThan(0);

    const executions = cache.stats.executions;
    before = statementCount();
    const answers = await Promise.all(Array.from({ length: 50 }, () => get(api, query, { first: 98 }).then(bytes)));
    expect(statementCount() - before).toBe(one);
    expect(cache.stats.executions - executions).toBe(1);
    for (const answer of answers) expect(answer.equals(answers[0]!)).toBe(true);
  });
});

const redisUrl = process.env.TEST_REDIS_URL;
(redisUrl ? describe : describe.skip)('two API servers sharing Redis (TEST_REDIS_URL)', () => {
  let a: TestApi;
  let b: TestApi;
  beforeAll(async () => {
    // Keys of this run only: another run's data version must not matter, nor ours stay behind.
    const redis = new Redis(redisUrl!);
    await redis.incr('maillage:data-version');
    redis.disconnect();
    process.env.MAILLAGE_RESPONSE_CACHE_MB = '16';
    a = await startTestApi(databaseUrl, { edge: { rateLimit: false, redisUrl } });
    b = await startTestApi(databaseUrl, { edge: { rateLimit: false, redisUrl } });
  });
  afterAll(async () => { await a?.stop(); await b?.stop(); });

  test('an answer stored by one is served by the other; a write through one is seen by the next read of the other', async () => {
    const query = `query Shared { ecosystem(slug: "french-tech-littoral-hauts-de-france") { name } }`;
    const first = await bytes(await get(b, query));
    const hits = cacheOf(a).stats.hits;
    const statementsBefore = statementCount();
    expect((await bytes(await get(a, query))).equals(first)).toBe(true);
    expect(cacheOf(a).stats.hits).toBe(hits + 1);
    expect(statementCount() - statementsBefore).toBe(0);

    const eco = ((await (await post(a, `{ ecosystem(slug: "french-tech-littoral-hauts-de-france") { id version } }`, undefined, admin)).json()) as any).data.ecosystem;
    const renamed = await a.graphql(`mutation($id: ID!, $v: Int!) { ecosystemRename(input: { id: $id, expectedVersion: $v, name: "French Tech Shared Cache", from: "2021-01-01",
      sources: ["article-littoral-hdf-2019"] }) { userErrors { message } } }`, { id: eco.id, v: eco.version }, admin);
    expect(renamed.body.data.ecosystemRename.userErrors).toEqual([]);
    expect(((await (await get(b, query)).json()) as any).data.ecosystem.name).toBe('French Tech Shared Cache');
  });
});
