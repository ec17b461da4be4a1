import { Writable } from 'node:stream';
import { pino } from 'pino';
import { createToken } from '../src/auth/tokens.js';
import { migrate, openOrm } from '../src/database/orm.js';
import { loadSeeds } from '../src/seeding/load-seeds.js';
import { startApp, type RunningApp } from '../src/server/app.js';
import { freshDatabaseUrl } from './support/app.js';

/**
 * The inputs a fuzzer found reaching the database (issue 7): each is now the client's error, named,
 * without database text or the input echoed back, and nothing is logged as a server error.
 */
let app: RunningApp;
let editor: Record<string, string>;
const logged: { level: number; msg: string }[] = [];

beforeAll(async () => {
  const url = await freshDatabaseUrl('input');
  const orm = await openOrm(url);
  await migrate(orm);
  await loadSeeds(orm);
  editor = { authorization: `Bearer ${(await createToken(orm.em.fork(), { name: 'Fuzz editor', role: 'editor' })).token}` };
  await orm.close(true);
  const sink = new Writable({ write(chunk, _encoding, done) { for (const line of String(chunk).split('\n').filter(Boolean)) logged.push(JSON.parse(line)); done(); } });
  app = await startApp({ databaseUrl: url, port: 0, host: '127.0.0.1', production: true, logger: pino({ level: 'info' }, sink), seedIfEmpty: false });
}, 120_000);
afterAll(async () => { await app?.stop(); });

async function post(query: string, variables?: Record<string, unknown>, headers: Record<string, string> = {}) {
  const response = await fetch(`${app.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }) });
  const text = await response.text();
  return { status: response.status, text, body: JSON.parse(text) as { data?: any; errors?: any[] } };
}

const serverErrors = () => logged.filter((l) => l.level >= 50);

describe('bad input is the client\'s error', () => {
  test.each([
    ['asOf 0000-01-01 as a literal', '{ capitals(asOf: "0000-01-01") { totalCount } }', undefined, 'asOf', /out of range/],
    ['asOf 0000-01-01 in a variable', 'query ($d: LocalDate) { nationalMap(asOf: $d) { asOf } }', { d: '0000-01-01' }, 'asOf', /out of range/],
    ['a NUL byte in a slug', 'query ($s: String!) { ecosystem(slug: $s) { name } }', { s: 'french-tech\u0000lille' }, 'slug', /NUL/],
    ['a NUL byte in a search', 'query ($q: String!) { search(query: $q) { score } }', { q: 'numérique\u0000' }, 'query', /NUL/],
    ['a NUL byte in a filter', '{ ecosystems(filter: { regionCode: "3\\u00002" }) { totalCount } }', undefined, 'filter.regionCode', /NUL/],
    ['a 90 KB cursor', 'query ($c: String) { capitals(after: $c) { totalCount } }', { c: 'x'.repeat(90_000) }, 'after', /not a cursor/],
  ])('%s: HTTP 400, BAD_USER_INPUT naming the argument, short answer', async (_label, query, variables, argument, reason) => {
    const before = serverErrors().length;
    const { status, body, text } = await post(query, variables);
    expect(status).toBe(400);
    expect(body.errors![0].extensions.code).toBe('BAD_USER_INPUT');
    expect(body.errors![0].extensions.argumentName).toBe(argument);
    expect(body.errors![0].message).toMatch(new RegExp(`^Argument "${argument.replace('.', '\\.')}": `));
    expect(body.errors![0].message).toMatch(reason);
    expect(text.length).toBeLessThan(1000);
    expect(text).not.toMatch(/postgres|SQLSTATE|relation|constraint|stacktrace/i);
    expect(serverErrors().length).toBe(before);
  });

  test('a duplicate figureCreate: a user error on the figure\'s own field, no database text', async () => {
    const create = () => post(`mutation { figureCreate(input: { subject: { ecosystem: "french-tech-littoral-hauts-de-france" }, metric: "startups", value: 42,
      asOf: "2025", sources: ["article-littoral-hdf-2019"] }) { figure { id } userErrors { field message code } } }`, undefined, editor);
    const first = await create();
    expect(first.body.data.figureCreate.userErrors).toEqual([]);
    const before = serverErrors().length;
    const again = await create();
    expect(again.status).toBe(200);
    expect(again.body.data.figureCreate.figure).toBeNull();
    const [error] = again.body.data.figureCreate.userErrors;
    expect(error.field).toEqual(['subject']);
    expect(error.message).toMatch(/already exists/);
    expect(again.text).not.toMatch(/Key \(|figure_key_key|duplicate key/);
    expect(serverErrors().length).toBe(before);
  });

  test('a persisted-query hash that is not the query\'s: 400 BAD_USER_INPUT, not logged', async () => {
    const before = serverErrors().length;
    const response = await fetch(`${app.url}/graphql`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }', extensions: { persistedQuery: { version: 1, sha256Hash: 'f'.repeat(64) } } }),
    });
    expect(response.status).toBe(400);
    expect((await response.json() as any).errors[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', argumentName: 'extensions.persistedQuery.sha256Hash' } });
    expect(serverErrors().length).toBe(before);
  });

  test('in production a client error carries no stack trace and no absolute path', async () => {
    const { text } = await post('{ capitals(first: 500) { totalCount } }');
    expect(text).toMatch(/BAD_USER_INPUT/);
    expect(text).not.toMatch(/stacktrace|\/work\/|\/root\/|node_modules/);
  });
});
