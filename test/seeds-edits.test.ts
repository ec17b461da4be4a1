import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { MikroORM } from '@mikro-orm/postgresql';
import { migrate, openOrm } from '../src/database/orm.js';
import { sql } from '../src/database/sql.js';
import { createToken } from '../src/auth/tokens.js';
import { loadSeeds, SEEDS_DIR, SeedConflictError } from '../src/seeding/load-seeds.js';
import { exportSeeds } from '../src/seeding/export-seeds.js';
import { readSeeds } from '../src/seeding/read-seeds.js';
import { localitySlugs, readSeedForms } from '../src/seeding/seed-forms.js';
import { seedFileSchema } from '../src/seeding/seed-schema.js';
import { PROJECT_ROOT } from '../src/shared/project-root.js';
import { freshDatabaseUrl, startTestApi, type TestApi } from './support/app.js';

/**
 * The database is the source of truth once edited: edits made through the real API (HTTP, a token)
 * are never silently overwritten by a reload, every change a reload makes is audited, and
 * `seed:export` writes the database back into the seed files.
 */
let url: string;
let orm: MikroORM;
let api: TestApi;
let editor: Record<string, string>;
let viewer: Record<string, string>;
let workDir: string;

beforeAll(async () => {
  url = await freshDatabaseUrl('seeds_edits');
  orm = await openOrm(url);
  await migrate(orm);
  await loadSeeds(orm);
  const bearer = async (name: string, role: string) => ({ authorization: `Bearer ${(await createToken(orm.em.fork(), { name, role })).token}` });
  editor = await bearer('alice', 'editor');
  viewer = await bearer('reader', 'viewer');
  api = await startTestApi(url);
}, 120_000);
afterAll(async () => { await api?.stop(); await orm?.close(true); });
beforeEach(async () => {
  workDir = await mkdtemp(path.join(tmpdir(), 'maillage-seeds-edits-'));
  await cp(SEEDS_DIR, path.join(workDir, 'seeds'), { recursive: true });
});
afterEach(async () => { await rm(workDir, { recursive: true, force: true }); });

const seeds = () => path.join(workDir, 'seeds');
const q = <T>(text: string, params: unknown[] = []) => sql<T>(orm.em.fork(), text, params);

/** A digest of every table the loader writes (and of the audit trail): any change to any row changes it. */
async function databaseDigest(withAudit = true): Promise<string> {
  const tables = ['source', 'citation', 'territory', 'area_department', 'person', 'campaign', 'campaign_announcer', 'ecosystem',
    'ecosystem_name', 'ecosystem_territory', 'label', 'attachment', 'association', 'carrier', 'institution', 'role', 'hub',
    'hub_ecosystem', 'programme', 'programme_territory', 'programme_deployment', 'event', 'event_organiser', 'event_ecosystem',
    'partnership', 'figure', 'search_entry', ...(withAudit ? ['audit_entry'] : [])];
  const parts = await Promise.all(tables.map(async (t) => {
    const [row] = await q<{ digest: string }>(`select md5(coalesce(string_agg(x::text, ',' order by x::text), '')) as digest from ${t} x`);
    return `${t}:${row!.digest}`;
  }));
  return parts.join('|');
}

/** What a database says, independent of ids and timestamps: its records in seed form. Compares two databases. */
async function networkOf(o: MikroORM): Promise<string> {
  const forms = await readSeedForms(o.em.fork(), localitySlugs(await readSeeds(SEEDS_DIR)));
  return JSON.stringify(Object.fromEntries(Object.entries(forms).map(([c, m]) => [c, [...m.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([k, f]) => [k, f.data])])));
}

async function editFile(file: string, edit: (text: string) => string) {
  const full = path.join(seeds(), file);
  const before = await readFile(full, 'utf8');
  const after = edit(before);
  expect(after).not.toBe(before);
  await writeFile(full, after);
}

async function record(kind: 'association' | 'hub', slug: string): Promise<{ id: string; version: number; name: string }> {
  return (await api.data(`{ ${kind}(slug: "${slug}") { id version name } }`))[kind];
}

/** Updates an association through the API, citing a source it already cites (so that only `changes` change). */
async function updateAssociation(slug: string, changes: Record<string, unknown>) {
  const { id, version, sources } = (await api.data(`{ association(slug: "${slug}") { id version sources { slug } } }`)).association;
  const { body } = await api.graphql(`mutation($input: AssociationUpdateInput!) { associationUpdate(input: $input) { association { version } userErrors { message } } }`,
    { input: { id, expectedVersion: version, sources: [sources[0].slug], ...changes } }, editor);
  expect(body.errors).toBeUndefined();
  expect(body.data.associationUpdate.userErrors).toEqual([]);
  return body.data.associationUpdate.association.version as number;
}

