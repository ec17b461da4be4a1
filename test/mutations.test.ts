import type { MikroORM } from '@mikro-orm/postgresql';
import { migrate, openOrm } from '../src/database/orm.js';
import { loadSeeds } from '../src/seeding/load-seeds.js';
import { sql } from '../src/database/sql.js';
import { toGlobalId } from '../src/graphql/global-id.js';
import { latestDate } from '../src/people/role.record.js';
import { freshDatabaseUrl, startTestApi, type TestApi } from './support/app.js';
import { roleHeaders, tableDigest } from './support/editing.js';

let orm: MikroORM;
let api: TestApi;
let editor: Record<string, string>;
let admin: Record<string, string>;
let viewer: Record<string, string>;

beforeAll(async () => {
  const url = await freshDatabaseUrl('mutations');
  orm = await openOrm(url);
  await migrate(orm);
  await loadSeeds(orm);
  ({ editor, admin, viewer } = await roleHeaders(orm, 'Test'));
  api = await startTestApi(url);
}, 120_000);
afterAll(async () => { await api?.stop(); await orm?.close(true); });

const q = <T>(text: string, params: unknown[] = []) => sql<T>(orm.em.fork(), text, params);

/** A digest of every table a mutation writes: any change to any row changes it. */
async function databaseDigest(): Promise<string> {
  const tables = ['source', 'citation', 'person', 'ecosystem', 'ecosystem_name', 'label', 'attachment', 'association', 'institution', 'role',
    'hub', 'programme', 'event', 'figure', 'audit_entry'];
  return tableDigest(orm, tables);
}

const ASSOCIATION_CREATE = `mutation($input: AssociationCreateInput!) { associationCreate(input: $input) {
  association { id slug name foundedIn { text } version sources { slug } } userErrors { field message code currentVersion } } }`;
const ASSOCIATION_UPDATE = `mutation($input: AssociationUpdateInput!) { associationUpdate(input: $input) {
  association { id name mission version } userErrors { field message code currentVersion } } }`;
const ARCHIVE = (m: string) => `mutation($input: ArchiveInput!) { ${m}(input: $input) { archivedId userErrors { field message code } } }`;

const newAssociation = (slug: string, extra: Record<string, unknown> = {}) => ({
  slug, name: 'Numérique Test', legalForm: 'ASSOCIATION_LOI_1901', kind: 'NETWORK', foundedIn: '2015-06', seat: 'commune-59350',
  sources: ['article-littoral-hdf-2019'], ...extra,
});

