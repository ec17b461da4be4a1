import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { migrate, openOrm } from '../src/database/orm.js';
import { sql } from '../src/database/sql.js';
import { createToken } from '../src/auth/tokens.js';
import { loadSeeds } from '../src/seeding/load-seeds.js';
import { reindexAll, reindexRecords } from '../src/search/search-index.js';
import { freshDatabaseUrl, startTestApi, type TestApi } from './support/app.js';

/**
 * The search index is kept per record inside each write's transaction: writes to different records
 * do not wait on each other, an edit is searchable as soon as it commits, and archived records stay
 * out of search whatever rebuilds the index.
 */
let orm: MikroORM;
let api: TestApi;
let editor: Record<string, string>;

beforeAll(async () => {
  const url = await freshDatabaseUrl('search_index');
  orm = await openOrm(url);
  await migrate(orm);
  await loadSeeds(orm);
  editor = { authorization: `Bearer ${(await createToken(orm.em.fork(), { name: 'Search Editor', role: 'editor' })).token}` };
  api = await startTestApi(url);
}, 120_000);
afterAll(async () => { await api?.stop(); await orm?.close(true); });

const q = <T>(text: string, params: unknown[] = []) => sql<T>(orm.em.fork(), text, params);

async function searchTitles(query: string, kind = 'ASSOCIATION'): Promise<string[]> {
  const { body } = await api.graphql(`query($q: String!) { search(query: $q, kinds: [${kind}]) { title } }`, { q: query });
  expect(body.errors).toBeUndefined();
  return body.data.search.map((h: { title: string }) => h.title);
}

async function association(slug: string): Promise<{ id: string; version: number; name: string; uuid: string }> {
  const { association: a } = await api.data(`{ association(slug: "${slug}") { id version name } }`);
  const [row] = await q<{ id: string }>(`select id from association where slug = $1`, [slug]);
  return { ...a, uuid: row!.id };
}

async function archive(kind: 'association' | 'hub', slug: string): Promise<void> {
  const { [kind]: record } = await api.data(`{ ${kind}(slug: "${slug}") { id version } }`);
  const { body } = await api.graphql(`mutation($input: ArchiveInput!) { ${kind}Archive(input: $input) { userErrors { message } } }`,
    { input: { id: record.id, expectedVersion: record.version, sources: ['article-littoral-hdf-2019'] } }, editor);
  expect(body.data[`${kind}Archive`].userErrors).toEqual([]);
}

/** Every entry of the index, as comparable text. */
async function indexContents(): Promise<string[]> {
  const rows = await q<{ entry: string }>(`select concat_ws('|', subject_type, subject_id, title, body, document::text) as entry from search_entry order by 1`);
  return rows.map((r) => r.entry);
}

// First, while no record has been edited through the API, so that the reload meets no conflict.
test('a seed reload keeps a record archived through the API out of search', async () => {
  expect(await searchTitles('Rhenatic')).toEqual(['Rhénatic']);
  await archive('association', 'rhenatic');
  expect(await searchTitles('Rhenatic')).toEqual([]);
  await loadSeeds(orm);
  expect(await searchTitles('Rhenatic')).toEqual([]);
  const [row] = await q<{ n: number }>(`select count(*)::int as n from search_entry where subject_id = (select id from association where slug = 'rhenatic')`);
  expect(row!.n).toBe(0);
}, 120_000);

const ASSOCIATION_UPDATE = `mutation($input: AssociationUpdateInput!) { associationUpdate(input: $input) { association { name } userErrors { message } } }`;