async function latestAudit(recordId: string) {
  const [row] = await q<{ author: string; action: string; token_id: string | null; before: any; after: any; at: string }>(
    `select author, action, token_id, before, after, to_char(at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as at
     from audit_entry where record_id = (select id from association where slug = $1) order by at desc, id desc limit 1`, [recordId]);
  return row!;
}

async function searchTitles(text: string): Promise<string[]> {
  const data = await api.data(`query($q: String!) { search(query: $q, first: 50) { title } }`, { q: text });
  return data.search.map((h: { title: string }) => h.title);
}

async function yamlFiles(dir: string, base = dir): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(entries.map((e) => (e.isDirectory() ? yamlFiles(path.join(dir, e.name), base)
    : Promise.resolve(/\.yaml$/.test(e.name) ? [path.relative(base, path.join(dir, e.name))] : []))));
  return nested.flat().sort();
}

describe('a reload never silently overwrites an edit made through the API', () => {
  test('the reload stops, names file, record, field, author and time, and writes nothing', async () => {
    expect(await updateAssociation('cap-numeric', { name: 'Cap Numeric (edited through the API)' })).toBe(2);
    const edit = await latestAudit('cap-numeric');
    expect(edit).toMatchObject({ author: 'alice', action: 'associationUpdate', token_id: expect.any(String) });

    const before = await databaseDigest();
    const error = await loadSeeds(orm, seeds()).then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(SeedConflictError);
    const message = (error as Error).message;
    expect(message).toContain(`seeds/associations.yaml: associations[0] "cap-numeric", field name: edited through the API by "alice" at ${edit.at} (associationUpdate)`);
    expect(message).toMatch(/nothing was written/);
    expect((error as SeedConflictError).conflicts).toEqual([
      { file: 'seeds/associations.yaml', record: 'associations[0] "cap-numeric"', field: 'name', author: 'alice', at: edit.at, action: 'associationUpdate', edits: 1 },
    ]);
    expect(await databaseDigest()).toBe(before);
    expect((await record('association', 'cap-numeric')).name).toBe('Cap Numeric (edited through the API)');
  }, 60_000);

  test('--force overwrites, with one audit entry per record authored by the seed loader; the next reload is quiet', async () => {
    const stats = await loadSeeds(orm, seeds(), { force: true, author: 'seed:test-force' });
    expect(stats.overwritten.map((c) => `${c.record} ${c.field} ${c.author}`)).toEqual(['associations[0] "cap-numeric" name alice']);
    expect(stats.recordsUpdated).toBe(1);
    const association = await record('association', 'cap-numeric');
    expect(association).toMatchObject({ name: 'Cap Numeric', version: 3 });

    const entry = await latestAudit('cap-numeric');
    expect(entry).toMatchObject({ author: 'seed:test-force', action: 'seedForce', token_id: null });
    expect(entry.before.name).toBe('Cap Numeric (edited through the API)');
    expect(entry.after.name).toBe('Cap Numeric');
    // The audit trail the API serves shows both, newest first.
    const trail = await api.graphql(`query($id: ID!) { auditTrail(first: 10, filter: { recordId: $id }) { nodes { author action } } }`, { id: association.id }, viewer);
    expect(trail.body.data.auditTrail.nodes).toEqual([{ author: 'seed:test-force', action: 'seedForce' }, { author: 'alice', action: 'associationUpdate' }]);

    const digest = await databaseDigest();
    const again = await loadSeeds(orm, seeds());
    expect(again).toMatchObject({ recordsInserted: 0, recordsUpdated: 0, overwritten: [] });
    expect(await databaseDigest()).toBe(digest);
  }, 60_000);

  test('every change an ordinary reload makes is audited, inserts and updates', async () => {
    await editFile('associations.yaml', (text) => text.replace(/(- slug: grand-est-numerique\n(?:.*\n)*?    mission: )>-\n(?:      .*\n)+/, '$1Edited in the seed file.\n'));
    await editFile('areas.yaml', (text) => text.replace('areas:\n', 'areas:\n  - slug: test-area\n    name: Test area\n    departments: ["62"]\n    sources: [article-littoral-hdf-2019]\n'));
    const stats = await loadSeeds(orm, seeds(), { author: 'seed:test-reload' });
    expect(stats).toMatchObject({ recordsInserted: 1, recordsUpdated: 1, overwritten: [] });

    const entries = await q<{ action: string; record_type: string; before: any; after: any }>(
      `select action, record_type, before, after from audit_entry where author = 'seed:test-reload' order by action`);
    expect(entries).toEqual([
      { action: 'seedInsert', record_type: 'Territory', before: null, after: { slug: 'test-area', name: 'Test area', departments: ['62'], sources: ['article-littoral-hdf-2019'] } },
      { action: 'seedUpdate', record_type: 'Association', before: expect.objectContaining({ mission: expect.stringMatching(/^Association de la filière numérique/) }),
        after: expect.objectContaining({ slug: 'grand-est-numerique', mission: 'Edited in the seed file.' }) },
    ]);
  }, 60_000);
});