describe('editing associations end to end', () => {
  test('create, read back, update, archive', async () => {
    const created = await api.graphql(ASSOCIATION_CREATE, { input: newAssociation('numerique-test') }, editor);
    expect(created.body.errors).toBeUndefined();
    const { association, userErrors } = created.body.data.associationCreate;
    expect(userErrors).toEqual([]);
    expect(association).toMatchObject({ slug: 'numerique-test', name: 'Numérique Test', foundedIn: { text: expect.any(String) }, version: 1, sources: [{ slug: 'article-littoral-hdf-2019' }] });

    const read = await api.graphql(`{ association(slug: "numerique-test") { id name seat { slug } } }`);
    expect(read.body.data.association).toMatchObject({ id: association.id, name: 'Numérique Test', seat: { slug: 'commune-59350' } });

    const updated = await api.graphql(ASSOCIATION_UPDATE, { input: { id: association.id, expectedVersion: 1, name: 'Numérique Test (renamed)', mission: 'Connect.', sources: ['ipreunion-2019-04-03'] } }, editor);
    expect(updated.body.data.associationUpdate).toEqual({ association: { id: association.id, name: 'Numérique Test (renamed)', mission: 'Connect.', version: 2 }, userErrors: [] });
    const sources = await api.graphql(`{ association(slug: "numerique-test") { sources { slug } } }`);
    expect(sources.body.data.association.sources.map((s: { slug: string }) => s.slug).sort()).toEqual(['article-littoral-hdf-2019', 'ipreunion-2019-04-03']);

    const [audit] = await q<{ n: number }>(`select count(*)::int as n from audit_entry where record_id = (select id from association where slug = 'numerique-test')`);
    expect(audit!.n).toBe(2);

    const archived = await api.graphql(ARCHIVE('associationArchive'), { input: { id: association.id, expectedVersion: 2, sources: ['ipreunion-2019-04-03'] } }, editor);
    expect(archived.body.data.associationArchive).toEqual({ archivedId: association.id, userErrors: [] });
    const gone = await api.graphql(`query($id: ID!) { association(slug: "numerique-test") { id } node(id: $id) { id }
      associations(first: 100) { nodes { slug } } }`, { id: association.id });
    expect(gone.body.data.association).toBeNull();
    expect(gone.body.data.node).toBeNull();
    expect(gone.body.data.associations.nodes.map((a: { slug: string }) => a.slug)).not.toContain('numerique-test');
  });

  test('a stale version gets CONFLICT with the current version, and nothing changes', async () => {
    const { body } = await api.graphql(`{ association(slug: "cap-numeric") { id version name } }`);
    const { id, version, name } = body.data.association;
    const before = await databaseDigest();
    const stale = await api.graphql(ASSOCIATION_UPDATE, { input: { id, expectedVersion: version - 1, name: 'Stale', sources: ['article-littoral-hdf-2019'] } }, editor);
    expect(stale.body.data.associationUpdate.association).toBeNull();
    expect(stale.body.data.associationUpdate.userErrors).toEqual([{
      field: ['expectedVersion'], code: 'CONFLICT', currentVersion: version, message: expect.stringContaining(`current version is ${version}`),
    }]);
    expect(await databaseDigest()).toBe(before);
    const again = await api.graphql(`{ association(slug: "cap-numeric") { name version } }`);
    expect(again.body.data.association).toEqual({ name, version });
  });
});

describe('the seed loader\'s rules, as user errors with field paths', () => {
  test('missing source, unknown reference, impossible date, unknown source: nothing is written', async () => {
    const before = await databaseDigest();
    const noSource = await api.graphql(ASSOCIATION_CREATE, { input: newAssociation('rules-a', { sources: [] }) }, editor);
    expect(noSource.body.data.associationCreate).toEqual({ association: null, userErrors: [{ field: ['sources'], message: 'must cite at least one source', code: 'VALIDATION', currentVersion: null }] });

    const unknownSeat = await api.graphql(ASSOCIATION_CREATE, { input: newAssociation('rules-b', { seat: 'commune-00000' }) }, editor);
    expect(unknownSeat.body.data.associationCreate.userErrors).toEqual([{ field: ['seat'], message: 'unknown locality "commune-00000"', code: 'REFERENCE', currentVersion: null }]);

    const badDate = await api.graphql(ASSOCIATION_CREATE, { input: newAssociation('rules-c', { foundedIn: '2019-02-30' }) }, editor);
    expect(badDate.body.data.associationCreate.userErrors).toEqual([{ field: ['foundedIn'], message: '"2019-02-30" is not a real date', code: 'VALIDATION', currentVersion: null }]);

    const unknownSource = await api.graphql(ASSOCIATION_CREATE, { input: newAssociation('rules-d', { sources: ['article-littoral-hdf-2019', 'nowhere-2020'] }) }, editor);
    expect(unknownSource.body.data.associationCreate.userErrors).toEqual([{ field: ['sources', '1'], message: 'unknown source "nowhere-2020"', code: 'REFERENCE', currentVersion: null }]);

    const badSlug = await api.graphql(ASSOCIATION_CREATE, { input: newAssociation('Not A Slug') }, editor);
    expect(badSlug.body.data.associationCreate.userErrors[0]).toMatchObject({ field: ['slug'], code: 'VALIDATION' });

    const duplicate = await api.graphql(ASSOCIATION_CREATE, { input: newAssociation('cap-numeric') }, editor);
    expect(duplicate.body.data.associationCreate.userErrors).toEqual([{ field: ['slug'], message: 'duplicate slug "cap-numeric" (already used by another association)', code: 'VALIDATION', currentVersion: null }]);

    const period = await api.graphql(`mutation($input: ProgrammeCreateInput!) { programmeCreate(input: $input) { programme { id } userErrors { field message code } } }`,
      { input: { slug: 'rules-programme', name: 'P', level: 'LOCAL', kind: 'SUPPORT', status: 'ACTIVE', startsOn: '2024-05', endsOn: '2023', sources: ['article-littoral-hdf-2019'] } }, editor);
    expect(period.body.data.programmeCreate.userErrors).toEqual([{ field: ['endsOn'], message: 'ends (2023) before it starts (2024-05)', code: 'VALIDATION' }]);
    expect(await databaseDigest()).toBe(before);
  });
});

