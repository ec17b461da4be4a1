import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { MikroORM } from '@mikro-orm/postgresql';
import { migrate, openOrm } from '../src/database/orm.js';
import { exportSeeds } from '../src/seeding/export-seeds.js';
import { loadSeeds, SEEDS_DIR } from '../src/seeding/load-seeds.js';
import { readSeeds } from '../src/seeding/read-seeds.js';
import { checkSeedRecord, validateSeeds } from '../src/seeding/validate-seeds.js';
import { sql } from '../src/database/sql.js';
import type { ChildList } from '../src/editing/child-rows.js';
import { CARRIES as CARRIES_LIST } from '../src/associations/association.record.js';
import { EVENT_ECOSYSTEMS, EVENT_ORGANISERS } from '../src/events/event.record.js';
import { toGlobalId } from '../src/graphql/global-id.js';
import { HUB_ECOSYSTEMS } from '../src/hubs/hub.record.js';
import { PROGRAMME_DEPLOYMENTS, PROGRAMME_TERRITORIES } from '../src/programmes/programme.record.js';
import { freshDatabaseUrl, startTestApi, type TestApi } from './support/app.js';
import { roleHeaders, tableDigest } from './support/editing.js';

/** Building the network through the API: ecosystemCreate, then the child-list edits, over real HTTP. */
let orm: MikroORM;
let api: TestApi;
let editor: Record<string, string>;
let admin: Record<string, string>;
let viewer: Record<string, string>;

beforeAll(async () => {
  const url = await freshDatabaseUrl('mutations_lists');
  orm = await openOrm(url);
  await migrate(orm);
  await loadSeeds(orm);
  ({ editor, admin, viewer } = await roleHeaders(orm, 'Lists'));
  api = await startTestApi(url);
}, 120_000);
afterAll(async () => { await api?.stop(); await orm?.close(true); });

const q = <T>(text: string, params: unknown[] = []) => sql<T>(orm.em.fork(), text, params);

/** A digest of every table these mutations write: any change to any row changes it. */
async function databaseDigest(): Promise<string> {
  const tables = ['citation', 'ecosystem', 'ecosystem_name', 'ecosystem_territory', 'territory', 'label', 'attachment', 'association', 'carrier',
    'hub', 'hub_ecosystem', 'programme', 'programme_territory', 'programme_deployment', 'event', 'event_organiser', 'event_ecosystem', 'search_entry', 'audit_entry'];
  return tableDigest(orm, tables);
}

/** Runs a mutation that must be refused: answers its user errors, and checks that nothing was written. */
async function refused(query: string, input: Record<string, unknown>, field: string, headers = editor) {
  const before = await databaseDigest();
  const { body } = await api.graphql(query, { input }, headers);
  expect(body.errors).toBeUndefined();
  expect(body.data[field][Object.keys(body.data[field]).find((k) => k !== 'userErrors')!]).toBeNull();
  expect(await databaseDigest()).toBe(before);
  return body.data[field].userErrors as { field: string[] | null; message: string; code: string; currentVersion: number | null }[];
}

async function lastAudit(action: string) {
  const [entry] = await q<{ author: string; record_type: string; before: any; after: any }>(
    `select author, record_type, before, after from audit_entry where action = $1 order by id desc limit 1`, [action]);
  return entry;
}

const ERRORS = 'userErrors { field message code currentVersion }';

