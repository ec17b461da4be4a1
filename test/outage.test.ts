import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { pino } from 'pino';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../src/database/embedded-postgres.js';
import { migrate, openOrm } from '../src/database/orm.js';
import { createToken } from '../src/auth/tokens.js';
import { startApp, type RunningApp } from '../src/server/app.js';

/**
 * PostgreSQL stopped (immediate shutdown) under a load of reads and writes, then started again, on a
 * server of this test's own: every request meanwhile gets 503 + Retry-After + SERVICE_UNAVAILABLE
 * (with a token too), the outage is logged once and its end once, and every mutation the API
 * acknowledged is in the database afterwards.
 */
let dir: string;
let database: EmbeddedDatabase;
let app: RunningApp;
let token: string;
const logLines: Array<{ level: number; msg: string }> = [];

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'maillage-outage-'));
  await chmod(dir, 0o755); // as root, PostgreSQL runs as another user
  database = await startEmbeddedPostgres({ dataDir: path.join(dir, 'pg'), port: 0, persistent: false, databaseName: 'outage', log: () => undefined });
  const orm = await openOrm(database.url);
  try {
    await migrate(orm);
    token = (await createToken(orm.em.fork(), { name: 'outage writer', role: 'editor' })).token;
  } finally {
    await orm.close(true);
  }
  const logger = pino({ level: 'info' }, { write: (line: string) => void logLines.push(JSON.parse(line)) });
  app = await startApp({ databaseUrl: database.url, port: 0, host: '127.0.0.1', production: true, logger, seedIfEmpty: false });
}, 60_000);

afterAll(async () => {
  await app?.stop();
  await database?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function post(body: unknown, withToken: boolean) {
  const response = await fetch(`${app.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(withToken ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  return { status: response.status, retryAfter: response.headers.get('retry-after'), body: (await response.json()) as any };
}

test('PostgreSQL stopped under load: 503 with Retry-After for every request, one log line each way, no acknowledged write lost', async () => {
  const acknowledged: string[] = [];
  const unexpected: unknown[] = [];
  const unavailable = { reads: 0, writes: 0 };
  let running = true;

  const isUnavailable = (r: Awaited<ReturnType<typeof post>>) =>
    r.status === 503 && r.retryAfter === '2' && r.body.errors?.[0]?.extensions?.code === 'SERVICE_UNAVAILABLE' && !('stacktrace' in (r.body.errors[0].extensions ?? {}));

  const writer = async (w: number) => {
    for (let n = 0; running; n++) {
      const slug = `outage-${w}-${n}`;
      const r = await post({ query: `mutation($input: SourceCreateInput!) { sourceCreate(input: $input) { source { slug } userErrors { message } } }`,
        variables: { input: { slug, title: 'Outage test', publisher: 'Test', kind: 'PRESS_ARTICLE', url: `https://example.org/${slug}` } } }, true);
      if (r.status === 200 && r.body.data?.sourceCreate?.source?.slug === slug) acknowledged.push(slug);
      else if (isUnavailable(r)) { unavailable.writes++; await delay(20); }
      else unexpected.push(r);
    }
  };
  const reader = async () => {
    while (running) {
      const r = await post({ query: '{ sources(first: 5) { totalCount nodes { slug } } }' }, false);
      if (r.status === 200 && typeof r.body.data?.sources?.totalCount === 'number') continue;
      if (isUnavailable(r)) { unavailable.reads++; await delay(20); } else unexpected.push(r);
    }
  };
  const load = [0, 1, 2, 3].map(writer).concat([reader(), reader()]);

  const until = async (condition: () => boolean, ms: number) => {
    for (const end = Date.now() + ms; !condition(); await delay(20)) expect(Date.now()).toBeLessThan(end);
  };
  await until(() => acknowledged.length >= 8, 15_000);
  const before = acknowledged.length;
  await database.stop('immediate');
  await delay(500);

  // During the outage: with and without a token, GraphQL, the map and /ready.
  expect(isUnavailable(await post({ query: '{ sources(first: 1) { totalCount } }' }, false))).toBe(true);
  expect(isUnavailable(await post({ query: '{ auditTrail(first: 1) { nodes { at } } }' }, true))).toBe(true);
  expect((await fetch(`${app.url}/ready`)).status).toBe(503);
  const map = await fetch(`${app.url}/map.geojson`);
  expect(map.status).toBe(503);
  expect(map.headers.get('retry-after')).toBe('2');
  expect((await fetch(`${app.url}/health`)).status).toBe(200);
  await delay(1500);

  await database.restart();
  const restartedAt = Date.now();
  while (!(await post({ query: '{ sources(first: 1) { totalCount } }' }, false).then((r) => r.status === 200))) {
    expect(Date.now() - restartedAt).toBeLessThan(5000);
    await delay(50);
  }
  expect((await fetch(`${app.url}/ready`)).status).toBe(200);
  await until(() => acknowledged.length >= before + 8, 15_000);
  running = false;
  await Promise.all(load);

  expect(unexpected).toEqual([]);
  expect(before).toBeGreaterThan(0);
  expect(acknowledged.length).toBeGreaterThan(before);
  expect(unavailable.reads + unavailable.writes).toBeGreaterThan(0);

  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    const { rows } = await client.query<{ slug: string }>('select slug from source where slug = any($1)', [acknowledged]);
    expect(rows.length).toBe(acknowledged.length);
  } finally {
    await client.end();
  }

  // Transactions cut by the outage gave their pool slots back (kysely keeps them otherwise).
  await delay(1500);
  const pool: any = await app.orm.em.getConnection().getNativeClient();
  await post({ query: '{ sources(first: 1) { totalCount } }' }, false);
  expect(pool.totalCount - pool.idleCount).toBe(0);

  const messages = logLines.map((l) => l.msg);
  expect(messages.filter((m) => m.startsWith('database unavailable'))).toHaveLength(1);
  expect(messages.filter((m) => m === 'database available again')).toHaveLength(1);
  // Nothing else at error level: no stack per failed request.
  expect(logLines.filter((l) => l.level >= 50)).toHaveLength(1);
}, 60_000);
