import { freshDatabaseUrl, startTestApi, type TestApi } from './support/app.js';
import { migrate, openOrm } from '../src/database/orm.js';

let api: TestApi;
beforeAll(async () => { api = await startTestApi(); });
afterAll(async () => { await api?.stop(); });

describe('invalid arguments get BAD_USER_INPUT naming the argument', () => {
  test.each([
    ['first: 0', '{ capitals(first: 0) { totalCount } }', /Argument "first": must be between 1 and 100 \(got 0\)/],
    ['first: 500', '{ capitals(first: 500) { totalCount } }', /Argument "first": must be between 1 and 100 \(got 500\)/],
    ['a malformed ID', '{ node(id: "not-an-id") { id } }', /Argument "id": "not-an-id" is not a maillage ID/],
    ['a foreign cursor', '{ capitals(after: "bm9wZQ") { totalCount } }', /Argument "after": "bm9wZQ" is not a cursor of this list/],
    ['a malformed region code', '{ ecosystems(filter: { regionCode: "Grand Est" }) { totalCount } }', /Argument "filter.regionCode": "Grand Est" is not an INSEE region code/],
  ])('%s (executed: HTTP 200, data null for the field)', async (_label, query, message) => {
    const { status, body } = await api.graphql(query);
    expect(status).toBe(200);
    expect(body.errors).toHaveLength(1);
    expect(body.errors![0].message).toMatch(message);
    expect(body.errors![0].extensions.code).toBe('BAD_USER_INPUT');
  });

  test.each([
    ['an unknown enum value', '{ ecosystems(filter: { kinds: [CAPITOL] }) { totalCount } }', /CAPITOL/],
    ['a malformed date literal', '{ capitals(asOf: "2019-13-45") { totalCount } }', /2019-13-45|LocalDate/],
  ])('%s (rejected before execution: HTTP 400)', async (_label, query, message) => {
    const { status, body } = await api.graphql(query);
    expect(status).toBe(400);
    expect(body.errors![0].message).toMatch(message);
    expect(body.errors![0].extensions.code).toBe('BAD_USER_INPUT');
  });

  test('a malformed date in variables is a request error naming the variable (HTTP 400)', async () => {
    const { status, body } = await api.graphql('query ($asOf: LocalDate) { capitals(asOf: $asOf) { totalCount } }', { asOf: '3 avril 2019' });
    expect(status).toBe(400);
    expect(body.errors![0].message).toMatch(/\$asOf/);
    expect(body.errors![0].extensions.code).toBe('BAD_USER_INPUT');
  });

  test('an unknown but well-formed ID gives null, not an error', async () => {
    const id = Buffer.from('Ecosystem:00000000-0000-4000-8000-000000000000').toString('base64url');
    const { body } = await api.graphql('query ($id: ID!) { node(id: $id) { id } }', { id });
    expect(body.errors).toBeUndefined();
    expect(body.data.node).toBeNull();
  });

  test('a global ID fetches its object again through node()', async () => {
    const { body } = await api.graphql('{ ecosystem(slug: "french-tech-east") { id } }');
    const again = await api.graphql('query ($id: ID!) { node(id: $id) { id ... on Ecosystem { slug } } }', { id: body.data.ecosystem.id });
    expect(again.body.data.node).toEqual({ id: body.data.ecosystem.id, slug: 'french-tech-east' });
  });
});

describe('operations endpoints', () => {
  test('/health and /ready answer', async () => {
    expect(await (await fetch(`${api.url}/health`)).json()).toEqual({ status: 'ok' });
    expect(await (await fetch(`${api.url}/ready`)).json()).toEqual({ status: 'ready' });
  });

  test('every response carries a request id, echoed when the client sends one', async () => {
    const response = await fetch(`${api.url}/health`, { headers: { 'x-request-id': 'abc-123' } });
    expect(response.headers.get('x-request-id')).toBe('abc-123');
    expect((await fetch(`${api.url}/health`)).headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('in production', () => {
  test('internal errors reach clients as a generic error without a stack trace', async () => {
    // A database whose label table is gone: the query fails inside the server, not because of the client.
    const url = await freshDatabaseUrl('broken');
    const orm = await openOrm(url);
    await migrate(orm);
    await orm.em.fork().getConnection().execute('drop table label cascade');
    await orm.close(true);
    const production = await startTestApi(url, { production: true });
    try {
      const { body } = await production.graphql('{ capitals { totalCount } }');
      expect(body.errors![0]).toMatchObject({ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } });
      expect(JSON.stringify(body)).not.toMatch(/stacktrace|at .*\.js|kysely|pool/i);
    } finally {
      await production.stop().catch(() => undefined);
    }
  });
});