const LONG_DESCRIPTION = 'Edited through the API: a campus in Paris that hosts the Mission French Tech, French Tech Central and a few hundred start-ups, with a text long enough to be folded over several lines like the others.';

describe('what counts as an edit of a record', () => {
  test('an edit of a child row through the API (a role) is a conflict on its person\'s field', async () => {
    const { person } = await api.data(`{ person(slug: "brigitte-marandon") { roles { id } } }`);
    const roleId = person.roles[0].id as string;
    const [row] = await q<{ version: number }>(`select version from role where person_id = (select id from person where slug = 'brigitte-marandon') order by position limit 1`);
    const { body } = await api.graphql(`mutation($input: RoleUpdateInput!) { roleUpdate(input: $input) { userErrors { message } } }`,
      { input: { id: roleId, expectedVersion: row!.version, title: 'attachée de presse', sources: ['article-loire-numerique-2009'] } }, editor);
    expect(body.data.roleUpdate.userErrors).toEqual([]);
    const error = await loadSeeds(orm, seeds()).then(() => null, (e: unknown) => e);
    expect((error as SeedConflictError).conflicts).toEqual([expect.objectContaining({
      file: 'seeds/people.yaml', record: expect.stringMatching(/^people\[\d+\] "brigitte-marandon"$/), field: 'roles', author: 'alice', action: 'roleUpdate' })]);
    const roleVersion = async () => (await q<{ version: number }>(`select version from role where id = (select id from role where person_id = (select id from person where slug = 'brigitte-marandon') order by position limit 1)`))[0]!.version;
    const edited = await roleVersion();
    expect(edited).toBe(row!.version + 1);
    await loadSeeds(orm, seeds(), { force: true });
    expect((await api.data(`{ person(slug: "brigitte-marandon") { roles { title } } }`)).person.roles[0].title).toBe('contact presse');
    // The forced reload rewrote the role: its version moved on, so an editor still holding the
    // version of the API edit is told of the conflict instead of overwriting the seed's value.
    expect(await roleVersion()).toBe(edited + 1);
    const stale = await api.graphql(`mutation($input: RoleUpdateInput!) { roleUpdate(input: $input) { userErrors { message field } } }`,
      { input: { id: roleId, expectedVersion: edited, title: 'attachée de presse', sources: ['article-loire-numerique-2009'] } }, editor);
    expect(stale.body.data.roleUpdate.userErrors).toEqual([expect.objectContaining({ field: ['expectedVersion'] })]);
  }, 60_000);

  test('a slug changed through the API is a conflict: the old slug would be loaded again beside it', async () => {
    const slug = 'loire-numerique';
    await updateAssociation(slug, { slug: 'loire-numerique-renamed' });
    const digest = await databaseDigest();
    const error = await loadSeeds(orm, seeds()).then(() => null, (e: unknown) => e);
    expect((error as Error).message).toMatch(/seeds\/associations\.yaml: associations\[\d+\] "loire-numerique", field slug: edited through the API by "alice" at \S+Z \(associationUpdate, renamed to "loire-numerique-renamed"\)/);
    expect(await databaseDigest()).toBe(digest);
    // Renamed back, the files agree again: the reload accepts the edits and changes nothing.
    await updateAssociation('loire-numerique-renamed', { slug });
    const stats = await loadSeeds(orm, seeds());
    expect(stats).toMatchObject({ recordsInserted: 0, recordsUpdated: 0 });
    const [accepted] = await q<{ action: string }>(`select action from audit_entry where record_id = (select id from association where slug = $1) order by at desc, id desc limit 1`, [slug]);
    expect(accepted!.action).toBe('seedAccept');
  }, 60_000);

  test('a field added to the schema and to its table under the same name is read back without code in the exporter', async () => {
    const properties = (seedFileSchema.properties.associations as any).items.properties as Record<string, unknown>;
    properties.nameEn = { type: 'string', minLength: 1 };
    try {
      await orm.em.fork().transactional(async (em) => {
        await sql(em, `alter table association add column name_en text`);
        await sql(em, `update association set name_en = 'Cap Numeric (in English)' where slug = 'cap-numeric'`);
        const forms = await readSeedForms(em, new Map());
        const data = forms.associations.get('cap-numeric')!.data;
        expect(data.nameEn).toBe('Cap Numeric (in English)');
        expect(Object.keys(data).indexOf('nameEn')).toBe(Object.keys(properties).filter((k) => k in data).indexOf('nameEn'));
        expect(forms.associations.get('grand-est-numerique')!.data).not.toHaveProperty('nameEn');
        throw new Error('rollback');
      }).catch((e: Error) => { if (e.message !== 'rollback') throw e; });
    } finally {
      delete properties.nameEn;
    }
  });
});