describe('other records', () => {
  test('hub, event, figure, source and role: create and read back', async () => {
    const source = await api.graphql(`mutation { sourceCreate(input: { slug: "test-source-2025", title: "A test", publisher: "Test", kind: PRESS_ARTICLE, url: "https://example.org/a" }) {
      source { slug version } userErrors { message } } }`, {}, editor);
    expect(source.body.data.sourceCreate).toEqual({ source: { slug: 'test-source-2025', version: 1 }, userErrors: [] });

    const hub = await api.graphql(`mutation { hubCreate(input: { slug: "test-hub", name: "Test Hub", kind: COWORKING, locality: "commune-59350",
      operator: { association: "cap-numeric" }, sources: ["test-source-2025"] }) { hub { slug name } userErrors { field message } } }`, {}, editor);
    expect(hub.body.data.hubCreate).toEqual({ hub: { slug: 'test-hub', name: 'Test Hub' }, userErrors: [] });

    const event = await api.graphql(`mutation { eventCreate(input: { slug: "test-event", name: "Test Event", kind: MEETUP, startsOn: "2025-03-04T18:30",
      venue: "test-hub", sources: ["test-source-2025"] }) { event { slug name version } userErrors { field message } } }`, {}, editor);
    expect(event.body.data.eventCreate).toEqual({ event: { slug: 'test-event', name: 'Test Event', version: 1 }, userErrors: [] });
    const eventId = (await api.graphql(`{ event(slug: "test-event") { id } }`)).body.data.event.id;
    const moved = await api.graphql(`mutation($id: ID!) { eventUpdate(input: { id: $id, expectedVersion: 1, endsOn: "2025-03-05", sources: ["test-source-2025"] }) {
      event { version } userErrors { field message } } }`, { id: eventId }, editor);
    expect(moved.body.data.eventUpdate).toEqual({ event: { version: 2 }, userErrors: [] });

    const figure = await api.graphql(`mutation { figureCreate(input: { subject: { ecosystem: "french-tech-littoral-hauts-de-france" }, metric: "startups", value: 42,
      asOf: "2025", sources: ["test-source-2025"] }) { figure { id value version } userErrors { field message } } }`, {}, editor);
    expect(figure.body.data.figureCreate.userErrors).toEqual([]);
    const fixed = await api.graphql(`mutation($id: ID!) { figureUpdate(input: { id: $id, expectedVersion: 1, value: 43, sources: ["test-source-2025"] }) {
      figure { value version } userErrors { field message } } }`, { id: figure.body.data.figureCreate.figure.id }, editor);
    expect(fixed.body.data.figureUpdate).toEqual({ figure: { value: 43, version: 2 }, userErrors: [] });

    const role = await api.graphql(`mutation { roleCreate(input: { personName: "Jeanne Testeuse", title: "Présidente", organisation: { association: "cap-numeric" },
      from: "2024-01", sources: ["test-source-2025"] }) { role { id title version } userErrors { field message } } }`, {}, editor);
    expect(role.body.data.roleCreate).toMatchObject({ role: { title: 'Présidente', version: 1 }, userErrors: [] });
    const person = await api.graphql(`{ person(slug: "jeanne-testeuse") { name } }`);
    expect(person.body.data.person).toEqual({ name: 'Jeanne Testeuse' });
    const badRole = await api.graphql(`mutation { roleCreate(input: { person: "jeanne-testeuse", title: "X", organisation: { hub: "test-hub" }, sources: ["test-source-2025"] }) {
      role { id } userErrors { field message code } } }`, {}, editor);
    // A hub cannot hold a role: the typed reference has no such field, so the schema refuses it.
    expect(badRole.body.data).toBeUndefined();
    expect(badRole.body.errors![0].message).toMatch(/Field "hub" is not defined by type "OrganisationReference"/);
  });
});

