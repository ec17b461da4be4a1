import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { request } from 'node:http';
import { PROJECT_ROOT } from '../src/shared/project-root.js';
import { documentId, loadTrustedDocuments } from '../src/edge/trusted-documents.js';
import { startTestApi, type TestApi } from './support/app.js';

let api: TestApi;
beforeAll(async () => { api = await startTestApi(); });
afterAll(async () => { await api?.stop(); });

const operation = (name: string) => readFileSync(path.join(PROJECT_ROOT, 'schema/operations', `${name}.graphql`), 'utf8');
const variables = (name: string) => readFileSync(path.join(PROJECT_ROOT, 'schema/operations', `${name}.variables.json`), 'utf8');
const FOREIGN = 'https://partner.example';

/** A raw GET (fetch would decompress and hide Content-Encoding). */
function rawGet(url: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    request(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    }).on('error', reject).end();
  });
}

describe('trusted documents', () => {
  test('an id is sha256: and the hex SHA-256 of the exact file text; every example operation is trusted', () => {
    const trusted = loadTrustedDocuments();
    const text = operation('national-map');
    const id = documentId(text);
    expect(id).toBe(`sha256:${createHash('sha256').update(Buffer.from(text, 'utf8')).digest('hex')}`);
    expect(trusted.get(id)).toMatchObject({ file: 'schema/operations/national-map.graphql', text });
    for (const name of ['community-page', 'hierarchy-as-of', 'programme-finder', 'search']) expect(trusted.get(documentId(operation(name)))).toBeDefined();
  });

  test('GET with documentId and variables, no custom header: data, CORS, public cache headers', async () => {
    const id = documentId(operation('community-page'));
    const response = await fetch(`${api.url}/graphql?documentId=${id}&variables=${encodeURIComponent(variables('community-page'))}`, { headers: { origin: FOREIGN } });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('cache-control')).toBe('public, max-age=300, stale-while-revalidate=300');
    expect(response.headers.get('etag')).toMatch(/^"[\w-]+"$/);
    const body = await response.json() as any;
    expect(body.errors).toBeUndefined();
    expect(body.data.ecosystem.name).toBe('French Tech Littoral Hauts-de-France');
  });

  test('POST with documentId in the body', async () => {
    const response = await fetch(`${api.url}/graphql`, {
      method: 'POST', headers: { 'content-type': 'application/json', origin: FOREIGN },
      body: JSON.stringify({ documentId: documentId(operation('national-map')), variables: JSON.parse(variables('national-map')) }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    const body = await response.json() as any;
    expect(body.data.nationalMap.points.length).toBeGreaterThan(3);
  });

  test('an unknown id, a malformed id or a query that is not the id\'s text: HTTP 400, a client error code', async () => {
    const unknown = await fetch(`${api.url}/graphql?documentId=sha256:${'0'.repeat(64)}`);
    expect(unknown.status).toBe(400);
    expect((await unknown.json() as any).errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    const malformed = await fetch(`${api.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ documentId: 'x'.repeat(5000) }) });
    expect(malformed.status).toBe(400);
    const text = await malformed.text();
    expect(text.length).toBeLessThan(400);
    expect(JSON.parse(text).errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    const mismatch = await fetch(`${api.url}/graphql?documentId=${documentId(operation('search'))}&query=${encodeURIComponent('{ __typename }')}`);
    expect(mismatch.status).toBe(400);
    expect((await mismatch.json() as any).errors[0].extensions.code).toBe('BAD_USER_INPUT');
  });

  test('Apollo APQ: a trusted document\'s hash runs without registration; another registers, then runs by hash', async () => {
    const hex = documentId(operation('search')).slice('sha256:'.length);
    const trusted = await fetch(`${api.url}/graphql?extensions=${encodeURIComponent(JSON.stringify({ persistedQuery: { version: 1, sha256Hash: hex } }))}&variables=${encodeURIComponent(variables('search'))}`);
    expect(trusted.status).toBe(200);
    expect((await trusted.json() as any).data.search).toBeDefined();

    const query = '{ capitals(asOf: "2019-04-03") { totalCount } }';
    const hash = createHash('sha256').update(query).digest('hex');
    const ext = encodeURIComponent(JSON.stringify({ persistedQuery: { version: 1, sha256Hash: hash } }));
    const miss = await fetch(`${api.url}/graphql?extensions=${ext}`);
    expect((await miss.json() as any).errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    const register = await fetch(`${api.url}/graphql?extensions=${ext}&query=${encodeURIComponent(query)}`);
    expect((await register.json() as any).data.capitals.totalCount).toBe(13);
    const hit = await fetch(`${api.url}/graphql?extensions=${ext}`);
    expect((await hit.json() as any).data.capitals.totalCount).toBe(13);
  });

  test('an APQ hash that does not match the query: HTTP 400 BAD_USER_INPUT, not an internal error', async () => {
    const ext = encodeURIComponent(JSON.stringify({ persistedQuery: { version: 1, sha256Hash: 'ab'.repeat(32) } }));
    const response = await fetch(`${api.url}/graphql?extensions=${ext}&query=${encodeURIComponent('{ __typename }')}`);
    expect(response.status).toBe(400);
    const body = await response.json() as any;
    expect(body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
  });
});

describe('CORS', () => {
  test.each(['/graphql', '/map.geojson'])('the preflight of %s: 204 with methods, headers and a max-age, no body', async (route) => {
    const response = await fetch(`${api.url}${route}`, {
      method: 'OPTIONS',
      headers: { origin: FOREIGN, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type, authorization' },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('access-control-allow-methods')).toMatch(/GET/);
    expect(response.headers.get('access-control-allow-headers')).toMatch(/content-type/);
    expect(response.headers.get('access-control-allow-headers')).toMatch(/authorization/);
    expect(Number(response.headers.get('access-control-max-age'))).toBeGreaterThan(0);
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();
    expect(await response.text()).toBe('');
  });

  test('a plain GET ?query= with no custom header runs (no CSRF refusal)', async () => {
    const response = await fetch(`${api.url}/graphql?query=${encodeURIComponent('{ capitals(asOf: "2019-04-03") { totalCount } }')}`, { headers: { origin: FOREIGN } });
    expect(response.status).toBe(200);
    expect((await response.json() as any).data.capitals.totalCount).toBe(13);
  });

  test('a mutation by GET is refused (405): GET only reads', async () => {
    const response = await fetch(`${api.url}/graphql?query=${encodeURIComponent('mutation { __typename }')}`);
    expect(response.status).toBe(405);
  });
});

describe('HTTP caching and compression', () => {
  test('If-None-Match with the ETag gives 304 without a body; another body gets another tag', async () => {
    const url = `${api.url}/graphql?documentId=${documentId(operation('national-map'))}&variables=${encodeURIComponent(variables('national-map'))}`;
    const first = await rawGet(url);
    const etag = first.headers.etag as string;
    const again = await rawGet(url, { 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    expect(again.headers.etag).toBe(etag);
    expect(again.headers['cache-control']).toMatch(/max-age=\d+/);
    const other = await rawGet(url.replace('%2232%22', '%2244%22'));
    expect(other.headers.etag).not.toBe(etag);
  });

  test('a repeated public GET is answered from the response cache (Age header, same tag, no execution)', async () => {
    const url = `${api.url}/graphql?documentId=${documentId(operation('hierarchy-as-of'))}&variables=${encodeURIComponent(variables('hierarchy-as-of'))}`;
    const first = await rawGet(url);
    expect(first.status).toBe(200);
    const { statementCount } = await import('./support/app.js');
    const before = statementCount();
    const second = await rawGet(url);
    expect(statementCount()).toBe(before);
    expect(second.headers.age).toMatch(/^\d+$/);
    expect(second.headers.etag).toBe(first.headers.etag);
    expect(second.body.equals(first.body)).toBe(true);
    expect((await rawGet(url, { 'if-none-match': first.headers.etag as string })).status).toBe(304);
  });

  test('gzip and brotli by Accept-Encoding above 1 KB; the compressed tag revalidates too', async () => {
    const url = `${api.url}/graphql?documentId=${documentId(operation('national-map'))}&variables=${encodeURIComponent(variables('national-map'))}`;
    const plain = await rawGet(url);
    const br = await rawGet(url, { 'accept-encoding': 'br, gzip' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(br.body).equals(plain.body)).toBe(true);
    expect(br.body.length).toBeLessThan(plain.body.length / 3);
    expect(br.headers.vary).toMatch(/Accept-Encoding/);
    const gzip = await rawGet(url, { 'accept-encoding': 'gzip' });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzip.body).equals(plain.body)).toBe(true);
    expect(gzip.headers.etag).not.toBe(plain.headers.etag);
    expect((await rawGet(url, { 'accept-encoding': 'gzip', 'if-none-match': gzip.headers.etag as string })).status).toBe(304);
    const small = await rawGet(`${api.url}/graphql?query=${encodeURIComponent('{ __typename }')}`, { 'accept-encoding': 'gzip' });
    expect(small.headers['content-encoding']).toBeUndefined();
  });

  test('/map.geojson: cache headers, 304, gzip, GET/HEAD only', async () => {
    const url = `${api.url}/map.geojson?asOf=2019-06-01`;
    const first = await rawGet(url, { 'accept-encoding': 'gzip', origin: FOREIGN });
    expect(first.status).toBe(200);
    expect(first.headers['content-type']).toMatch(/application\/geo\+json/);
    expect(first.headers['content-encoding']).toBe('gzip');
    expect(first.headers['cache-control']).toBe('public, max-age=300, stale-while-revalidate=300');
    expect(first.headers['access-control-allow-origin']).toBe('*');
    expect(JSON.parse(gunzipSync(first.body).toString()).type).toBe('FeatureCollection');
    expect((await rawGet(url, { 'if-none-match': first.headers.etag as string })).status).toBe(304);
    const post = await fetch(url, { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toMatch(/GET, HEAD/);
    expect((await fetch(url, { method: 'HEAD' })).status).toBe(200);
  });

  test('answers to a request with a token are private, no-store, without ETag', async () => {
    const response = await fetch(`${api.url}/graphql?query=${encodeURIComponent('{ capitals { totalCount } }')}`, { headers: { authorization: 'Bearer mlg_nope' } });
    expect(response.status).toBe(401);
    expect(response.headers.get('cache-control')).toBe('private, no-store');
    expect(response.headers.get('etag')).toBeNull();
  });
});

describe('security headers', () => {
  test.each(['/graphql?query=%7B__typename%7D', '/map.geojson', '/health', '/nowhere'])('%s', async (route) => {
    const response = await fetch(`${api.url}${route}`);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(response.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
  });
});
