import { freshDatabaseUrl, startTestApi, type TestApi } from './support/app.js';
import type { Pool } from 'pg';
import { migrate, openOrm } from '../src/database/orm.js';
import { keyLookupPool, sql, sqlByKeys } from '../src/database/sql.js';
import { loadSyntheticNetwork, SYNTHETIC_COUNTS } from '../src/synthetic/synthetic-network.js';

/**
 * The national map and the hierarchy cost a number of SQL statements that does not depend on the
 * size of the network: the same queries on the synthetic network at scale 1 and scale 5 (5 times the
 * communities, associations, programmes…) must send exactly as many statements, under a stated bound.
 */
const AS_OF = '2024-01-01';
// Measured: map 2 (two set-based statements in parallel), nested 5, network 9 (one statement per
// relation and level, the ancestors' walk included, plus one for the end of the last sourced period:
// `network` reads the last confirmed state after it, issue 10), the community page 6. An ecosystem's
// names come in the row of the statement that reads it, a list page's included, and its labels with
// an ecosystem read by id or slug (src/ecosystems/ecosystem.loaders.ts): nested was 7, network 12 and
// the community page 9 before.
const BOUNDS = { map: 2, nested: 5, network: 9, community: 6 };

const MAP = `query Map($asOf: LocalDate) { nationalMap(asOf: $asOf) {
  points { name kind labelPath coordinates { latitude } }
  links { from { name coordinates { latitude longitude } } to { name coordinates { latitude longitude } } }
  geoJson
} }`;
const NESTED = `query Nested($asOf: LocalDate) { capitals(first: 100, asOf: $asOf) { nodes {
  name children(asOf: $asOf) { name carriers(asOf: $asOf) { name programmes { name } } }
} } }`;
/** The bench's community page (test/bench/run.ts): one community, its capital, carriers with programmes, its programmes and 20 latest events. */
const COMMUNITY = `query Community($asOf: LocalDate) { ecosystem(slug: "syn-community-0001") { name(asOf: $asOf) kind(asOf: $asOf)
  parent(asOf: $asOf) { name(asOf: $asOf) slug } carriers(asOf: $asOf) { name programmes { name } } programmes { name } events(first: 20) { name startsOn { text } } } }`;
const NETWORK = `query Network($asOf: LocalDate) { network(asOf: $asOf) { capitals { name children(asOf: $asOf) { name ancestors(asOf: $asOf) { name } } } } }`;

interface Scaled { scale: number; api: TestApi }
const scaled: Scaled[] = [];

beforeAll(async () => {
  for (const scale of [1, 5]) {
    const url = await freshDatabaseUrl(`scale${scale}`);
    const orm = await openOrm(url);
    try {
      await migrate(orm);
      await loadSyntheticNetwork(orm, scale, { searchIndex: false });
    } finally {
      await orm.close(true);
    }
    scaled.push({ scale, api: await startTestApi(url) });
  }
}, 120_000);
afterAll(async () => { await Promise.all(scaled.map((s) => s.api.stop())); });

/** Runs the query on each scale in turn (the statement counter is process-wide: never in parallel). */
async function measure(query: string) {
  const results = [];
  for (const { scale, api } of scaled) {
    await api.graphql(query, { asOf: AS_OF }); // warm-up: schema and prepared plans out of the count
    const { count, body } = await api.countStatements(query, { asOf: AS_OF });
    expect(body.errors).toBeUndefined();
    results.push({ scale, count, data: body.data });
  }
  return results;
}