/** Resolves once a backend is waiting on a lock held by `pid` (polled until `stop()`). */
function blockedBy(pid: number): { blocked: Promise<void>; stop(): void } {
  let stopped = false;
  const blocked = (async () => {
    while (!stopped) {
      const rows = await q(`select 1 from pg_stat_activity where $1 = any(pg_blocking_pids(pid))`, [pid]);
      if (rows.length > 0) return;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await new Promise(() => undefined); // stopped: never resolves, the mutation won the race
  })();
  return { blocked, stop: () => { stopped = true; } };
}

test('a write held open on one record does not hold up a mutation of another; both are searchable once committed', async () => {
  const a = await association('cap-numeric');
  const b = await association('loire-numerique');
  let release!: () => void;
  const held = new Promise<void>((resolve) => { release = resolve; });
  let opened!: (pid: number) => void;
  const aOpen = new Promise<number>((resolve) => { opened = resolve; });
  // Record A: written and indexed in a transaction that stays open until B is done.
  const aCommitted = orm.em.fork().transactional(async (em: EntityManager) => {
    const [backend] = await sql<{ pid: number }>(em, `select pg_backend_pid() as pid`);
    await sql(em, `update association set name = $2, version = version + 1 where id = $1`, [a.uuid, 'Cap Numeric Ornithorynque']);
    await reindexRecords(em, 'Association', [a.uuid]);
    opened(backend!.pid);
    await held;
  });
  const aPid = await aOpen;

  // Record B, through the API, while A's transaction is open: it must not wait on A.
  const watch = blockedBy(aPid);
  const bMutation = api.graphql(ASSOCIATION_UPDATE,
    { input: { id: b.id, expectedVersion: b.version, name: 'Loire Numérique Wombat', sources: ['article-littoral-hdf-2019'] } }, editor);
  const first = await Promise.race([bMutation.then(() => 'B committed'), watch.blocked.then(() => 'B waited on A')]);
  watch.stop();
  release();
  await aCommitted;
  const { body } = await bMutation;
  expect(first).toBe('B committed');
  expect(body.data.associationUpdate).toEqual({ association: { name: 'Loire Numérique Wombat' }, userErrors: [] });

  expect(await searchTitles('Ornithorynque')).toEqual(['Cap Numeric Ornithorynque']);
  expect(await searchTitles('Wombat')).toEqual(['Loire Numérique Wombat']);
}, 60_000);

test('a hub renamed and moved is found at once by its new name and commune, no longer by its old ones', async () => {
  const { hub } = await api.data(`{ hub(slug: "mame-tours") { id version name } }`);
  // Tours is searched because this hub is its only one (no ecosystem is seated there); Saint-Pierre-des-Corps hosts nothing.
  expect(await searchTitles('Tours', 'TERRITORY')).toContain('Tours');
  expect(await searchTitles('Saint-Pierre-des-Corps', 'TERRITORY')).toEqual([]);
  const { body } = await api.graphql(`mutation($input: HubUpdateInput!) { hubUpdate(input: $input) { hub { name } userErrors { message } } }`,
    { input: { id: hub.id, expectedVersion: hub.version, name: 'Halle Quokka', locality: 'commune-37233', sources: ['tours-magazine-2019-07-05'] } }, editor);
  expect(body.data.hubUpdate).toEqual({ hub: { name: 'Halle Quokka' }, userErrors: [] });

  expect(await searchTitles('Quokka', 'HUB')).toEqual(['Halle Quokka']);
  expect(await searchTitles(hub.name, 'HUB')).not.toContain(hub.name);
  expect(await searchTitles('Saint-Pierre-des-Corps', 'TERRITORY')).toEqual(['Saint-Pierre-des-Corps']);
  expect(await searchTitles('Tours', 'TERRITORY')).not.toContain('Tours');
});

test('a person created by a role mutation is searchable at once', async () => {
  expect(await searchTitles('Quokkaface', 'PERSON')).toEqual([]);
  const { body } = await api.graphql(`mutation($input: RoleCreateInput!) { roleCreate(input: $input) { role { title } userErrors { message } } }`,
    { input: { personName: 'Ada Quokkaface', title: 'Présidente', organisation: { association: 'cap-numeric' }, sources: ['article-littoral-hdf-2019'] } }, editor);
  expect(body.data.roleCreate).toEqual({ role: { title: 'Présidente' }, userErrors: [] });
  expect(await searchTitles('Quokkaface', 'PERSON')).toEqual(['Ada Quokkaface']);
});

test('the per-record path leaves the index exactly as a full rebuild makes it', async () => {
  await archive('hub', 'totem-macon');
  const perRecord = await indexContents();
  expect(perRecord.some((entry) => entry.startsWith('Hub|') && entry.includes('|Halle Quokka|'))).toBe(true);
  await orm.em.fork().transactional((em: EntityManager) => reindexAll(em));
  expect(await indexContents()).toEqual(perRecord);
});

test('down() restores the previous full rebuild, which indexes the same texts (archived records aside)', async () => {
  const archived = await q<{ id: string }>(`select id from association where archived_at is not null union all select id from hub where archived_at is not null`);
  expect(archived).toHaveLength(2);
  const current = await indexContents();
  await orm.migrator.down({ to: 'Migration20261130200000_note_languages' }); // undoes search_per_record and what came after it
  try {
    await q(`select refresh_search_index()`);
    const previous = (await indexContents()).filter((entry) => !archived.some((a) => entry.includes(`|${a.id}|`)));
    expect(previous).toEqual(current);
    expect(await q(`select 1 from pg_proc where proname = 'reindex_search_entries'`)).toEqual([]);
  } finally {
    await orm.migrator.up();
    await q(`select refresh_search_index()`);
  }
  expect(await indexContents()).toEqual(current);
});
