import 'reflect-metadata';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { TestApi } from './support/app.js';

/**
 * A hub field added in ONE place — one line of HUB_FIELDS (src/hubs/hub.record.ts) — reaches the
 * database schema (the migration MikroORM generates from the entity), the seed files (their schema
 * and the loader), the GraphQL type, the create/update inputs and the mutations' audit entry, with no
 * other change. The line is added before any other module of this test file is loaded (Jest gives
 * each test file its own module registry, so no other suite sees the field).
 */
const { HUB_FIELDS } = await import('../src/hubs/hub.record.js');
const { recordField } = await import('../src/editing/record-fields.js');
Object.assign(HUB_FIELDS, { stepFreeAccess: recordField.text('How to enter without steps, as the sources describe it.', { nullable: true }) });

const { migrate, openOrm } = await import('../src/database/orm.js');
const { loadSeeds, SEEDS_DIR } = await import('../src/seeding/load-seeds.js');
const { sql } = await import('../src/database/sql.js');
const { freshDatabaseUrl, startTestApi } = await import('./support/app.js');
const { roleHeaders } = await import('./support/editing.js');

let orm: MikroORM;
let api: TestApi;
let workDir: string;
let databaseUrl: string;

/** The seeds, with the new field on one hub. */
async function seedsWithField(value: unknown): Promise<string> {
  const dir = path.join(workDir, `seeds-${Math.random().toString(36).slice(2)}`);
  await cp(SEEDS_DIR, dir, { recursive: true });
  const file = path.join(dir, 'hubs.yaml');
  const yaml = await readFile(file, 'utf8');
  await writeFile(file, yaml.replace('  - slug: euratechnologies\n', `  - slug: euratechnologies\n    stepFreeAccess: ${JSON.stringify(value)}\n`));
  return dir;
}

beforeAll(async () => {
  workDir = await mkdtemp(path.join(tmpdir(), 'maillage-one-definition-'));
  databaseUrl = await freshDatabaseUrl('one_definition');
  orm = await openOrm(databaseUrl);
  await migrate(orm);
}, 120_000);
afterAll(async () => {
  await api?.stop();
  await orm?.close(true);
  await rm(workDir, { recursive: true, force: true });
});

describe('a hub field defined in one place', () => {
  it('is the one change of the migration generated from the entities', async () => {
    const { up } = await orm.schema.getUpdateSchemaMigrationSQL({ wrap: false });
    expect(up.trim()).toBe('alter table "hub" add "step_free_access" text null;');
    await orm.em.fork().getConnection().execute(up);
  });

  it('is checked and loaded from the seed files', async () => {
    await expect(loadSeeds(orm, await seedsWithField(42))).rejects.toThrow(/hubs\.yaml.*euratechnologies[\s\S]*stepFreeAccess.*must be string/);
    await loadSeeds(orm, await seedsWithField('Ramp on the rue de Tournai side.'));
    const [row] = await sql<{ step_free_access: string }>(orm.em.fork(), `select step_free_access from hub where slug = 'euratechnologies'`);
    expect(row.step_free_access).toBe('Ramp on the rue de Tournai side.');
  }, 120_000);

  it('is served, created and corrected through the API, and audited', async () => {
    api = await startTestApi(databaseUrl);
    const { editor } = await roleHeaders(orm, 'OneDefinition');

    const read = await api.data(`{ hub(slug: "euratechnologies") { id version stepFreeAccess } }`);
    expect(read.hub.stepFreeAccess).toBe('Ramp on the rue de Tournai side.');

    const inputs = await api.data(`{ create: __type(name: "HubCreateInput") { inputFields { name type { name } } }
      update: __type(name: "HubUpdateInput") { inputFields { name type { name } } } }`);
    for (const input of [inputs.create, inputs.update]) expect(input.inputFields).toContainEqual({ name: 'stepFreeAccess', type: { name: 'String' } });

    const updated = await api.graphql(`mutation($input: HubUpdateInput!) { hubUpdate(input: $input) { hub { stepFreeAccess version } userErrors { field message } } }`,
      { input: { id: read.hub.id, expectedVersion: read.hub.version, stepFreeAccess: 'Lift at the main entrance.', sources: ['maddyness-euratechnologies'] } }, editor);
    expect(updated.body.data.hubUpdate).toEqual({ hub: { stepFreeAccess: 'Lift at the main entrance.', version: read.hub.version + 1 }, userErrors: [] });

    const [audit] = await sql<{ before: Record<string, unknown>; after: Record<string, unknown> }>(orm.em.fork(),
      `select before, after from audit_entry where action = 'hubUpdate' order by at desc, id desc limit 1`);
    expect(audit.before.step_free_access).toBe('Ramp on the rue de Tournai side.');
    expect(audit.after.step_free_access).toBe('Lift at the main entrance.');

    const created = await api.graphql(`mutation($input: HubCreateInput!) { hubCreate(input: $input) { hub { slug stepFreeAccess } userErrors { field message } } }`,
      { input: { slug: 'hub-step-free', name: 'Step-free hub', kind: 'COWORKING', locality: 'commune-59350', stepFreeAccess: 'Level entrance.', sources: ['maddyness-euratechnologies'] } }, editor);
    expect(created.body.data.hubCreate).toEqual({ hub: { slug: 'hub-step-free', stepFreeAccess: 'Level entrance.' }, userErrors: [] });

    const refused = await api.graphql(`mutation($input: HubUpdateInput!) { hubUpdate(input: $input) { hub { id } userErrors { field message } } }`,
      { input: { id: read.hub.id, expectedVersion: read.hub.version + 1, stepFreeAccess: '', sources: ['maddyness-euratechnologies'] } }, editor);
    expect(refused.body.data.hubUpdate.userErrors).toEqual([{ field: ['stepFreeAccess'], message: expect.stringMatching(/fewer than 1 character|must NOT have fewer/) }]);
  }, 120_000);
});