describe('seed:export', () => {
  test('a freshly seeded database exports to the seed files byte for byte', async () => {
    const fresh = await openOrm(await freshDatabaseUrl('seeds_export'));
    try {
      await migrate(fresh);
      await loadSeeds(fresh);
      const out = path.join(workDir, 'exported');
      const stats = await exportSeeds(fresh, SEEDS_DIR, out);
      expect(stats).toEqual({ changedFiles: [], recordsUpdated: 0, recordsAdded: 0, recordsRemoved: 0 });
      const files = await yamlFiles(SEEDS_DIR);
      expect(await yamlFiles(out)).toEqual(files);
      for (const file of files) expect(await readFile(path.join(out, file), 'utf8')).toBe(await readFile(path.join(SEEDS_DIR, file), 'utf8'));
    } finally {
      await fresh.close(true);
    }
  }, 120_000);

  test('API edits export as a small diff; reloading the export changes nothing, and loads into a fresh database the same network', async () => {
    // The database of the tests above (a reload added an area), plus a hub edited and an association
    // created through the API.
    const hub = await record('hub', 'station-f');
    const edited = await api.graphql(`mutation($input: HubUpdateInput!) { hubUpdate(input: $input) { userErrors { message } } }`,
      { input: { id: hub.id, expectedVersion: hub.version, description: LONG_DESCRIPTION, sources: ['article-littoral-hdf-2019'] } }, editor);
    expect(edited.body.data.hubUpdate.userErrors).toEqual([]);
    const created = await api.graphql(`mutation($input: AssociationCreateInput!) { associationCreate(input: $input) { userErrors { message } } }`,
      { input: { slug: 'created-through-the-api', name: 'Created through the API', legalForm: 'UNKNOWN', seat: 'commune-59350', sources: ['article-littoral-hdf-2019'] } }, editor);
    expect(created.body.data.associationCreate.userErrors).toEqual([]);
    const out = path.join(workDir, 'exported');
    const stats = await exportSeeds(orm, SEEDS_DIR, out);
    expect(stats).toMatchObject({ recordsAdded: 2, recordsUpdated: 1, recordsRemoved: 0 });
    expect(stats.changedFiles.sort()).toEqual(['areas.yaml', 'associations.yaml', 'hubs.yaml']);

    const diff = await promisify(execFile)('diff', ['-u', path.join(SEEDS_DIR, 'hubs.yaml'), path.join(out, 'hubs.yaml')]).then(() => '', (e: { stdout: string }) => e.stdout);
    const changed = diff.split('\n').filter((l) => /^[-+][^-+]/.test(l));
    // Only the two fields edited (the French description; descriptionEn, between them, is untouched), in
    // the files' style: a folded text wrapped at 110 columns, a flow list.
    expect(changed).toEqual([
      '-      Campus de start-up à Paris ; siège de la Mission French Tech et de French Tech Central (1 000 m²) depuis',
      '-      2017 ; lieu de l\'annonce des 13 capitales le 3 avril 2019.',
      '+      Edited through the API: a campus in Paris that hosts the Mission French Tech, French Tech Central and a',
      '+      few hundred start-ups, with a text long enough to be folded over several lines like the others.',
      '-    sources: [alliancy-mission-station-f, frenchtech-grandparis-central, madeinmarseille-2019-capitale]',
      '+    sources: [alliancy-mission-station-f, frenchtech-grandparis-central, madeinmarseille-2019-capitale, article-littoral-hdf-2019]',
    ]);
    const associations = await readFile(path.join(out, 'associations.yaml'), 'utf8');
    expect(associations).toContain('  - slug: created-through-the-api\n    name: Created through the API\n    legalForm: UNKNOWN\n');

    // Reloading the export into the same database changes no record (the API edits are now in the seeds).
    const digest = await databaseDigest(false);
    const reload = await loadSeeds(orm, path.join(out), { author: 'seed:exported' });
    expect(reload).toMatchObject({ recordsInserted: 0, recordsUpdated: 0 });
    expect(await databaseDigest(false)).toBe(digest);
    const accepted = await q<{ action: string; record_type: string }>(`select action, record_type from audit_entry where author = 'seed:exported' order by record_type`);
    expect(accepted).toEqual([{ action: 'seedAccept', record_type: 'Association' }, { action: 'seedAccept', record_type: 'Hub' }]);

    // The exported files load into an empty database as the same network, record for record.
    const fresh = await openOrm(await freshDatabaseUrl('seeds_roundtrip'));
    try {
      await migrate(fresh);
      await loadSeeds(fresh, out);
      expect(await networkOf(fresh)).toBe(await networkOf(orm));
    } finally {
      await fresh.close(true);
    }
  }, 120_000);
});