describe('ecosystemCreate, then label and attach it: the new community is in the network', () => {
  const CREATE = `mutation($input: EcosystemCreateInput!) { ecosystemCreate(input: $input) {
    ecosystem { id slug name version departmentCode sources { slug } } ${ERRORS} } }`;
  const community = {
    slug: 'french-tech-test-opale', name: 'French Tech Test Opale', nameFrom: '2024-01', territories: [{ department: '62' }],
    description: 'Communauté de test.', descriptionEn: 'A test community.', sources: ['article-littoral-hdf-2019'],
  };

  test('create → grant its label → attach it: in network, in its capital\'s children and in search', async () => {
    const created = await api.graphql(CREATE, { input: community }, editor);
    expect(created.body.errors).toBeUndefined();
    const { ecosystem, userErrors } = created.body.data.ecosystemCreate;
    expect(userErrors).toEqual([]);
    expect(ecosystem).toMatchObject({ slug: 'french-tech-test-opale', name: 'French Tech Test Opale', version: 1, departmentCode: '62', sources: [{ slug: 'article-littoral-hdf-2019' }] });
    const audit = await lastAudit('ecosystemCreate');
    expect(audit).toMatchObject({ author: 'Editor Lists', record_type: 'Ecosystem', before: null });
    expect(audit!.after).toMatchObject({ slug: 'french-tech-test-opale', names: [{ name: 'French Tech Test Opale', validFrom: '2024-01-01' }], territories: ['department:62'], sources: ['article-littoral-hdf-2019'] });

    const granted = await api.graphql(`mutation($input: LabelGrantInput!) { labelGrant(input: $input) { label { kind } ${ERRORS} } }`,
      { input: { ecosystemId: ecosystem.id, kind: 'COMMUNITY', validFrom: '2024-01-15', validTo: '2025-12-31', sources: ['article-littoral-hdf-2019'] } }, admin);
    expect(granted.body.data.labelGrant).toEqual({ label: { kind: 'COMMUNITY' }, userErrors: [] });
    const attached = await api.graphql(`mutation($input: EcosystemAttachInput!) { ecosystemAttach(input: $input) { ecosystem { version parent(asOf: "2024-06-01") { slug } } ${ERRORS} } }`,
      { input: { id: ecosystem.id, expectedVersion: 2, parent: 'french-tech-lille', from: '2024-01-15', sources: ['article-littoral-hdf-2019'] } }, admin);
    expect(attached.body.data.ecosystemAttach).toEqual({ ecosystem: { version: 3, parent: { slug: 'french-tech-lille' } }, userErrors: [] });

    const data = await api.data(`{ network(asOf: "2024-06-01") { communities { slug } }
      ecosystem(slug: "french-tech-lille") { children(asOf: "2024-06-01") { slug } }
      search(query: "Test Opale", kinds: [ECOSYSTEM]) { node { ... on Ecosystem { slug } } } }`);
    expect(data.network.communities.map((e: { slug: string }) => e.slug)).toContain('french-tech-test-opale');
    expect(data.ecosystem.children.map((e: { slug: string }) => e.slug)).toContain('french-tech-test-opale');
    expect(data.search.map((h: { node: { slug: string } }) => h.node.slug)).toContain('french-tech-test-opale');
  });

  test('bad input is refused with the field at fault, and nothing is written', async () => {
    expect(await refused(CREATE, { ...community, slug: 'french-tech-test-other', territories: [{ region: '32' }, { department: '999' }] }, 'ecosystemCreate'))
      .toEqual([{ field: ['territories', '1', 'department'], message: 'unknown department "999"', code: 'REFERENCE', currentVersion: null }]);
    expect(await refused(CREATE, { ...community, slug: 'french-tech-test-other', seat: 'commune-00000' }, 'ecosystemCreate'))
      .toEqual([{ field: ['seat'], message: 'unknown locality "commune-00000"', code: 'REFERENCE', currentVersion: null }]);
    expect(await refused(CREATE, { ...community, slug: 'french-tech-test-other', sources: [] }, 'ecosystemCreate'))
      .toEqual([expect.objectContaining({ field: ['sources'], code: 'VALIDATION' })]);
    expect(await refused(CREATE, { ...community, slug: 'french-tech-lille' }, 'ecosystemCreate'))
      .toEqual([{ field: ['slug'], message: 'duplicate slug "french-tech-lille" (already used by another ecosystem)', code: 'VALIDATION', currentVersion: null }]);
  });

  test('viewers cannot create ecosystems', async () => {
    const before = await databaseDigest();
    const { body } = await api.graphql(CREATE, { input: { ...community, slug: 'french-tech-test-viewer' } }, viewer);
    expect(body.errors![0].extensions.code).toBe('FORBIDDEN');
    expect(await databaseDigest()).toBe(before);
  });
});

