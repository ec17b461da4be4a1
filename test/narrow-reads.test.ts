import { parse, Kind, type FragmentDefinitionNode, type OperationDefinitionNode } from 'graphql';
import { freshDatabaseUrl, startTestApi, type TestApi } from './support/app.js';
import { recordStatements } from './support/statement-counter.js';
import { selectedFieldNames } from '../src/graphql/selection.js';
import { migrate, openOrm } from '../src/database/orm.js';
import { loadSyntheticNetwork } from '../src/synthetic/synthetic-network.js';

/**
 * Lists that ask only plain fields of their programmes or associations (`carriers { name programmes
 * { name } }` on the national map) read them narrowly: a few columns instead of the whole row
 * (src/editing/record-fields.ts, answersFromPlainFields). They must answer exactly what the whole read
 * answers, whatever else the request asks: on the seeded network, and on the synthetic one, whose
 * hundreds of carriers and programmes give every list something to read.
 */
let seeded: TestApi;
let api: TestApi; // the synthetic network, scale 1
beforeAll(async () => {
  const url = await freshDatabaseUrl('narrow');
  const orm = await openOrm(url);
  try {
    await migrate(orm);
    await loadSyntheticNetwork(orm, 1, { searchIndex: false });
  } finally {
    await orm.close(true);
  }
  [seeded, api] = [await startTestApi(), await startTestApi(url)];
}, 120_000);
afterAll(async () => { await Promise.all([seeded?.stop(), api?.stop()]); });

// The plain fields of both records, asked on every list the narrow reads serve.
const ASSOCIATION_PLAIN = 'id slug name legalForm kind website __typename';
const PROGRAMME_PLAIN = 'id slug name level kind status';
const narrowMap = (extraAssociation = '', extraProgramme = '') => `query Map($asOf: LocalDate) {
  capitals(first: 100, asOf: $asOf) { nodes { slug
    carriers(asOf: $asOf) { ${ASSOCIATION_PLAIN} ${extraAssociation} programmes { ${PROGRAMME_PLAIN} ${extraProgramme} } }
    children(asOf: $asOf) { slug
      carriers(asOf: $asOf) { ${ASSOCIATION_PLAIN} ${extraAssociation} programmes { ${PROGRAMME_PLAIN} ${extraProgramme} } }
      programmes { ${PROGRAMME_PLAIN} ${extraProgramme} }
    }
  } }
  institutions(first: 100) { nodes { slug programmes { ${PROGRAMME_PLAIN} ${extraProgramme} } } }
}`;
// A partial date is not a plain field: asking it makes every list read whole rows.
const WIDE = narrowMap('foundedIn { text }', 'startsOn { text }');
const NARROW = narrowMap();

/** Drops the keys only the wide query asks, so that both answers can be compared. */
const withoutWideKeys = (value: unknown): unknown => JSON.parse(JSON.stringify(value), (key, v) => (key === 'foundedIn' || key === 'startsOn' ? undefined : v));

describe('narrow reads of programmes and carriers', () => {
  const carriersOf = (data: any) => data.capitals.nodes.flatMap((c: any) => [...c.carriers, ...c.children.flatMap((e: any) => e.carriers)]);

  test.each(['2019-06-01', '2023-06-01', '2026-01-01'])('on %s, the narrow lists answer what the whole rows answer, on the seeded network', async (asOf) => {
    const [narrow, wide] = [await seeded.data(NARROW, { asOf }), await seeded.data(WIDE, { asOf })];
    expect(narrow).toEqual(withoutWideKeys(wide));
    // Not vacuous: the Mission French Tech runs national programmes.
    expect(narrow.institutions.nodes.some((i: any) => i.programmes.length > 0)).toBe(true);
  });

  test.each(['2019-06-01', '2024-01-01'])('on %s, the same on the synthetic network', async (asOf) => {
    const [narrow, wide] = [await api.data(NARROW, { asOf }), await api.data(WIDE, { asOf })];
    expect(narrow).toEqual(withoutWideKeys(wide));
    expect(carriersOf(narrow).length).toBeGreaterThan(50);
    expect(carriersOf(narrow).filter((a: any) => a.programmes.length > 0).length).toBeGreaterThan(50);
  });

  test('the narrow lists read a few columns, the wide ones whole rows, in as many statements', async () => {
    const narrow = await recordStatements(() => api.data(NARROW, { asOf: '2024-01-01' }));
    const wide = await recordStatements(() => api.data(WIDE, { asOf: '2024-01-01' }));
    expect(narrow.length).toBe(wide.length);
    const programmeReads = (texts: string[]) => texts.filter((t) => /\bfrom programme p\b|join programme p\b/.test(t));
    expect(programmeReads(narrow).length).toBeGreaterThanOrEqual(2); // by operator and by ecosystem
    // The whole row brings the description and the operator's slug (a subquery per programme).
    for (const text of programmeReads(narrow)) expect(text).not.toMatch(/p\.description|operator_type/);
    for (const text of programmeReads(wide)) expect(text).toMatch(/p\.description/);
    const carrierReads = (texts: string[]) => texts.filter((t) => /from carrier c join association a/.test(t));
    expect(carrierReads(narrow)).toHaveLength(2); // capitals, then their children
    expect(carrierReads(wide)).toHaveLength(2);
    for (const text of carrierReads(narrow)) expect(text).not.toMatch(/a\.mission/);
    for (const text of carrierReads(wide)) expect(text).toMatch(/a\.mission/);
  });

  test('a narrow and a whole list of the same associations in one request both answer in full', async () => {
    const data = await api.data(`query { ecosystem(slug: "syn-community-0001") {
      narrow: carriers { name programmes { name } }
      whole: carriers { name foundedIn { text } mission programmes { name startsOn { text } } }
    } }`);
    const { narrow, whole } = data.ecosystem;
    expect(narrow.length).toBeGreaterThan(0);
    expect(narrow).toEqual(whole.map((a: any) => ({ name: a.name, programmes: a.programmes.map((p: any) => ({ name: p.name })) })));
  });

  test('a field with its own resolver (a programme\'s operator) is answered from the whole row', async () => {
    const data = await api.data(`query { ecosystem(slug: "syn-community-0001") { programmes { name operatorSlug operator { __typename } } } }`);
    const withOperator = data.ecosystem.programmes.filter((p: any) => p.operatorSlug !== null);
    expect(withOperator.length).toBeGreaterThan(0);
    for (const p of withOperator) expect(p.operator).not.toBeNull();
  });
});

describe('selectedFieldNames', () => {
  const infoOf = (document: string) => {
    const ast = parse(document);
    const operation = ast.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
    const fragments = Object.fromEntries(ast.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]));
    // The nodes of the top field, as a resolver of `carriers` would get them (one per occurrence).
    const fieldNodes = operation.selectionSet.selections.filter((s) => s.kind === Kind.FIELD) as never;
    return { fieldNodes, fragments };
  };

  test('follows fragment spreads and inline fragments, and merges a field asked twice', () => {
    const names = selectedFieldNames(infoOf(`{ carriers { name ...A } carriers { slug } }
      fragment A on Association { ... on Association { programmes { description } } ...B }
      fragment B on Association { website ...A }`));
    expect([...names].sort()).toEqual(['name', 'programmes', 'slug', 'website']);
  });

  test('counts a field under @skip: the wider read is the safe one', () => {
    expect(selectedFieldNames(infoOf('{ carriers { name mission @skip(if: true) } }')).has('mission')).toBe(true);
  });
});