describe('a role\'s fields in seed form', () => {
  test('a role marked current is read back as `current: true` (seed:export kept no trace of it)', async () => {
    const role = `(select id from role where person_id = (select id from person where slug = 'brigitte-marandon') order by position limit 1)`;
    const roles = async () => ((await readSeedForms(orm.em.fork(), new Map())).people.get('brigitte-marandon')!.data.roles as Record<string, unknown>[]);
    expect((await roles())[0]).not.toHaveProperty('current');
    await q(`update role set current = true where id = ${role}`);
    try {
      expect((await roles())[0]).toMatchObject({ current: true });
    } finally {
      await q(`update role set current = false where id = ${role}`);
    }
  });
});

describe('archived records and search', () => {
  test('a reload does not put an archived record back into search', async () => {
    expect(await searchTitles('Euratechnologies')).toContain('EuraTechnologies');
    const hub = await record('hub', 'euratechnologies');
    const { body } = await api.graphql(`mutation($input: ArchiveInput!) { hubArchive(input: $input) { userErrors { message } } }`,
      { input: { id: hub.id, expectedVersion: hub.version, sources: ['article-littoral-hdf-2019'] } }, editor);
    expect(body.data.hubArchive.userErrors).toEqual([]);
    expect(await searchTitles('Euratechnologies')).not.toContain('EuraTechnologies');
    await loadSeeds(orm, seeds());
    expect(await searchTitles('Euratechnologies')).not.toContain('EuraTechnologies');
    const [row] = await q<{ n: number }>(`select count(*)::int as n from search_entry where subject_id = (select id from hub where slug = 'euratechnologies')`);
    expect(row!.n).toBe(0);
  }, 60_000);
});

describe('npm run seed as a real process', () => {
  const node = path.join(PROJECT_ROOT, 'node_modules', '.bin', 'node');
  const cli = path.join(PROJECT_ROOT, 'dist', 'src', 'seeding', 'cli.js');
  const run = (args: string[]) => promisify(execFile)(node, [cli, ...args], { env: { ...process.env, DATABASE_URL: url, LOG_LEVEL: 'warn' } })
    .then(({ stdout, stderr }) => ({ code: 0, stdout, stderr }), (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }));

  beforeAll(async () => {
    await promisify(execFile)(node, [path.join(PROJECT_ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', path.join(PROJECT_ROOT, 'tsconfig.build.json')]);
  }, 120_000);

  test('stops with exit code 1 on a conflict, overwrites with --force, exports into a folder', async () => {
    await updateAssociation('loire-numerique', { name: 'Loire Numérique (API)' });
    const digest = await databaseDigest();
    const refused = await run(['load', '--dir', seeds()]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/seeds\/associations\.yaml: associations\[\d+\] "loire-numerique", field name: edited through the API by "alice" at \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ \(associationUpdate\)/);
    expect(refused.stderr).toMatch(/--force/);
    expect(await databaseDigest()).toBe(digest);

    const forced = await run(['load', '--dir', seeds(), '--force']);
    expect(forced.stderr).toBe('');
    expect(forced.code).toBe(0);
    expect(forced.stdout).toMatch(/overwritten \(--force\): seeds\/associations\.yaml: associations\[\d+\] "loire-numerique", field name, edited by "alice"/);
    expect(forced.stdout).toMatch(/record\(s\) audited as seed:/);
    expect((await record('association', 'loire-numerique')).name).toBe('Loire Numérique');

    const exported = await run(['export', path.join(workDir, 'out'), '--dir', seeds()]);
    expect(exported.code).toBe(0);
    expect(exported.stdout).toMatch(/seeds exported to .*out: /);
    expect(await readFile(path.join(workDir, 'out', 'associations.yaml'), 'utf8')).toContain('slug: created-through-the-api');
  }, 120_000);
});