describe('child lists: the whole list, the parent\'s version, the seed rules, an audit entry', () => {
  const CARRIES = `mutation($input: AssociationCarriesSetInput!) { associationCarriesSet(input: $input) {
    association { version carries { ecosystem { slug } validFrom validTo sources { slug } } } ${ERRORS} } }`;
  const association = async () => (await api.data(`{ association(slug: "cap-numeric") { id version } }`)).association as { id: string; version: number };
  const littoral = { ecosystem: 'french-tech-littoral-hauts-de-france', from: '2019-04-03', sources: ['article-littoral-hdf-2019'] };

  test('an association\'s carried labels: set, then CONFLICT on the old version', async () => {
    const { id, version } = await association();
    const lille = { ecosystem: 'french-tech-lille', from: '2020', to: '2022-06', sources: ['ipreunion-2019-04-03'] };
    const set = await api.graphql(CARRIES, { input: { id, expectedVersion: version, carries: [littoral, lille], sources: ['ipreunion-2019-04-03'] } }, editor);
    expect(set.body.errors).toBeUndefined();
    expect(set.body.data.associationCarriesSet).toEqual({
      association: {
        version: version + 1,
        carries: [
          { ecosystem: { slug: 'french-tech-littoral-hauts-de-france' }, validFrom: '2019-04-03', validTo: null, sources: [{ slug: 'article-littoral-hdf-2019' }] },
          { ecosystem: { slug: 'french-tech-lille' }, validFrom: '2020-01-01', validTo: '2022-06-30', sources: [{ slug: 'ipreunion-2019-04-03' }] },
        ],
      },
      userErrors: [],
    });
    const audit = await lastAudit('associationCarriesSet');
    expect(audit).toMatchObject({ author: 'Editor Lists', record_type: 'Association' });
    expect(audit!.before).toEqual({ version, carries: [{ ecosystem: 'french-tech-littoral-hauts-de-france', from: '2019-04-03', sources: ['article-littoral-hdf-2019'] }] });
    expect(audit!.after).toEqual({ version: version + 1, carries: [
      { ecosystem: 'french-tech-littoral-hauts-de-france', from: '2019-04-03', sources: ['article-littoral-hdf-2019'] },
      { ecosystem: 'french-tech-lille', from: '2020-01-01', to: '2022-06-30', sources: ['ipreunion-2019-04-03'] },
    ] });
    const cited = await api.data(`{ association(slug: "cap-numeric") { sources { slug } } }`);
    expect(cited.association.sources.map((s: { slug: string }) => s.slug)).toContain('ipreunion-2019-04-03');

    // Another editor's edit based on the version before: refused, nothing written.
    expect(await refused(CARRIES, { id, expectedVersion: version, carries: [littoral], sources: ['ipreunion-2019-04-03'] }, 'associationCarriesSet'))
      .toEqual([expect.objectContaining({ field: ['expectedVersion'], code: 'CONFLICT', currentVersion: version + 1 })]);
    // Back to the seeded list: the removed row goes, with its citations.
    const back = await api.graphql(CARRIES, { input: { id, expectedVersion: version + 1, carries: [littoral], sources: ['ipreunion-2019-04-03'] } }, editor);
    expect(back.body.data.associationCarriesSet.userErrors).toEqual([]);
    const [orphans] = await q<{ n: number }>(`select count(*)::int as n from citation c where c.subject_type = 'Carrier' and not exists (select 1 from carrier x where x.id = c.subject_id)`);
    expect(orphans!.n).toBe(0);
  });

  test('an association\'s carried labels: the seed rules, each error at its list index', async () => {
    const { id, version } = await association();
    const input = (carries: unknown[], sources = ['ipreunion-2019-04-03']) => ({ id, expectedVersion: version, carries, sources });
    expect(await refused(CARRIES, input([littoral, { ecosystem: 'french-tech-nowhere', sources: ['article-littoral-hdf-2019'] }]), 'associationCarriesSet'))
      .toEqual([{ field: ['carries', '1', 'ecosystem'], message: 'unknown ecosystem "french-tech-nowhere"', code: 'REFERENCE', currentVersion: null }]);
    expect(await refused(CARRIES, input([{ ...littoral, to: '2018' }]), 'associationCarriesSet'))
      .toEqual([{ field: ['carries', '0', 'to'], message: 'ends (2018) before it starts (2019-04-03)', code: 'VALIDATION', currentVersion: null }]);
    expect(await refused(CARRIES, input([{ ...littoral, sources: [] }]), 'associationCarriesSet'))
      .toEqual([expect.objectContaining({ field: ['carries', '0', 'sources'], code: 'VALIDATION' })]);
    expect(await refused(CARRIES, input([littoral, littoral]), 'associationCarriesSet'))
      .toEqual([{ field: ['carries', '1'], message: 'repeats carries[0]', code: 'VALIDATION', currentVersion: null }]);
    expect(await refused(CARRIES, input([littoral], []), 'associationCarriesSet'))
      .toEqual([{ field: ['sources'], message: 'must cite at least one source', code: 'VALIDATION', currentVersion: null }]);
    expect(await refused(CARRIES, input([littoral], ['no-such-source']), 'associationCarriesSet'))
      .toEqual([{ field: ['sources', '0'], message: 'unknown source "no-such-source"', code: 'REFERENCE', currentVersion: null }]);
  });

  test('a hub\'s ecosystems, with its role', async () => {
    const HUB = `mutation($input: HubEcosystemsSetInput!) { hubEcosystemsSet(input: $input) {
      hub { version ecosystems { ecosystem { slug } role validFrom } } ${ERRORS} } }`;
    const { hub } = await api.data(`{ hub(slug: "la-plage-digitale") { id version ecosystems { ecosystem { slug } role } } }`);
    const links = [
      { ecosystem: 'french-tech-east', role: 'TOTEM', from: '2019-04-03', sources: ['article-littoral-hdf-2019'] },
      { ecosystem: 'french-tech-littoral-hauts-de-france', role: 'SERVES', from: '2024', sources: ['ipreunion-2019-04-03'] },
    ];
    expect(await refused(HUB, { id: hub.id, expectedVersion: hub.version, ecosystems: [links[0], { ...links[1], ecosystem: 'nope' }], sources: ['ipreunion-2019-04-03'] }, 'hubEcosystemsSet'))
      .toEqual([{ field: ['ecosystems', '1', 'ecosystem'], message: 'unknown ecosystem "nope"', code: 'REFERENCE', currentVersion: null }]);
    const set = await api.graphql(HUB, { input: { id: hub.id, expectedVersion: hub.version, ecosystems: links, sources: ['ipreunion-2019-04-03'] } }, editor);
    expect(set.body.data.hubEcosystemsSet).toEqual({
      hub: { version: hub.version + 1, ecosystems: [
        { ecosystem: { slug: 'french-tech-east' }, role: 'TOTEM', validFrom: '2019-04-03' },
        { ecosystem: { slug: 'french-tech-littoral-hauts-de-france' }, role: 'SERVES', validFrom: '2024-01-01' },
      ] },
      userErrors: [],
    });
    const audit = await lastAudit('hubEcosystemsSet');
    expect(audit!.before.ecosystems.map((l: { ecosystem: string }) => l.ecosystem)).toEqual(hub.ecosystems.map((l: { ecosystem: { slug: string } }) => l.ecosystem.slug));
    expect(audit!.after.ecosystems[1]).toEqual({ ecosystem: 'french-tech-littoral-hauts-de-france', role: 'SERVES', from: '2024-01-01', sources: ['ipreunion-2019-04-03'] });
    expect(await refused(HUB, { id: hub.id, expectedVersion: hub.version, ecosystems: [], sources: ['ipreunion-2019-04-03'] }, 'hubEcosystemsSet'))
      .toEqual([expect.objectContaining({ code: 'CONFLICT', currentVersion: hub.version + 1 })]);
  });

  test('a programme\'s territories (typed references) and deployments', async () => {
    const TERRITORIES = `mutation($input: ProgrammeTerritoriesSetInput!) { programmeTerritoriesSet(input: $input) { programme { version territories { slug } } ${ERRORS} } }`;
    const DEPLOYMENTS = `mutation($input: ProgrammeDeploymentsSetInput!) { programmeDeploymentsSet(input: $input) {
      programme { version deployedBy { ecosystem { slug } validFrom sources { slug } } } ${ERRORS} } }`;
    const { programme } = await api.data(`{ programme(slug: "cap-numeric-hackathons") { id version } }`);
    const sources = ['article-littoral-hdf-2019'];
    expect(await refused(TERRITORIES, { id: programme.id, expectedVersion: programme.version, territories: [{ area: 'cote-d-opale' }, { region: '99' }], sources }, 'programmeTerritoriesSet'))
      .toEqual([{ field: ['territories', '1', 'region'], message: 'unknown region "99"', code: 'REFERENCE', currentVersion: null }]);
    const territories = await api.graphql(TERRITORIES, { input: { id: programme.id, expectedVersion: programme.version, territories: [{ area: 'cote-d-opale' }, { department: '62' }], sources } }, editor);
    expect(territories.body.data.programmeTerritoriesSet.userErrors).toEqual([]);
    expect(territories.body.data.programmeTerritoriesSet.programme.territories.map((t: { slug: string }) => t.slug).sort()).toEqual(['area-cote-d-opale', 'department-62']);
    expect(await lastAudit('programmeTerritoriesSet')).toMatchObject({
      before: { version: programme.version, territories: ['area:cote-d-opale'] },
      after: { version: programme.version + 1, territories: ['area:cote-d-opale', 'department:62'] },
    });

    const deployedBy = [{ ecosystem: 'french-tech-littoral-hauts-de-france', from: '2019-10', sources }];
    expect(await refused(DEPLOYMENTS, { id: programme.id, expectedVersion: programme.version, deployedBy, sources }, 'programmeDeploymentsSet'))
      .toEqual([expect.objectContaining({ field: ['expectedVersion'], code: 'CONFLICT', currentVersion: programme.version + 1 })]);
    const deployed = await api.graphql(DEPLOYMENTS, { input: { id: programme.id, expectedVersion: programme.version + 1, deployedBy, sources } }, editor);
    expect(deployed.body.data.programmeDeploymentsSet).toEqual({
      programme: { version: programme.version + 2, deployedBy: [{ ecosystem: { slug: 'french-tech-littoral-hauts-de-france' }, validFrom: '2019-10-01', sources: [{ slug: 'article-littoral-hdf-2019' }] }] },
      userErrors: [],
    });
    expect(await lastAudit('programmeDeploymentsSet')).toMatchObject({ before: { deployedBy: [] }, after: { deployedBy: [{ ecosystem: 'french-tech-littoral-hauts-de-france', from: '2019-10-01' }] } });
  });

  test('an event\'s organisers (@oneOf references) and ecosystems', async () => {
    const ORGANISERS = `mutation($input: EventOrganisersSetInput!) { eventOrganisersSet(input: $input) {
      event { version organisers { __typename ... on Association { slug } ... on Ecosystem { slug } ... on Institution { slug } } } ${ERRORS} } }`;
    const ECOSYSTEMS = `mutation($input: EventEcosystemsSetInput!) { eventEcosystemsSet(input: $input) { event { version ecosystems { slug } } ${ERRORS} } }`;
    const { event } = await api.data(`{ event(slug: "french-tech-littoral-hdf-launch-2019") { id version } }`);
    const sources = ['article-littoral-hdf-2019'];
    const input = (organisers: unknown[], expectedVersion = event.version) => ({ id: event.id, expectedVersion, organisers, sources });

    expect(await refused(ORGANISERS, input([{ association: 'cap-numeric' }, { ecosystem: 'no-such-ecosystem' }]), 'eventOrganisersSet'))
      .toEqual([{ field: ['organisers', '1', 'ecosystem'], message: 'unknown ecosystem "no-such-ecosystem"', code: 'REFERENCE', currentVersion: null }]);
    expect(await refused(ORGANISERS, input([{ association: 'cap-numeric' }, { association: 'cap-numeric' }]), 'eventOrganisersSet'))
      .toEqual([{ field: ['organisers', '1', 'association'], message: 'repeats organisers[0]', code: 'VALIDATION', currentVersion: null }]);
    // @oneOf: a reference names exactly one record.
    const two = await api.graphql(ORGANISERS, { input: input([{ association: 'cap-numeric', ecosystem: 'french-tech-lille' }]) }, editor);
    expect(two.body.data).toBeUndefined();
    expect(two.body.errors![0].message).toMatch(/Exactly one key must be specified for OneOf type "OrganisationReference"/);

    const set = await api.graphql(ORGANISERS, { input: input([{ association: 'cap-numeric' }, { ecosystem: 'french-tech-lille' }]) }, editor);
    expect(set.body.data.eventOrganisersSet).toEqual({
      event: { version: event.version + 1, organisers: [{ __typename: 'Association', slug: 'cap-numeric' }, { __typename: 'Ecosystem', slug: 'french-tech-lille' }] },
      userErrors: [],
    });
    expect(await lastAudit('eventOrganisersSet')).toMatchObject({
      before: { organisers: ['association:cap-numeric'] }, after: { organisers: ['association:cap-numeric', 'ecosystem:french-tech-lille'] },
    });

    expect(await refused(ECOSYSTEMS, { id: event.id, expectedVersion: event.version + 1, ecosystems: ['french-tech-lille', 'nope'], sources }, 'eventEcosystemsSet'))
      .toEqual([{ field: ['ecosystems', '1'], message: 'unknown ecosystem "nope"', code: 'REFERENCE', currentVersion: null }]);
    expect(await refused(ECOSYSTEMS, { id: event.id, expectedVersion: event.version, ecosystems: ['french-tech-lille'], sources }, 'eventEcosystemsSet'))
      .toEqual([expect.objectContaining({ code: 'CONFLICT', currentVersion: event.version + 1 })]);
    const ecosystems = await api.graphql(ECOSYSTEMS, { input: { id: event.id, expectedVersion: event.version + 1, ecosystems: ['french-tech-lille'], sources } }, editor);
    expect(ecosystems.body.data.eventEcosystemsSet).toEqual({ event: { version: event.version + 2, ecosystems: [{ slug: 'french-tech-lille' }] }, userErrors: [] });
    expect(await lastAudit('eventEcosystemsSet')).toMatchObject({
      before: { ecosystems: ['french-tech-lille', 'french-tech-littoral-hauts-de-france'] }, after: { ecosystems: ['french-tech-lille'] },
    });
    // The event left the community's page (its latest events are read through event_ecosystem).
    const page = await api.data(`{ ecosystem(slug: "french-tech-littoral-hauts-de-france") { events(first: 50) { slug } } }`);
    expect(page.ecosystem.events.map((e: { slug: string }) => e.slug)).not.toContain('french-tech-littoral-hdf-launch-2019');
  });
});