describe('the hierarchy (admins)', () => {
  const ECO = `query($asOf: LocalDate) { ecosystem(slug: "french-tech-littoral-hauts-de-france") { id version name(asOf: $asOf) names { name validFrom validTo } parent(asOf: $asOf) { slug } } }`;
  const eco = async (asOf?: string) => (await api.graphql(ECO, { asOf })).body.data.ecosystem;
  const capitals = async (asOf: string) => (await api.graphql(`query($asOf: LocalDate) { capitals(asOf: $asOf, first: 100) { totalCount } }`, { asOf })).body.data.capitals.totalCount;

  test('labelGrant: capitals(asOf:) counts one more', async () => {
    const before = await capitals('2024-06-01');
    const { id } = await eco();
    const granted = await api.graphql(`mutation($id: ID!) { labelGrant(input: { ecosystemId: $id, kind: CAPITAL, campaign: "capitals-communities-2019", grantedBy: "cedric-o",
      validFrom: "2024-01-01", validTo: "2026-12-31", sources: ["article-littoral-hdf-2019"] }) { label { kind validFrom version } userErrors { field message } } }`, { id }, admin);
    expect(granted.body.data.labelGrant).toEqual({ label: { kind: 'CAPITAL', validFrom: '2024-01-01', version: 1 }, userErrors: [] });
    expect(await capitals('2024-06-01')).toBe(before + 1);
    expect(await capitals('2023-06-01')).toBe(await capitals('2023-06-01'));
  });

  test('ecosystemAttach then ecosystemDetach change parent(asOf:)', async () => {
    const { id, version } = await eco();
    expect((await eco('2023-06-01')).parent).toBeNull();
    const attached = await api.graphql(`mutation($id: ID!, $v: Int!) { ecosystemAttach(input: { id: $id, expectedVersion: $v, parent: "french-tech-lille", from: "2024-02-01",
      sources: ["article-littoral-hdf-2019"] }) { ecosystem { version } userErrors { field message } } }`, { id, v: version }, admin);
    expect(attached.body.data.ecosystemAttach).toEqual({ ecosystem: { version: version + 1 }, userErrors: [] });
    expect((await eco('2024-03-01')).parent).toEqual({ slug: 'french-tech-lille' });
    expect((await eco('2024-01-31')).parent).toBeNull();
    expect((await eco('2020-01-01')).parent).toEqual({ slug: 'french-tech-lille' });

    const detached = await api.graphql(`mutation($id: ID!, $v: Int!) { ecosystemDetach(input: { id: $id, expectedVersion: $v, from: "2024-06-01",
      sources: ["article-littoral-hdf-2019"] }) { ecosystem { version } userErrors { field message } } }`, { id, v: version + 1 }, admin);
    expect(detached.body.data.ecosystemDetach).toEqual({ ecosystem: { version: version + 2 }, userErrors: [] });
    expect((await eco('2024-05-31')).parent).toEqual({ slug: 'french-tech-lille' });
    expect((await eco('2024-06-01')).parent).toBeNull();
  });

  test('ecosystemRename keeps the old name in names; name(asOf:) answers each date', async () => {
    const { id, version } = await eco();
    const renamed = await api.graphql(`mutation($id: ID!, $v: Int!) { ecosystemRename(input: { id: $id, expectedVersion: $v, name: "French Tech Côte d'Opale", from: "2024-09-01",
      sources: ["article-littoral-hdf-2019"] }) { ecosystem { name(asOf: "2024-09-01") } userErrors { field message } } }`, { id, v: version }, admin);
    expect(renamed.body.data.ecosystemRename).toEqual({ ecosystem: { name: "French Tech Côte d'Opale" }, userErrors: [] });
    const after = await eco('2024-08-31');
    expect(after.name).toBe('French Tech Littoral Hauts-de-France');
    expect(after.names).toEqual([
      { name: 'French Tech Littoral Hauts-de-France', validFrom: '2019-04-03', validTo: '2024-08-31' },
      { name: "French Tech Côte d'Opale", validFrom: '2024-09-01', validTo: null },
    ]);
    expect((await eco('2025-01-01')).name).toBe("French Tech Côte d'Opale");

    const stale = await api.graphql(`mutation($id: ID!) { ecosystemRename(input: { id: $id, expectedVersion: 1, name: "X", from: "2025-01-01", sources: ["article-littoral-hdf-2019"] }) {
      ecosystem { name } userErrors { code currentVersion } } }`, { id }, admin);
    expect(stale.body.data.ecosystemRename).toEqual({ ecosystem: null, userErrors: [{ code: 'CONFLICT', currentVersion: version + 1 }] });

    const badDate = await api.graphql(`mutation($id: ID!, $v: Int!) { ecosystemRename(input: { id: $id, expectedVersion: $v, name: "X", from: "2025-13-01", sources: ["article-littoral-hdf-2019"] }) {
      ecosystem { name } userErrors { field message code } } }`, { id, v: version + 1 }, admin);
    expect(badDate.body.data.ecosystemRename.userErrors).toEqual([{ field: ['from'], message: '"2025-13-01" is not a real date', code: 'VALIDATION' }]);
  });
});