describe('statement counts do not grow with the network (synthetic scale 1 vs 5)', () => {
  test(`nationalMap: same count at both scales, at most ${BOUNDS.map}, 5 times the communities`, async () => {
    const [one, five] = await measure(MAP);
    expect(one!.count).toBe(five!.count);
    expect(one!.count).toBeLessThanOrEqual(BOUNDS.map);

    const communities = (r: typeof one) => r!.data.nationalMap.points.filter((p: any) => p.kind === 'COMMUNITY').length;
    const hubs = (r: typeof one) => r!.data.nationalMap.points.filter((p: any) => p.kind === 'HUB').length;
    expect(communities(one)).toBe(SYNTHETIC_COUNTS.communities);
    expect(communities(five)).toBe(5 * SYNTHETIC_COUNTS.communities);
    // One hub per community plus a totem per capital.
    expect(hubs(five) - 13).toBe(5 * (hubs(one) - 13));
    expect(five!.data.nationalMap.links).toHaveLength(5 * one!.data.nationalMap.links.length);
    expect(one!.data.nationalMap.links).toHaveLength(SYNTHETIC_COUNTS.communities);
    // Root + 13 capitals + communities, then hubs: 1 + 13 + 100N + 13 + 100N.
    expect(one!.data.nationalMap.points).toHaveLength(1 + 13 + 100 + 13 + 100);
    expect(five!.data.nationalMap.points).toHaveLength(1 + 13 + 500 + 13 + 500);

    const community = one!.data.nationalMap.points.find((p: any) => p.kind === 'COMMUNITY' && p.coordinates);
    expect(community.labelPath).toHaveLength(3);
    expect(community.labelPath[0]).toBe('La French Tech');
    const geo = one!.data.nationalMap.geoJson;
    expect(geo.type).toBe('FeatureCollection');
    const withCoordinates = one!.data.nationalMap.points.filter((p: any) => p.coordinates).length;
    expect(geo.features.filter((f: any) => f.geometry.type === 'Point')).toHaveLength(withCoordinates);
    expect(withCoordinates).toBeLessThan(one!.data.nationalMap.points.length); // country-wide communities abroad have none
  });

  test(`capitals → communities → carriers → programmes: same count at both scales, at most ${BOUNDS.nested}`, async () => {
    const [one, five] = await measure(NESTED);
    // At scale 5 one level holds 2,000 associations: a loader capped by defineLoader's default
    // `maxBatchSize` (1,000) would split it into two statements; the loaders on this path use WIDE_BATCH.
    expect(five!.count).toBe(one!.count);
    expect(one!.count).toBeLessThanOrEqual(BOUNDS.nested);
    const programmes = (r: typeof one) => r!.data.capitals.nodes.flatMap((c: any) => c.children.flatMap((k: any) => k.carriers.flatMap((a: any) => a.programmes))).length;
    // Communities in France only (one in ten is abroad, under the root): 90 % of the programmes.
    expect(programmes(one)).toBe(0.9 * SYNTHETIC_COUNTS.programmes);
    expect(programmes(five)).toBe(5 * programmes(one));
  });

  test(`network { capitals { children { ancestors } } }: same count at both scales, at most ${BOUNDS.network}`, async () => {
    const [one, five] = await measure(NETWORK);
    expect(one!.count).toBe(five!.count);
    expect(one!.count).toBeLessThanOrEqual(BOUNDS.network);
    const children = (r: typeof one) => r!.data.network.capitals.flatMap((c: any) => c.children);
    expect(children(five)).toHaveLength(5 * children(one).length);
    expect(children(one)[0].ancestors.map((a: any) => a.name)).toEqual(['La French Tech', one!.data.network.capitals[0].name]);
  });

  test(`the community page: same count at both scales, at most ${BOUNDS.community}`, async () => {
    const [one, five] = await measure(COMMUNITY);
    expect(one!.count).toBe(five!.count);
    expect(one!.count).toBeLessThanOrEqual(BOUNDS.community);
    expect(one!.data.ecosystem.parent.slug).toMatch(/^syn-capital-/);
    expect(one!.data.ecosystem.carriers.length).toBeGreaterThan(0);
    expect(one!.data.ecosystem.events.length).toBeGreaterThan(0);
  });
});

