import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { request as httpRequest } from 'node:http';
import { PROJECT_ROOT } from '../src/shared/project-root.js';
import { openOrm, migrate } from '../src/database/orm.js';
import { readEdgeConfig } from '../src/edge/config.js';
import { loadSyntheticNetwork } from '../src/synthetic/synthetic-network.js';
import { startApp } from '../src/server/app.js';
import { createLogger } from '../src/server/logger.js';
import { frenchGeographyInMemory } from '../src/seeding/geography.js';
import { placesInMemory } from '../src/seeding/places.js';
import { freshDatabaseUrl, startTestApi, type TestApi } from './support/app.js';

let api: TestApi;
beforeAll(async () => { api = await startTestApi(); });
afterAll(async () => { await api?.stop(); });

const LIMIT = readEdgeConfig({}).maxCost;
const OPERATIONS = path.join(PROJECT_ROOT, 'schema', 'operations');

/** The shapes of issue 7 that held the server. */
const SHAPES = {
  // 217 bytes in the original report: descendants { ancestors { … } } 4 levels deep inside ecosystems(first: 100).
  descendantsAncestors: '{ ecosystems(first: 100) { nodes { descendants { ancestors { descendants { ancestors { descendants { ancestors { descendants { ancestors { name slug } } } } } } } } } } }',
  // 157 bytes: network { root { children { parent { … } } } } 4 levels deep.
  rootChildrenParent: '{ network { root { children { parent { children { parent { children { parent { children { parent { name } } } } } } } } } } }',
  aliases50: `{ ${Array.from({ length: 50 }, (_, i) => `m${i}: nationalMap { points { slug name coordinates { latitude longitude } } geoJson }`).join(' ')} }`,
  aliases1000: `{ ${Array.from({ length: 1000 }, (_, i) => `m${i}: nationalMap { points { slug } }`).join(' ')} }`,
};

describe('every documented operation runs under the limits and reports its cost', () => {
  const files = readdirSync(OPERATIONS).filter((f) => f.endsWith('.graphql'));
  test.each(files)('%s', async (file) => {
    const query = readFileSync(path.join(OPERATIONS, file), 'utf8');
    const variables = JSON.parse(readFileSync(path.join(OPERATIONS, file.replace('.graphql', '.variables.json')), 'utf8'));
    const { status, body } = await api.graphql(query, variables);
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect((body as any).extensions.cost).toEqual({ requested: expect.any(Number), limit: LIMIT });
    expect((body as any).extensions.cost.requested).toBeLessThanOrEqual(LIMIT / 2);
  });
});

