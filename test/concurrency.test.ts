import type { MikroORM } from '@mikro-orm/postgresql';
import { migrate, openOrm } from '../src/database/orm.js';
import { loadSeeds } from '../src/seeding/load-seeds.js';
import { sql } from '../src/database/sql.js';
import { createToken } from '../src/auth/tokens.js';
import { freshDatabaseUrl, startTestApi, type TestApi } from './support/app.js';

let orm: MikroORM;
let api: TestApi;
let editor: Record<string, string>;

beforeAll(async () => {
  const url = await freshDatabaseUrl('concurrency');
  orm = await openOrm(url);
  await migrate(orm);
  await loadSeeds(orm);
  editor = { authorization: `Bearer ${(await createToken(orm.em.fork(), { name: 'Concurrent Editor', role: 'editor' })).token}` };
  api = await startTestApi(url);
}, 120_000);
afterAll(async () => { await api?.stop(); await orm?.close(true); });

test('10 concurrent updates based on the same version: exactly one wins, the others get CONFLICT, the audit trail holds one entry', async () => {
  const { body } = await api.graphql(`{ association(slug: "cap-numeric") { id version name } }`);
  const { id, version, name } = body.data.association;
  const results = await Promise.all(Array.from({ length: 10 }, (_, i) => api.graphql(
    `mutation($input: AssociationUpdateInput!) { associationUpdate(input: $input) { association { name version } userErrors { code currentVersion } } }`,
    { input: { id, expectedVersion: version, name: `Cap Numeric #${i}`, sources: ['article-littoral-hdf-2019'] } }, editor)));
  for (const r of results) expect(r.body.errors).toBeUndefined();
  const payloads = results.map((r) => r.body.data.associationUpdate);
  const winners = payloads.filter((p) => p.association !== null);
  const losers = payloads.filter((p) => p.association === null);
  expect(winners).toHaveLength(1);
  expect(losers).toHaveLength(9);
  for (const l of losers) expect(l.userErrors).toEqual([{ code: 'CONFLICT', currentVersion: version + 1 }]);
  const winner = winners[0]!.association;
  expect(winner.version).toBe(version + 1);

  const after = await api.graphql(`{ association(slug: "cap-numeric") { name version } }`);
  expect(after.body.data.association).toEqual({ name: winner.name, version: version + 1 });

  const audit = await sql<{ author: string; action: string; before: any; after: any }>(orm.em.fork(),
    `select author, action, before, after from audit_entry where record_id = (select id from association where slug = 'cap-numeric')`);
  expect(audit).toHaveLength(1);
  expect(audit[0]).toMatchObject({ author: 'Concurrent Editor', action: 'associationUpdate' });
  expect(audit[0]!.before).toMatchObject({ name, version });
  expect(audit[0]!.after).toMatchObject({ name: winner.name, version: version + 1 });
});