describe('typed references in the record mutations', () => {
  test('an unknown operator is named at its reference\'s field', async () => {
    const HUB = `mutation($input: HubCreateInput!) { hubCreate(input: $input) { hub { slug } ${ERRORS} } }`;
    const hub = { slug: 'test-lists-hub', name: 'Hub', kind: 'COWORKING', locality: 'commune-59350', sources: ['article-littoral-hdf-2019'] };
    expect(await refused(HUB, { ...hub, operator: { institution: 'no-such-institution' } }, 'hubCreate'))
      .toEqual([{ field: ['operator', 'institution'], message: 'unknown institution "no-such-institution"', code: 'REFERENCE', currentVersion: null }]);
    const created = await api.graphql(`mutation($input: HubCreateInput!) { hubCreate(input: $input) { hub { operator { __typename ... on Association { slug } } } ${ERRORS} } }`,
      { input: { ...hub, operator: { association: 'cap-numeric' } } }, editor);
    expect(created.body.data.hubCreate).toEqual({ hub: { operator: { __typename: 'Association', slug: 'cap-numeric' } }, userErrors: [] });
  });

  test('the schema says @oneOf: introspection and SDL', async () => {
    const { body } = await api.graphql(`{ __type(name: "OperatorReference") { isOneOf inputFields { name } } }`);
    expect(body.data.__type).toEqual({ isOneOf: true, inputFields: [{ name: 'association' }, { name: 'institution' }] });
    const sdl = await api.data(`{ _service { sdl } }`);
    expect(sdl._service.sdl).toMatch(/input OperatorReference @oneOf \{/);
  });
});

describe('one mapping from seed form to rows: a list the seed loader wrote, sent back through its mutation, keeps its rows', () => {
  /** `kind:key` in seed form → a typed reference input (`{ area: "cote-d-opale" }`). */
  const typed = (ref: unknown) => ({ [(ref as string).split(':')[0]!]: (ref as string).slice((ref as string).indexOf(':') + 1) });
  // Records the other tests of this file edit are left out, so that these see rows written by the seed loader.
  const cases: { list: ChildList; table: string; parentColumn: string; parent: string; typename: string; mutation: string; item: (item: unknown) => unknown; edited: string }[] = [
    { list: CARRIES_LIST, table: 'carrier', parentColumn: 'association_id', parent: 'association', typename: 'Association', mutation: 'associationCarriesSet', item: (i) => i, edited: 'cap-numeric' },
    { list: HUB_ECOSYSTEMS, table: 'hub_ecosystem', parentColumn: 'hub_id', parent: 'hub', typename: 'Hub', mutation: 'hubEcosystemsSet', item: (i) => i, edited: 'la-plage-digitale' },
    { list: PROGRAMME_TERRITORIES, table: 'programme_territory', parentColumn: 'programme_id', parent: 'programme', typename: 'Programme', mutation: 'programmeTerritoriesSet', item: typed, edited: 'cap-numeric-hackathons' },
    { list: PROGRAMME_DEPLOYMENTS, table: 'programme_deployment', parentColumn: 'programme_id', parent: 'programme', typename: 'Programme', mutation: 'programmeDeploymentsSet', item: (i) => i, edited: 'cap-numeric-hackathons' },
    { list: EVENT_ORGANISERS, table: 'event_organiser', parentColumn: 'event_id', parent: 'event', typename: 'Event', mutation: 'eventOrganisersSet', item: typed, edited: 'french-tech-littoral-hdf-launch-2019' },
    { list: EVENT_ECOSYSTEMS, table: 'event_ecosystem', parentColumn: 'event_id', parent: 'event', typename: 'Event', mutation: 'eventEcosystemsSet', item: (i) => i, edited: 'french-tech-littoral-hdf-launch-2019' },
  ];

  test.each(cases)('$mutation', async ({ list, table, parentColumn, parent, typename, mutation, item, edited }) => {
    // The record with the longest such list, and a source it already cites (so that only the list is sent).
    const [record] = await q<{ id: string; version: number; source: string }>(
      `select p.id, p.version, (select s.slug from citation c join source s on s.id = c.source_id where c.subject_id = p.id order by c.position limit 1) as source
       from ${parent} p where p.slug <> $1 order by (select count(*) from ${table} x where x.${parentColumn} = p.id) desc, p.slug limit 1`, [edited]);
    const items = await list.read(orm.em.fork(), record!.id);
    expect(items.length).toBeGreaterThan(0);
    const before = await tableDigest(orm, [table, 'citation']);
    const input = { id: toGlobalId(typename, record!.id), expectedVersion: record!.version, [list.field]: items.map(item), sources: [record!.source] };
    const inputType = `${mutation[0]!.toUpperCase()}${mutation.slice(1)}Input`;
    const { body } = await api.graphql(`mutation($input: ${inputType}!) { ${mutation}(input: $input) { ${ERRORS} } }`, { input }, editor);
    expect(body.errors).toBeUndefined();
    expect(body.data[mutation].userErrors).toEqual([]);
    // The same rows, ids and citations: the mutation mapped the seed form as the loader did.
    expect(await tableDigest(orm, [table, 'citation'])).toBe(before);
    const [after] = await q<{ version: number }>(`select version from ${parent} where id = $1`, [record!.id]);
    expect(after!.version).toBe(record!.version + 1);
  });
});

describe('what the API built, the seed files hold', () => {
  test('seed:export writes the edits above into seed files that pass the seed rules', async () => {
    const workDir = await mkdtemp(path.join(tmpdir(), 'maillage-lists-'));
    try {
      const seeds = path.join(workDir, 'seeds');
      await cp(SEEDS_DIR, seeds, { recursive: true });
      await exportSeeds(orm, seeds);
      const set = await readSeeds(seeds);
      expect(() => validateSeeds(set)).not.toThrow();
      const created = set.ecosystems.find((r) => r.data.slug === 'french-tech-test-opale')!.data;
      expect(created).toMatchObject({ names: [{ name: 'French Tech Test Opale' }], territories: ['department:62'], labels: [{ kind: 'COMMUNITY' }], attachments: [{ parent: 'french-tech-lille' }] });
      const event = set.events.find((r) => r.data.slug === 'french-tech-littoral-hdf-launch-2019')!.data;
      expect(event).toMatchObject({ organisers: ['association:cap-numeric', 'ecosystem:french-tech-lille'], ecosystems: ['french-tech-lille'] });
      expect(await readFile(path.join(seeds, 'programmes.yaml'), 'utf8')).toMatch(/deployedBy:/);
      // Loading them back rewrites no row: the seed loader maps what the mutations wrote as they did.
      const written = ['carrier', 'hub_ecosystem', 'programme_territory', 'programme_deployment', 'event_organiser', 'event_ecosystem', 'citation'];
      const before = await tableDigest(orm, written);
      expect(await loadSeeds(orm, seeds)).toMatchObject({ inserted: 0, updated: 0 });
      expect(await tableDigest(orm, written)).toBe(before);
    } finally {
      await rm(workDir, { recursive: true, force: true });
    }
  }, 120_000);

  test('the seed files obey the list rule the API applies: an item appears once', () => {
    const problems: string[] = [];
    checkSeedRecord('events', { slug: 'x', name: 'X', kind: 'MEETUP', startsOn: '2024', organisers: ['association:a', 'association:a'], ecosystems: ['b', 'c', 'b'], sources: ['s'] },
      { has: () => true }, (field, message) => problems.push(`${field}: ${message}`));
    expect(problems).toEqual(['organisers[1]: repeats organisers[0]', 'ecosystems[2]: repeats ecosystems[0]']);
  });
});
