import { startTestApi, type TestApi } from './support/app.js';

/** Associations, institutions, people and partnerships, against the suite's seeded database (read-only). */
let api: TestApi;
beforeAll(async () => { api = await startTestApi(); });
afterAll(async () => { await api?.stop(); });

describe('supporting associations', () => {
  test('Cap Numeric carries French Tech Littoral Hauts-de-France since 2019-04-03', async () => {
    const data = await api.data(`{ association(slug: "cap-numeric") {
      name legalForm kind foundedIn { date precision text } seat { slug name }
      carries { validFrom validTo ecosystem { slug } sources { slug } }
      before: ecosystems(asOf: "2019-04-02") { slug } after: ecosystems(asOf: "2019-04-03") { slug }
      sources { slug } } }`);
    expect(data.association).toMatchObject({
      name: 'Cap Numeric', legalForm: 'ASSOCIATION_LOI_1901', kind: 'NETWORK',
      foundedIn: { date: '2001-01-01', precision: 'YEAR', text: '2001' }, seat: { slug: 'commune-62160', name: 'Boulogne-sur-Mer' },
      carries: [{ validFrom: '2019-04-03', validTo: null, ecosystem: { slug: 'french-tech-littoral-hauts-de-france' }, sources: [{ slug: 'article-littoral-hdf-2019' }] }],
      before: [], after: [{ slug: 'french-tech-littoral-hauts-de-france' }],
    });
    expect(data.association.sources.map((s: any) => s.slug)).toContain('article-littoral-hdf-2019');
  });

  test('an ecosystem lists its carriers as of a date', async () => {
    const data = await api.data(`{ ecosystem(slug: "french-tech-littoral-hauts-de-france") {
      before: carriers(asOf: "2019-04-02") { slug } after: carriers(asOf: "2019-04-03") { slug name }
      carriedBy { validFrom association { slug } } } }`);
    expect(data.ecosystem.before).toEqual([]);
    expect(data.ecosystem.after).toEqual([{ slug: 'cap-numeric', name: 'Cap Numeric' }]);
    expect(data.ecosystem.carriedBy).toEqual([{ validFrom: '2019-04-03', association: { slug: 'cap-numeric' } }]);
  });

  test('filters: legal form, region of the seat, carried ecosystem', async () => {
    const data = await api.data(`{
      informal: associations(filter: { legalForm: INFORMAL_COLLECTIVE }) { totalCount nodes { slug } }
      hdf: associations(filter: { regionCode: "32" }) { nodes { slug } }
      loire: associations(filter: { departmentCode: "42" }) { nodes { slug } }
      carriers: associations(filter: { carriesEcosystemSlug: "french-tech-littoral-hauts-de-france" }) { nodes { slug } }
      clusters: associations(filter: { kind: CLUSTER }) { nodes { kind } }
    }`);
    expect(data.informal).toEqual({ totalCount: 1, nodes: [{ slug: 'la-ruche-digitale' }] });
    expect(data.hdf.nodes).toEqual([{ slug: 'cap-numeric' }]);
    expect(data.loire.nodes.map((n: any) => n.slug).sort()).toEqual(['ciridd', 'loire-numerique']);
    expect(data.carriers.nodes).toEqual([{ slug: 'cap-numeric' }]);
    expect(data.clusters.nodes.length).toBeGreaterThan(0);
    expect(data.clusters.nodes.every((n: any) => n.kind === 'CLUSTER')).toBe(true);
  });

  test('cursor pagination round trip: two pages of 3 equal one page of 6, and back with last/before', async () => {
    const page = `query($first: Int, $after: String, $last: Int, $before: String) {
      associations(first: $first, after: $after, last: $last, before: $before) {
        totalCount nodes { slug } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }`;
    const one = (await api.data(page, { first: 3 })).associations;
    const two = (await api.data(page, { first: 3, after: one.pageInfo.endCursor })).associations;
    const six = (await api.data(page, { first: 6 })).associations;
    expect(one.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    expect(two.pageInfo.hasPreviousPage).toBe(true);
    expect([...one.nodes, ...two.nodes]).toEqual(six.nodes);
    const back = (await api.data(page, { last: 3, before: two.pageInfo.startCursor })).associations;
    expect(back.nodes).toEqual(one.nodes);
    expect(six.totalCount).toBeGreaterThanOrEqual(10);
  });

  test('people in public roles of an association and an ecosystem', async () => {
    const data = await api.data(`{
      association(slug: "loire-numerique") { people { title person { slug } } }
      ecosystem(slug: "french-tech-east") { people { title person { name } organisation { __typename ... on Ecosystem { slug } } } }
    }`);
    expect(data.association.people).toContainEqual({ title: 'contact presse', person: { slug: 'brigitte-marandon' } });
    expect(data.ecosystem.people).toContainEqual({
      title: 'président de French Tech East', person: { name: 'Pierre Rinaldi' }, organisation: { __typename: 'Ecosystem', slug: 'french-tech-east' },
    });
  });
});

describe('partner institutions', () => {
  test('the Mission French Tech hangs from the DGE, itself under the ministry', async () => {
    const data = await api.data(`{ institution(slug: "mission-french-tech") {
      name kind foundedIn { text } website parent { slug parent { slug } } seat { name } sources { slug } }
      dge: institution(slug: "dge") { children { slug } }
      none: institution(slug: "nope") { slug } }`);
    expect(data.institution).toMatchObject({
      name: 'Mission French Tech', kind: 'STATE_AGENCY', foundedIn: { text: '2013' }, website: 'https://lafrenchtech.gouv.fr/',
      parent: { slug: 'dge', parent: { slug: 'ministere-economie' } }, seat: { name: 'Paris' },
    });
    expect(data.dge.children).toContainEqual({ slug: 'mission-french-tech' });
    expect(data.none).toBeNull();
  });

  test('filters by kind and region', async () => {
    const data = await api.data(`{
      councils: institutions(filter: { kinds: [DEPARTMENT_COUNCIL] }) { nodes { slug territory { slug } } }
      ara: institutions(filter: { regionCode: "84" }, first: 100) { nodes { slug } }
      grandEst: institutions(filter: { regionCode: "44" }, first: 100) { nodes { slug } }
    }`);
    expect(data.councils.nodes).toContainEqual({ slug: 'conseil-general-de-la-loire', territory: { slug: 'department-42' } });
    const ara = data.ara.nodes.map((n: any) => n.slug);
    expect(ara).toContain('conseil-general-de-la-loire');
    expect(ara).not.toContain('eurometropole-de-strasbourg');
    expect(data.grandEst.nodes.map((n: any) => n.slug)).toContain('eurometropole-de-strasbourg');
  });
});

describe('partnerships', () => {
  test("Loire Numérique's historic partner is the Conseil Général de la Loire", async () => {
    const data = await api.data(`{ association(slug: "loire-numerique") {
      partnerships(side: TARGET) { role note partner { __typename ... on Institution { slug name } } sources { slug } } } }`);
    expect(data.association.partnerships).toContainEqual({
      role: 'HISTORIC_PARTNER', note: '« son partenaire historique » (2009).',
      partner: { __typename: 'Institution', slug: 'conseil-general-de-la-loire', name: 'Conseil Général de la Loire' },
      sources: [{ slug: 'article-loire-numerique-2009' }],
    });
  });

  test('both directions: the council gives partnerships, the ecosystem receives them', async () => {
    const data = await api.data(`{
      institution(slug: "conseil-general-de-la-loire") {
        given: partnerships(side: PARTNER) { role validFrom validTo target { __typename ... on Association { slug } } }
        received: partnerships(side: TARGET) { role } }
      ecosystem(slug: "la-french-tech") { partnerships { role partner { ... on Institution { slug } } } }
    }`);
    expect(data.institution.given).toEqual(expect.arrayContaining([
      { role: 'HISTORIC_PARTNER', validFrom: null, validTo: null, target: { __typename: 'Association', slug: 'loire-numerique' } },
      { role: 'EVALUATOR', validFrom: '2009-01-01', validTo: '2009-12-31', target: { __typename: 'Association', slug: 'loire-numerique' } },
    ]));
    expect(data.institution.received).toEqual([]);
    expect(data.ecosystem.partnerships).toEqual(expect.arrayContaining([
      { role: 'LABEL_AUTHORITY', partner: { slug: 'mission-french-tech' } }, { role: 'OPERATOR', partner: { slug: 'mission-french-tech' } },
    ]));
  });

  test('the list filters by role and partner; a programme is a target', async () => {
    const data = await api.data(`{
      historic: partnerships(filter: { role: HISTORIC_PARTNER }) { totalCount nodes { target { ... on Association { slug } } } }
      bpi: partnerships(filter: { partnerSlug: "bpifrance" }) { nodes { role target { __typename ... on Programme { slug } } } }
      cap: partnerships(filter: { partnerSlug: "cluster-edit" }) { nodes { partner { __typename ... on Association { slug } } } }
      cescom: partnerships(filter: { partnerSlug: "cescom", role: HOST }) { nodes { target { __typename ... on Event { slug } } } }
    }`);
    expect(data.cescom.nodes).toEqual([{ target: { __typename: 'Event', slug: 'gen1-2013' } }]);
    expect(data.historic).toEqual({ totalCount: 1, nodes: [{ target: { slug: 'loire-numerique' } }] });
    expect(data.bpi.nodes).toContainEqual({ role: 'OPERATOR', target: { __typename: 'Programme', slug: 'french-tech-rise' } });
    expect(data.cap.nodes).toEqual([{ partner: { __typename: 'Association', slug: 'cluster-edit' } }]);
  });
});

describe('people', () => {
  test('a person with roles in an institution; unknown slug gives null', async () => {
    const data = await api.data(`{ person(slug: "clara-chappaz") { name roles { title validFrom validTo organisation { __typename ... on Institution { slug } } sources { slug } } }
      nobody: person(slug: "nobody") { name } }`);
    expect(data.person.name).toBe('Clara Chappaz');
    expect(data.person.roles[0]).toMatchObject({
      title: 'directrice de la Mission French Tech', validFrom: '2021-11-01', validTo: '2024-09-30',
      organisation: { __typename: 'Institution', slug: 'mission-french-tech' },
    });
    expect(data.nobody).toBeNull();
  });

  test('no public path serves a phone number: the seeded press contact never appears', async () => {
    const { body } = await api.graphql(`{ people(first: 100) { totalCount nodes {
      id slug name sources { slug title publisher url file note }
      roles { id title validFrom validTo sources { slug }
        organisation { __typename ... on Association { slug name mission } ... on Institution { slug name description } ... on Ecosystem { slug name description } } }
    } } }`);
    expect(body.errors).toBeUndefined();
    const json = JSON.stringify(body);
    expect(json).toContain('Brigitte Marandon');
    expect(json).not.toContain('04 77 79 30 25');
    expect(json.replace(/\D/g, '')).not.toContain('0477793025');
    // Since issue 4, `contact` serves them to API tokens only (test/privacy.test.ts): null for the public.
    const { body: schema } = await api.graphql(`{ __type(name: "Person") { fields { name } } }`);
    const fields = schema.data.__type.fields.map((f: any) => f.name);
    expect(fields.filter((f: string) => /phone|mail|contact/i.test(f))).toEqual(['contact']);
    const { body: asPublic } = await api.graphql(`{ person(slug: "brigitte-marandon") { contact { phone email } } }`);
    expect(asPublic.errors).toBeUndefined();
    expect(asPublic.data).toEqual({ person: { contact: null } });
  });
});

describe('errors', () => {
  test.each([
    ['associations(first: 0)', 'first'], ['institutions(first: 500)', 'first'], ['people(last: 0)', 'last'],
    ['partnerships(first: 101)', 'first'], ['associations(filter: { regionCode: "Grand Est" })', 'filter.regionCode'],
    ['institutions(filter: { regionCode: "x" })', 'filter.regionCode'],
  ])('%s is BAD_USER_INPUT naming %s', async (field, argument) => {
    const { body } = await api.graphql(`{ x: ${field} { totalCount } }`);
    expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(body.errors?.[0]?.message).toContain(`"${argument}"`);
  });
});

describe('global object identification', () => {
  test('node(id:) returns every new type', async () => {
    const data = await api.data(`{
      association(slug: "cap-numeric") { id carries { id } people { id } }
      institution(slug: "conseil-general-de-la-loire") { id partnerships { id } }
      person(slug: "cedric-o") { id roles { id } }
    }`);
    const ids: [string, string][] = [
      ['Association', data.association.id], ['CarriedLabel', data.association.carries[0].id], ['Institution', data.institution.id],
      ['Partnership', data.institution.partnerships[0].id], ['Person', data.person.id], ['Role', data.person.roles[0].id],
    ];
    for (const [typename, id] of ids) {
      const { node } = await api.data(`query($id: ID!) { node(id: $id) { __typename id } }`, { id });
      expect(node).toEqual({ __typename: typename, id });
    }
  });
});

describe('batching', () => {
  // The benchmark's shape: every capital → its communities → their carriers.
  const CARRIERS = (filter: string) => `{ capitals(asOf: "2019-06-01"${filter}) { nodes { slug
    children(asOf: "2019-06-01") { slug carriers(asOf: "2019-06-01") { name } } } } }`;
  const WIDE = (filter: string) => `{ capitals(asOf: "2019-06-01"${filter}) { nodes { slug
    children(asOf: "2019-06-01") { slug carriers(asOf: "2019-06-01") { name } people { title } hubs { role } partnerships { role } } } } }`;

  test('capitals → communities → carriers costs the same statements for every capital as for one (6)', async () => {
    const all = await api.countStatements(CARRIERS(''));
    const one = await api.countStatements(CARRIERS(', filter: { regionCode: "32" }'));
    expect(all.body.errors).toBeUndefined();
    expect(one.body.errors).toBeUndefined();
    expect(all.body.data.capitals.nodes.length).toBe(13);
    expect(one.body.data.capitals.nodes.map((c: any) => c.slug)).toEqual(['french-tech-lille']);
    const littoral = one.body.data.capitals.nodes[0].children.find((c: any) => c.slug === 'french-tech-littoral-hauts-de-france');
    expect(littoral.carriers).toEqual([{ name: 'Cap Numeric' }]);
    // capitals page, attachments, labels, children rows, carrier rows, associations
    expect(all.count).toBe(one.count);
    expect(all.count).toBeLessThanOrEqual(6);
  });

  test('adding people, hubs and partnerships of every community adds one statement each (9)', async () => {
    const all = await api.countStatements(WIDE(''));
    const one = await api.countStatements(WIDE(', filter: { regionCode: "32" }'));
    expect(all.body.errors).toBeUndefined();
    expect(all.count).toBe(one.count);
    expect(all.count).toBeLessThanOrEqual(9);
  });

  test('people → roles → organisations and sources cost a bounded number of statements', async () => {
    const { count, body } = await api.countStatements(`{ people(first: 100) { nodes { sources { slug } roles { sources { slug }
      organisation { ... on Association { name } ... on Institution { name } ... on Ecosystem { slug } } } } } }`);
    expect(body.errors).toBeUndefined();
    // people, person sources, roles, role sources, + one per organisation type (3)
    expect(count).toBeLessThanOrEqual(7);
  });
});