describe('refused before execution', () => {
  test.each(Object.entries(SHAPES))('%s: HTTP 400, a code and a message with the cost and the limit; memory stays flat', async (_name, query) => {
    const heap = process.memoryUsage().heapUsed;
    const started = performance.now();
    const { status, body } = await api.graphql(query);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(status).toBe(400);
    const error = body.errors![0];
    expect(['COST_LIMIT_EXCEEDED', 'GRAPHQL_VALIDATION_FAILED', 'GRAPHQL_PARSE_FAILED']).toContain(error.extensions.code);
    if (error.extensions.code === 'COST_LIMIT_EXCEEDED') {
      expect(error.message).toMatch(new RegExp(`^Query cost \\d+ exceeds the limit of ${LIMIT}`));
      expect(error.extensions.cost.requested).toBeGreaterThan(LIMIT);
      expect((body as any).extensions.cost.limit).toBe(LIMIT);
    }
    expect(body.data).toBeUndefined();
    expect(process.memoryUsage().heapUsed - heap).toBeLessThan(64 * 1024 * 1024);
  });

  test('the 50 nationalMap aliases are refused by cost, naming it', async () => {
    const { body } = await api.graphql(SHAPES.aliases50);
    expect(body.errors![0].extensions.code).toBe('COST_LIMIT_EXCEEDED');
    expect(body.errors![0].message).toMatch(/^Query cost 1250\d{3} exceeds the limit of 100000/);
  });

  test('two national maps in one request are under the limit', async () => {
    const { status, body } = await api.graphql('{ a: nationalMap(asOf: "2019-06-01") { points { slug } } b: nationalMap(asOf: "2023-06-01") { points { slug } } }');
    expect(status).toBe(200);
    expect(body.data.a.points.length).toBeGreaterThan(10);
  });

  test('depth, aliases, directives, tokens and body size have their own clear errors', async () => {
    const deep = await api.graphql(`{ ecosystem(slug: "french-tech-lille") { ${'parent { '.repeat(12)}name${' }'.repeat(12)} } }`);
    expect(deep.status).toBe(400);
    expect(deep.body.errors![0].message).toMatch(/depth limit of 12 exceeded/);
    const aliases = await api.graphql(`{ ${Array.from({ length: 51 }, (_, i) => `t${i}: capitals { totalCount }`).join(' ')} }`);
    expect(aliases.body.errors![0].message).toMatch(/Aliases limit of 50 exceeded/);
    const directives = await api.graphql(`{ __typename ${'@include(if: true) '.repeat(21)} }`);
    expect(directives.body.errors![0].message).toMatch(/Directives limit of 20 exceeded/);
    const tokens = await api.graphql(`{ ${'__typename '.repeat(5001)} }`);
    expect(tokens.body.errors![0].message).toMatch(/more tha[nt] 5000 tokens/);
    const big = await fetch(`${api.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: `{ __typename } #${'x'.repeat(200_000)}` }) });
    expect(big.status).toBe(413);
    expect((await big.json() as any).errors[0].message).toMatch(/larger than 102400 bytes/);
  });

  test('introspection is not counted as deep (GraphiQL\'s query runs)', async () => {
    const { status, body } = await api.graphql('{ __schema { types { name fields { name type { name ofType { name ofType { name ofType { name ofType { name ofType { name ofType { name } } } } } } } } } } }');
    expect(status).toBe(200);
    expect(body.data.__schema.types.length).toBeGreaterThan(50);
  });
});

describe('rate limits', () => {
  let limited: TestApi;
  beforeAll(async () => { limited = await startTestApi(undefined, { edge: { ratePoints: 400, tokenRatePoints: 4000, rateWindowSeconds: 60, redisUrl: undefined } }); });
  afterAll(async () => { await limited?.stop(); });

  test('points are spent by cost, shown in RateLimit headers; when spent: 429, Retry-After, RATE_LIMITED', async () => {
    const query = '{ ecosystem(slug: "french-tech-lille") { name children { slug } } }'; // cost 1 + 30 = 31
    const post = () => fetch(`${limited.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
    const first = await post();
    expect(first.status).toBe(200);
    const cost = (await first.json() as any).extensions.cost.requested;
    expect(first.headers.get('ratelimit-policy')).toBe('400;w=60');
    expect(first.headers.get('ratelimit')).toMatch(new RegExp(`^limit=400, remaining=${400 - cost}, reset=\\d+$`));
    let response = first;
    for (let i = 0; i < 20 && response.status === 200; i++) response = await post();
    expect(response.status).toBe(429);
    expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(response.headers.get('ratelimit')).toMatch(/remaining=0/);
    const body = await response.json() as any;
    expect(body.errors[0].extensions.code).toBe('RATE_LIMITED');
    expect(body.errors[0].message).toMatch(/spent its 400 points/);
    // /map.geojson spends from the same window
    expect((await fetch(`${limited.url}/map.geojson`)).status).toBe(429);
  });
});

describe('time limits', () => {
  let url: string;
  let blocker: pg.Client;
  beforeAll(async () => {
    // A database of our own: its tables get locked to make a request wait inside PostgreSQL.
    url = await freshDatabaseUrl('deadline');
    const orm = await openOrm(url);
    await migrate(orm);
    await orm.close(true);
    blocker = new pg.Client({ connectionString: url });
    await blocker.connect();
  });
  afterAll(async () => { await blocker?.end(); });

  /**
   * Statements of other connections to this database running or waiting for the lock (a statement
   * blocked while being parsed shows as 'idle' with a Lock wait).
   */
  const running = async () => (await blocker.query(
    `select count(*)::int as n from pg_stat_activity
     where datname = current_database() and pid <> pg_backend_pid()
       and (wait_event_type = 'Lock' or (state = 'active' and coalesce(wait_event_type, '') <> 'Client'))`,
  )).rows[0].n as number;

  test('the deadline answers 503 REQUEST_TIMEOUT and cancels the waiting statement; the pool stays usable', async () => {
    const slow = await startTestApi(url, { edge: { requestTimeoutMs: 400 } });
    try {
      await blocker.query('begin; lock table ecosystem in access exclusive mode');
      const started = performance.now();
      const { status, body } = await slow.graphql('{ capitals { totalCount } }');
      expect(performance.now() - started).toBeLessThan(1500);
      expect(status).toBe(503);
      expect(body.errors![0]).toMatchObject({ extensions: { code: 'REQUEST_TIMEOUT' } });
      expect(body.errors![0].message).toMatch(/longer than 400 ms/);
      await waitFor(async () => (await running()) === 0);
      await blocker.query('rollback');
      expect((await slow.graphql('{ capitals { totalCount } }')).status).toBe(200);
    } finally {
      await blocker.query('rollback').catch(() => undefined);
      await slow.stop();
    }
  });

  test('a client that leaves stops its request: the statement is cancelled within a second', async () => {
    const app = await startTestApi(url);
    try {
      await blocker.query('begin; lock table ecosystem in access exclusive mode');
      const body = JSON.stringify({ query: '{ capitals { totalCount } }' });
      const request = httpRequest(`${app.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } });
      request.on('error', () => undefined);
      request.end(body);
      await waitFor(async () => (await running()) > 0);
      request.destroy(); // the client gives up
      const left = performance.now();
      await waitFor(async () => (await running()) === 0);
      expect(performance.now() - left).toBeLessThan(1000);
      await blocker.query('rollback');
      expect((await app.graphql('{ capitals { totalCount } }')).status).toBe(200);
    } finally {
      await blocker.query('rollback').catch(() => undefined);
      await app.stop();
    }
  });

  test('clients leaving while every pool connection is busy: each statement is cancelled and the next request is answered', async () => {
    // Each cancel needs a connection of its own: taken from the request pool, all the cancels waited
    // for connections held by the very statements they were to cancel, and the server stopped answering.
    const previous = process.env.DATABASE_POOL_SIZE;
    process.env.DATABASE_POOL_SIZE = '1';
    const app = await startTestApi(url);
    if (previous === undefined) delete process.env.DATABASE_POOL_SIZE;
    else process.env.DATABASE_POOL_SIZE = previous;
    try {
      await blocker.query('begin; lock table ecosystem in access exclusive mode');
      const requests = Array.from({ length: 12 }, (_, i) => {
        const body = JSON.stringify({ query: `query Leaving${i} { capitals { totalCount } }` }); // distinct: no single flight
        const request = httpRequest(`${app.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } });
        request.on('error', () => undefined);
        request.end(body);
        return request;
      });
      await waitFor(async () => (await running()) >= 1); // the pool's only connection waits on the lock
      for (const request of requests) request.destroy();
      await waitFor(async () => (await running()) === 0);
      await blocker.query('rollback');
      const started = performance.now();
      const { status } = await app.graphql('{ capitals { totalCount } }');
      expect(status).toBe(200);
      expect(performance.now() - started).toBeLessThan(2000);
    } finally {
      await blocker.query('rollback').catch(() => undefined);
      await app.stop();
    }
  });

  test('statement_timeout fires inside a request: a clear STATEMENT_TIMEOUT error, the connection back in the pool', async () => {
    const previous = process.env.DATABASE_STATEMENT_TIMEOUT_MS;
    process.env.DATABASE_STATEMENT_TIMEOUT_MS = '300';
    const app = await startTestApi(url, { production: true });
    if (previous === undefined) delete process.env.DATABASE_STATEMENT_TIMEOUT_MS;
    else process.env.DATABASE_STATEMENT_TIMEOUT_MS = previous;
    try {
      await blocker.query('begin; lock table ecosystem in access exclusive mode');
      const { body } = await app.graphql('{ capitals { totalCount } }');
      expect(body.errors![0]).toMatchObject({ extensions: { code: 'STATEMENT_TIMEOUT' } });
      expect(JSON.stringify(body)).not.toMatch(/canceling statement|57014/);
      await blocker.query('rollback');
      expect((await app.graphql('{ capitals { totalCount } }')).body.errors).toBeUndefined();
    } finally {
      await blocker.query('rollback').catch(() => undefined);
      await app.stop();
    }
  });

  test('the first start loads the seeds even when one of its statements outlasts statement_timeout', async () => {
    // The search index and the 35,000 communes take far longer than 100 ms: a first start on the
    // serving connections failed with "canceling statement due to statement timeout".
    const previous = process.env.DATABASE_STATEMENT_TIMEOUT_MS;
    process.env.DATABASE_STATEMENT_TIMEOUT_MS = '100';
    try {
      const app = await startApp({ databaseUrl: await freshDatabaseUrl('first_start_timeout'), port: 0, host: '127.0.0.1', production: true, logger: createLogger('silent'), seedIfEmpty: true });
      try {
        const response = await fetch(`${app.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ hub(slug: "euratechnologies") { name } }' }) });
        expect(((await response.json()) as { data: unknown }).data).toEqual({ hub: { name: 'EuraTechnologies' } });
        // The datasets the load read (communes, places) are let go: a serving process that seeded
        // its database kept ~90 MB more heap for good.
        expect({ geography: frenchGeographyInMemory(), places: placesInMemory() }).toEqual({ geography: false, places: false });
      } finally {
        await app.stop();
      }
    } finally {
      if (previous === undefined) delete process.env.DATABASE_STATEMENT_TIMEOUT_MS;
      else process.env.DATABASE_STATEMENT_TIMEOUT_MS = previous;
    }
  }, 180_000);

  test('statement_timeout bounds any statement of the server\'s pool', async () => {
    const orm = await openOrm(url, { driverOptions: { statement_timeout: 200 } });
    try {
      const pool = await orm.em.getConnection().getNativeClient() as unknown as pg.Pool;
      await expect(pool.query('select pg_sleep(2)')).rejects.toThrow(/statement timeout/);
      expect((await pool.query('select 1 as one')).rows[0].one).toBe(1);
    } finally {
      await orm.close(true);
    }
  });
});

async function waitFor(check: () => Promise<boolean>, timeoutMs = 3000, what = check.toString()): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`not met in time: ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('admission by cost', () => {
  let url: string;
  let blocker: pg.Client;
  beforeAll(async () => {
    // A database of our own with a network to walk (the synthetic one): a table of it gets locked.
    url = await freshDatabaseUrl('admission');
    const orm = await openOrm(url);
    await migrate(orm);
    await loadSyntheticNetwork(orm, 1, { searchIndex: false });
    await orm.close(true);
    blocker = new pg.Client({ connectionString: url });
    await blocker.connect();
  }, 120_000);
  afterAll(async () => { await blocker?.end(); });

  /**
   * Statements of other connections to this database waiting for a lock. The blocker asks from inside
   * its transaction, where PostgreSQL keeps the first view of pg_stat_activity until the transaction
   * ends: the snapshot is cleared first, or a poll made before the statement arrived would be the
   * answer of every later poll.
   */
  const waitingOnLocks = async () => (await blocker.query('select pg_stat_clear_snapshot()'), await blocker.query(
    `select count(*)::int as n from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid() and wait_event_type = 'Lock'`,
  )).rows[0].n as number;

  test('costly operations beyond the budget wait before they run; light ones are answered meanwhile', async () => {
    const app = await startTestApi(url, { edge: { concurrentCost: 30_000 } });
    const operations = path.join(PROJECT_ROOT, 'schema', 'operations');
    try {
      await blocker.query('begin; lock table carrier in access exclusive mode');
      // 17,026 points: the nested map reads capitals, their children, then their carriers (locked).
      const nested = app.graphql('{ capitals(first: 100) { nodes { name children { name carriers { name programmes { name } } } } } }');
      await waitFor(async () => (await waitingOnLocks()) === 1);
      // 25,006 points, and no carrier: with room for both (a budget of 100,000) it is answered at once.
      const map = app.graphql(readFileSync(path.join(operations, 'national-map.graphql'), 'utf8'), JSON.parse(readFileSync(path.join(operations, 'national-map.variables.json'), 'utf8')));
      const light = await app.graphql('{ capitals(first: 3) { nodes { name } } }');
      expect(light.body.data.capitals.nodes).toHaveLength(3);
      const early = await Promise.race([map.then(() => 'answered'), new Promise((resolve) => setTimeout(resolve, 1000, 'waiting'))]);
      expect(early).toBe('waiting');
      await blocker.query('rollback');
      for (const answer of [await nested, await map]) expect(answer.body.errors).toBeUndefined();
    } finally {
      await blocker.query('rollback').catch(() => undefined);
      await app.stop();
    }
  });
});

describe('an operation that comes back (src/edge/document-memo.ts)', () => {
  // The same text each time: Apollo hands the requests one parsed document, whose analyses are kept.
  const LIST = `query List($first: Int) { ecosystems(first: $first) { nodes { name carriers { name } } } }
    query Map { nationalMap { points { slug } } }`;
  const costOf = async (variables: Record<string, unknown>, operationName: string) => {
    const response = await fetch(`${api.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: LIST, variables, operationName }) });
    expect(response.status).toBe(200);
    return ((await response.json()) as { extensions: { cost: { requested: number } } }).extensions.cost.requested;
  };

  test('is costed for its own variables and operation', async () => {
    const few = await costOf({ first: 2 }, 'List');
    const many = await costOf({ first: 90 }, 'List');
    expect(many).toBeGreaterThan(few);
    expect(await costOf({ first: 2 }, 'List')).toBe(few);
    expect(await costOf({}, 'Map')).not.toBe(few);
  });

  test('is checked for its own variables: a NUL after clean values is still refused, and clean ones pass after it', async () => {
    const query = 'query ($s: String!) { ecosystem(slug: $s) { name } }';
    expect((await api.graphql(query, { s: 'nowhere' })).status).toBe(200);
    const refused = await api.graphql(query, { s: 'now\u0000here' });
    expect(refused.status).toBe(400);
    expect(refused.body.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    expect((await api.graphql(query, { s: 'nowhere' })).status).toBe(200);
    expect((await api.graphql(query, { s: 'now\u0000here' })).status).toBe(400);
  });
});