/** The named statements prepared on every connection of a pool, with how PostgreSQL planned their runs. */
async function preparedStatements(pool: Pool) {
  // Every client of the pool held at once, so that each connection is asked once.
  const clients = await Promise.all(Array.from({ length: pool.totalCount }, () => pool.connect()));
  try {
    const lists = await Promise.all(clients.map((client) => client.query<{ statement: string; generic_plans: string; custom_plans: string }>(
      `select statement, generic_plans, custom_plans from pg_prepared_statements where name like 'm\\_%'`)));
    return lists.flatMap((list) => list.rows.map((row) => ({ statement: row.statement, generic: Number(row.generic_plans), custom: Number(row.custom_plans) })));
  } finally {
    for (const client of clients) client.release();
  }
}

describe('planning (src/database/sql.ts)', () => {
  test('key lookups are planned once per connection; lists are planned for their values', async () => {
    const { api } = scaled[0]!;
    const capitals = `{ capitals(first: 100) { nodes { slug } } }`;
    // More runs than PostgreSQL's five custom plans before it may choose a generic one by itself.
    for (let i = 0; i < 8; i++) {
      await api.data(COMMUNITY, { asOf: AS_OF });
      await api.data(capitals);
    }
    const lookups = await preparedStatements(await keyLookupPool(api.app.orm)!);
    // The community page's loaders: its ecosystem by slug, carriers, programmes, latest events…
    for (const table of ['from carrier c', 'from programme p', 'event_ecosystem x']) expect(lookups.some((s) => s.statement.includes(table))).toBe(true);
    expect(lookups.every((s) => s.custom === 0 && s.generic > 0)).toBe(true);

    const main = await preparedStatements(await api.app.orm.em.getConnection().getNativeClient());
    // The capitals list (date, kinds, limit) stays on the ORM's pool, where PostgreSQL plans its first
    // runs on each connection for their values (and may keep doing so).
    const list = main.filter((s) => s.statement.includes('l.kind = any($2::text[])'));
    expect(list.length).toBeGreaterThan(0);
    expect(list.reduce((sum, s) => sum + s.custom, 0)).toBeGreaterThanOrEqual(Math.min(5, list.reduce((sum, s) => sum + s.custom + s.generic, 0)));
    expect(main.some((s) => lookups.some((l) => l.statement === s.statement))).toBe(false);
  });
});

const TYPED = `select pg_backend_pid() as pid, timestamptz '2024-05-06 07:08:09+02' as at, date '2024-05-06' as day, $1::bigint as big, 1.50::numeric as amount, '{"a":1}'::jsonb as doc`;

describe('the key lookups of one tick (src/database/sql.ts)', () => {
  test('go out together on one connection; each keeps its own rows, types and error', async () => {
    const em = scaled[0]!.api.app.orm.em.fork();
    // Asked in the same tick, as the loaders of one level dispatch: without the pipelining each would
    // take a connection of its own from the pool.
    const [first, second, failing, typed] = [
      sqlByKeys<{ pid: number; n: number }>(em, 'select pg_backend_pid() as pid, $1::int as n', [1]),
      sqlByKeys<{ pid: number; n: number }>(em, 'select pg_backend_pid() as pid, $1::int as n', [2]),
      sqlByKeys<{ ratio: number }>(em, 'select 1 / $1::int as ratio', [0]),
      sqlByKeys<Record<string, unknown>>(em, TYPED, [3]),
    ];
    await expect(failing).rejects.toThrow('division by zero');
    const [a, b, c] = [(await first)[0]!, (await second)[0]!, (await typed)[0]!];
    expect([a.n, b.n]).toEqual([1, 2]);
    expect(new Set([a.pid, b.pid, c.pid]).size).toBe(1);
    // Rows parsed as for any other statement (the ORM pool's type parsers).
    const [{ pid: _pid, ...direct }] = await sql<Record<string, unknown>>(em, TYPED, [3]) as [Record<string, unknown>];
    expect(Object.fromEntries(Object.entries(c).filter(([k]) => k !== 'pid'))).toEqual(direct);
    // The next tick's lookups go out as a new batch, which the failure above did not disturb.
    expect((await sqlByKeys<{ n: number }>(em, 'select $1::int as n', [4]))[0]!.n).toBe(4);
  });
});