describe('authorization', () => {
  test('unauthenticated → UNAUTHENTICATED, insufficient role → FORBIDDEN; nothing changes', async () => {
    const before = await databaseDigest();
    const anonymous = await api.graphql(ASSOCIATION_CREATE, { input: newAssociation('auth-a') });
    expect(anonymous.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const asViewer = await api.graphql(ASSOCIATION_CREATE, { input: newAssociation('auth-b') }, viewer);
    expect(asViewer.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const { id, version } = (await api.graphql(`{ ecosystem(slug: "french-tech-lille") { id version } }`)).body.data.ecosystem;
    const editorOnHierarchy = await api.graphql(`mutation($id: ID!, $v: Int!) { ecosystemRename(input: { id: $id, expectedVersion: $v, name: "X", from: "2030", sources: ["article-littoral-hdf-2019"] }) {
      ecosystem { name } } }`, { id, v: version }, editor);
    expect(editorOnHierarchy.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await databaseDigest()).toBe(before);
  });
});

describe('archived records leave every public path', () => {
  test('an archived carrier and an archived hub vanish from the ecosystem that listed them and from the map', async () => {
    const BFC = `{ ecosystem(slug: "french-tech-bourgogne-franche-comte") { carriers(asOf: "2024-06-01") { slug } } }`;
    expect((await api.graphql(BFC)).body.data.ecosystem.carriers.map((c: any) => c.slug)).toContain('bfc-numerique');
    const bfc = (await api.graphql(`{ association(slug: "bfc-numerique") { id version } }`)).body.data.association;
    const archived = await api.graphql(ARCHIVE('associationArchive'), { input: { id: bfc.id, expectedVersion: bfc.version, sources: ['article-littoral-hdf-2019'] } }, editor);
    expect(archived.body.data.associationArchive.userErrors).toEqual([]);
    const after = await api.graphql(BFC);
    expect(after.body.errors).toBeUndefined();
    expect(after.body.data.ecosystem.carriers.map((c: any) => c.slug)).not.toContain('bfc-numerique');

    const LILLE = `{ ecosystem(slug: "french-tech-lille") { hubs { hub { slug } } } nationalMap(asOf: "2019-06-01") { points { slug } } }`;
    const before = (await api.graphql(LILLE)).body.data;
    expect(before.ecosystem.hubs.map((h: any) => h.hub.slug)).toContain('euratechnologies');
    const hub = (await api.graphql(`{ hub(slug: "euratechnologies") { id version } }`)).body.data.hub;
    const hubArchived = await api.graphql(ARCHIVE('hubArchive'), { input: { id: hub.id, expectedVersion: hub.version, sources: ['article-littoral-hdf-2019'] } }, editor);
    expect(hubArchived.body.data.hubArchive.userErrors).toEqual([]);
    const gone = await api.graphql(LILLE);
    expect(gone.body.errors).toBeUndefined();
    expect(gone.body.data.ecosystem.hubs.map((h: any) => h.hub.slug)).not.toContain('euratechnologies');
    expect(gone.body.data.nationalMap.points.map((p: any) => p.slug)).not.toContain('euratechnologies');
  });
});

describe('labelWithdraw', () => {
  test('a label withdrawn from a date stays in force before it and is WITHDRAWN after', async () => {
    const LILLE = `query($asOf: LocalDate) { ecosystem(slug: "french-tech-lille") { label(asOf: $asOf) { id version kind } } }`;
    const label = (await api.graphql(LILLE, { asOf: '2023-06-01' })).body.data.ecosystem.label;
    expect(label.kind).toBe('CAPITAL');
    const withdrawn = await api.graphql(`mutation($input: LabelWithdrawInput!) { labelWithdraw(input: $input) { userErrors { field message code } } }`,
      { input: { id: label.id, expectedVersion: label.version, from: '2024-01-01', sources: ['article-littoral-hdf-2019'] } }, admin);
    expect(withdrawn.body.errors).toBeUndefined();
    expect(withdrawn.body.data.labelWithdraw.userErrors).toEqual([]);

    const STATUS = `query($id: ID!, $asOf: LocalDate) { node(id: $id) { ... on Label { status(asOf: $asOf) } } capitals(asOf: $asOf, first: 100) { nodes { slug } } }`;
    const before = (await api.graphql(STATUS, { id: label.id, asOf: '2023-06-01' })).body.data;
    expect(before.node.status).toBe('ACTIVE');
    expect(before.capitals.nodes.map((c: any) => c.slug)).toContain('french-tech-lille');
    const after = (await api.graphql(STATUS, { id: label.id, asOf: '2024-06-01' })).body.data;
    expect(after.node.status).toBe('WITHDRAWN');
    expect(after.capitals.nodes.map((c: any) => c.slug)).not.toContain('french-tech-lille');
  });
});

describe('programmes, institutions, sources and roles end to end', () => {
  test('create, update with the expected version, archive; each change readable and audited', async () => {
    const audited = async (slugTable: string, slug: string) =>
      (await q<{ n: number }>(`select count(*)::int as n from audit_entry where record_id = (select id from ${slugTable} where slug = $1)`, [slug]))[0]!.n;

    const institution = await api.graphql(`mutation { institutionCreate(input: { slug: "test-institution", name: "Institution Test", kind: CITY,
      seat: "commune-59350", sources: ["article-littoral-hdf-2019"] }) { institution { id version } userErrors { field message } } }`, {}, editor);
    expect(institution.body.data.institutionCreate.userErrors).toEqual([]);
    const institutionId = institution.body.data.institutionCreate.institution.id;
    const renamed = await api.graphql(`mutation($id: ID!) { institutionUpdate(input: { id: $id, expectedVersion: 1, name: "Institution Test (renamed)",
      sources: ["article-littoral-hdf-2019"] }) { institution { name version } userErrors { message } } }`, { id: institutionId }, editor);
    expect(renamed.body.data.institutionUpdate).toEqual({ institution: { name: 'Institution Test (renamed)', version: 2 }, userErrors: [] });

    const programme = await api.graphql(`mutation { programmeCreate(input: { slug: "test-programme", name: "Programme Test", level: LOCAL, kind: GRANT,
      status: ACTIVE, operator: { institution: "test-institution" }, eligibility: { headcountBelow: 20 }, sources: ["article-littoral-hdf-2019"] }) {
      programme { id version operator { ... on Institution { slug } } } userErrors { field message } } }`, {}, editor);
    expect(programme.body.data.programmeCreate).toMatchObject({ programme: { version: 1, operator: { slug: 'test-institution' } }, userErrors: [] });
    const programmeId = programme.body.data.programmeCreate.programme.id;
    const widened = await api.graphql(`mutation($id: ID!) { programmeUpdate(input: { id: $id, expectedVersion: 1, eligibility: { headcountBelow: 250 },
      sources: ["article-littoral-hdf-2019"] }) { programme { eligibility { headcountBelow } version } userErrors { message } } }`, { id: programmeId }, editor);
    expect(widened.body.data.programmeUpdate).toEqual({ programme: { eligibility: { headcountBelow: 250 }, version: 2 }, userErrors: [] });

    const source = await api.graphql(`mutation { sourceCreate(input: { slug: "test-source-e2e", title: "Title", publisher: "Publisher", kind: OFFICIAL_PAGE,
      url: "https://example.org/e2e" }) { source { id version } userErrors { message } } }`, {}, editor);
    const sourceId = source.body.data.sourceCreate.source.id;
    const retitled = await api.graphql(`mutation($id: ID!) { sourceUpdate(input: { id: $id, expectedVersion: 1, title: "New title" }) {
      source { title version } userErrors { message } } }`, { id: sourceId }, editor);
    expect(retitled.body.data.sourceUpdate).toEqual({ source: { title: 'New title', version: 2 }, userErrors: [] });

    const role = await api.graphql(`mutation { roleCreate(input: { personName: "Paul Essai", title: "Directeur", organisation: { institution: "test-institution" },
      sources: ["article-littoral-hdf-2019"] }) { role { id version } userErrors { field message } } }`, {}, editor);
    const roleId = role.body.data.roleCreate.role.id;
    const retitledRole = await api.graphql(`mutation($id: ID!) { roleUpdate(input: { id: $id, expectedVersion: 1, title: "Directeur général",
      sources: ["article-littoral-hdf-2019"] }) { role { title version } userErrors { message } } }`, { id: roleId }, editor);
    expect(retitledRole.body.data.roleUpdate).toEqual({ role: { title: 'Directeur général', version: 2 }, userErrors: [] });

    for (const [mutation, id] of [['roleArchive', roleId], ['programmeArchive', programmeId], ['institutionArchive', institutionId]] as const) {
      const done = await api.graphql(`mutation($input: ArchiveInput!) { ${mutation}(input: $input) { archivedId userErrors { message } } }`,
        { input: { id, expectedVersion: 2, sources: ['article-littoral-hdf-2019'] } }, editor);
      expect(done.body.data[mutation]).toEqual({ archivedId: id, userErrors: [] });
    }
    const gone = await api.graphql(`{ programme(slug: "test-programme") { id } institution(slug: "test-institution") { id }
      person(slug: "paul-essai") { roles { title } } }`);
    expect(gone.body.data).toEqual({ programme: null, institution: null, person: { roles: [] } });
    expect(await audited('programme', 'test-programme')).toBe(3);
    expect(await audited('institution', 'test-institution')).toBe(3);
    expect(await audited('source', 'test-source-e2e')).toBe(2);
  });
});

describe('one mapping from seed form to rows: a role (role.record.ts) and the person roleCreate adds', () => {
  const COLUMNS = 'title, organisation_type, organisation_id, valid_from::text, valid_to::text, as_of::text, as_of_precision, current';
  /** A seeded role with the most sources (its "as of" is the latest of them), its sources in citation order. */
  async function seededRole() {
    const [role] = await q<{ id: string; version: number; title: string; organisation_type: string; organisation: string; valid_from: string | null; valid_to: string | null; sources: string[] }>(
      `select r.id, r.version, r.title, r.organisation_type, r.valid_from::text, r.valid_to::text,
         coalesce((select slug from association where id = r.organisation_id), (select slug from institution where id = r.organisation_id),
                  (select slug from ecosystem where id = r.organisation_id)) as organisation,
         array(select s.slug from citation c join source s on s.id = c.source_id where c.subject_type = 'Role' and c.subject_id = r.id order by c.position) as sources
       from role r join person p on p.id = r.person_id
       where r.archived_at is null and r.as_of is not null and p.slug not in ('jeanne-testeuse', 'paul-essai', 'role-temoin')
       order by (select count(*) from citation c where c.subject_id = r.id) desc, (r.valid_from is null), r.id limit 1`);
    return role!;
  }

  test('roleCreate writes the row the seed loader wrote for the same role, "as of" included; its new person as the loader would', async () => {
    const seeded = await seededRole();
    expect(seeded.sources.length).toBeGreaterThan(0);
    const input = {
      personName: 'Rôle Témoin', title: seeded.title, organisation: { [seeded.organisation_type.toLowerCase()]: seeded.organisation },
      ...(seeded.valid_from ? { from: seeded.valid_from } : {}), ...(seeded.valid_to ? { to: seeded.valid_to } : {}), sources: seeded.sources,
    };
    const { body } = await api.graphql(`mutation($input: RoleCreateInput!) { roleCreate(input: $input) { role { id } userErrors { field message } } }`, { input }, editor);
    expect(body.data.roleCreate.userErrors).toEqual([]);
    const [fromLoader] = await q(`select ${COLUMNS} from role where id = $1`, [seeded.id]);
    const [fromMutation] = await q(`select ${COLUMNS} from role where person_id = (select id from person where slug = 'role-temoin')`);
    expect(fromMutation).toEqual(fromLoader);
    const [person] = await q(`select slug, name, contact_phone, contact_email, note, note_en from person where slug = 'role-temoin'`);
    expect(person).toEqual({ slug: 'role-temoin', name: 'Rôle Témoin', contact_phone: null, contact_email: null, note: null, note_en: null });
  });

  test('a role the seed loader wrote, sent back through roleUpdate with a source it cites, keeps its row', async () => {
    const seeded = await seededRole();
    const before = await q(`select ${COLUMNS}, position, person_id from role where id = $1`, [seeded.id]);
    const { body } = await api.graphql(`mutation($input: RoleUpdateInput!) { roleUpdate(input: $input) { role { id } userErrors { field message } } }`,
      { input: { id: toGlobalId('Role', seeded.id), expectedVersion: seeded.version, sources: [seeded.sources[0]] } }, editor);
    expect(body.data.roleUpdate.userErrors).toEqual([]);
    expect(await q(`select ${COLUMNS}, position, person_id from role where id = $1`, [seeded.id])).toEqual(before);
  });

  test('"as of" is the latest source date, the more precise of two equal ones', () => {
    expect(latestDate([{ date: '2019-01-01', precision: 'DAY' }, { date: '2019-01-01', precision: 'YEAR' }, { date: '2018-06-01', precision: 'MONTH' }]))
      .toEqual({ date: '2019-01-01', precision: 'DAY' });
    expect(latestDate([])).toBeNull();
  });
});
