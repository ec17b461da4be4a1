import { randomUUID } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import { migrate, openOrm } from '../src/database/orm.js';
import { loadSeeds } from '../src/seeding/load-seeds.js';
import { sql } from '../src/database/sql.js';
import { createToken } from '../src/auth/tokens.js';
import { recordChange } from '../src/audit/record-change.js';
import { RequestContext } from '../src/graphql/context.js';
import { toGlobalId } from '../src/graphql/global-id.js';
import { freshDatabaseUrl, startTestApi, statementCount, type TestApi } from './support/app.js';

/** The audit trail as the mutations will fill it (through recordChange), read back through `auditTrail`. */
let orm: MikroORM;
let api: TestApi;
let viewerToken: string;
const ecosystems: { id: string; slug: string }[] = [];
const goneHub = randomUUID();
let person: { id: string; slug: string };

const ENTRY = 'at author action recordType recordId record { __typename id ... on Ecosystem { slug } ... on Person { slug } } before after requestId';

beforeAll(async () => {
  const url = await freshDatabaseUrl('audit');
  orm = await openOrm(url);
  await migrate(orm);
  await loadSeeds(orm);
  const em = orm.em.fork();
  viewerToken = (await createToken(em, { name: 'audit reader', role: 'viewer' })).token;
  const alice = await createToken(em, { name: 'alice', role: 'editor' });
  const bob = await createToken(em, { name: 'bob', role: 'admin' });
  ecosystems.push(...await sql<{ id: string; slug: string }>(em, `select id, slug from ecosystem order by slug limit 12`));
  [person] = await sql<{ id: string; slug: string }>(em, `select id, slug from person where slug = 'brigitte-marandon'`) as [{ id: string; slug: string }];

  const as = (token: typeof alice, requestId: string) => new RequestContext(em, requestId, '2026-11-23', { tokenId: token.row.id, name: token.row.name, role: token.row.role });
  // Three dated entries…
  await recordChange(em, as(alice, 'req-rename'), {
    action: 'communityRename', recordType: 'Ecosystem', recordId: ecosystems[0]!.id, before: { name: 'Old name' }, after: { name: 'New name' },
  });
  await recordChange(em, as(bob, 'req-hub'), { action: 'hubCreate', recordType: 'Hub', recordId: goneHub, before: null, after: { slug: 'gone', name: 'Gone' } });
  await recordChange(em, as(bob, 'req-role'), { action: 'personUpdate', recordType: 'Person', recordId: person.id, before: { name: 'B. Marandon' }, after: { name: 'Brigitte Marandon' } });
  await sql(em, `update audit_entry set at = case action
      when 'communityRename' then '2026-01-10T09:00:00Z'::timestamptz when 'hubCreate' then '2026-02-10T09:00:00Z'::timestamptz
      else '2026-03-10T09:00:00Z'::timestamptz end`);
  // …then twelve at one same instant (the id breaks the tie), newer than all of them.
  for (const e of ecosystems) {
    await recordChange(em, as(alice, `req-${e.slug}`), { action: 'ecosystemUpdate', recordType: 'Ecosystem', recordId: e.id, before: { figure: 1 }, after: { figure: 2 } });
  }
  await sql(em, `update audit_entry set at = '2026-04-01T12:00:00.123456Z' where action = 'ecosystemUpdate'`);
  api = await startTestApi(url);
}, 120_000);
afterAll(async () => {
  await api?.stop();
  await orm?.close(true);
});

const asViewer = () => ({ authorization: `Bearer ${viewerToken}` });
async function trail(args: string, variables?: Record<string, unknown>, headers: Record<string, string> = asViewer()) {
  return api.graphql(`query ($filter: AuditTrailFilter, $after: String) { auditTrail(${args}, filter: $filter, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { ${ENTRY} } } }`, variables, headers);
}

test('the public gets UNAUTHENTICATED and no entry', async () => {
  const { status, body } = await trail('first: 5', undefined, {});
  expect(status).toBe(200);
  expect(body.data).toBeNull();
  expect(body.errors).toHaveLength(1);
  expect(body.errors![0].extensions.code).toBe('UNAUTHENTICATED');
});

test('newest first, every field: who, when, what, which record (null once gone), before and after, the request', async () => {
  const { body } = await trail('first: 100');
  expect(body.errors).toBeUndefined();
  const { totalCount, nodes } = body.data.auditTrail;
  expect(totalCount).toBe(15);
  expect(nodes.slice(0, 12).every((n: any) => n.action === 'ecosystemUpdate' && n.at === '2026-04-01T12:00:00.123Z')).toBe(true);
  expect(nodes.slice(12)).toEqual([
    {
      at: '2026-03-10T09:00:00.000Z', author: 'bob', action: 'personUpdate', recordType: 'Person', recordId: toGlobalId('Person', person.id),
      record: { __typename: 'Person', id: toGlobalId('Person', person.id), slug: 'brigitte-marandon' },
      before: { name: 'B. Marandon' }, after: { name: 'Brigitte Marandon' }, requestId: 'req-role',
    },
    {
      at: '2026-02-10T09:00:00.000Z', author: 'bob', action: 'hubCreate', recordType: 'Hub', recordId: toGlobalId('Hub', goneHub),
      record: null, before: null, after: { slug: 'gone', name: 'Gone' }, requestId: 'req-hub',
    },
    {
      at: '2026-01-10T09:00:00.000Z', author: 'alice', action: 'communityRename', recordType: 'Ecosystem', recordId: toGlobalId('Ecosystem', ecosystems[0]!.id),
      record: { __typename: 'Ecosystem', id: toGlobalId('Ecosystem', ecosystems[0]!.id), slug: ecosystems[0]!.slug },
      before: { name: 'Old name' }, after: { name: 'New name' }, requestId: 'req-rename',
    },
  ]);
});

test('filters: by record (global ID), by author, by period (from inclusive, to exclusive), combined', async () => {
  const ids = async (filter: Record<string, unknown>) => {
    const { body } = await trail('first: 100', { filter });
    expect(body.errors).toBeUndefined();
    return body.data.auditTrail.nodes.map((n: any) => `${n.action}:${n.author}`);
  };
  expect(await ids({ recordId: toGlobalId('Ecosystem', ecosystems[0]!.id) })).toEqual(['ecosystemUpdate:alice', 'communityRename:alice']);
  expect(await ids({ recordId: toGlobalId('Hub', goneHub) })).toEqual(['hubCreate:bob']);
  expect(await ids({ author: 'bob' })).toEqual(['personUpdate:bob', 'hubCreate:bob']);
  expect(await ids({ from: '2026-02-10T09:00:00Z', to: '2026-03-10T09:00:00Z' })).toEqual(['hubCreate:bob']);
  expect(await ids({ from: '2026-01-01T00:00:00+01:00', to: '2026-03-31T00:00:00Z', author: 'alice' })).toEqual(['communityRename:alice']);
  expect(await ids({ author: 'nobody' })).toEqual([]);
});

test('bad filters are BAD_USER_INPUT naming the argument', async () => {
  const bad = async (filter: Record<string, unknown>) => (await trail('first: 1', { filter })).body.errors![0];
  expect(await bad({ recordId: 'nope' })).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', argumentName: 'filter.recordId' } });
  expect(await bad({ from: '2026-03-01T00:00:00Z', to: '2026-02-01T00:00:00Z' })).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', argumentName: 'filter.to' } });
  expect((await trail('first: 101')).body.errors![0].extensions.code).toBe('BAD_USER_INPUT');
});

test('cursor pagination walks every entry once, across entries of the same instant', async () => {
  const seen: string[] = [];
  let after: string | null = null;
  for (let page = 0; page < 10; page++) {
    const { body }: { body: any } = await trail('first: 4', { after });
    expect(body.errors).toBeUndefined();
    seen.push(...body.data.auditTrail.nodes.map((n: any) => `${n.recordId}:${n.action}`));
    if (!body.data.auditTrail.pageInfo.hasNextPage) break;
    after = body.data.auditTrail.pageInfo.endCursor;
  }
  expect(seen).toHaveLength(15);
  expect(new Set(seen).size).toBe(15);
});

test('records of a page load in one statement per type, whatever the page size', async () => {
  const cost = async (first: number) => {
    const before = statementCount();
    const { body } = await trail(`first: ${first}`);
    expect(body.errors).toBeUndefined();
    expect(body.data.auditTrail.nodes).toHaveLength(first);
    return statementCount() - before;
  };
  expect(await cost(12)).toBe(await cost(2));
});
