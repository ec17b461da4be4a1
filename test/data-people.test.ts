import pg from 'pg';
import { seededDatabaseUrl, startTestApi, type TestApi } from './support/app.js';

/**
 * People and roles (issue 10): each role is dated as its sources date it ("as of" the latest dated
 * source) and served as current only when a source says so; no personal contact detail is stored.
 */
let api: TestApi;
beforeAll(async () => { api = await startTestApi(); });
afterAll(async () => { await api?.stop(); });

const ROLES = `{ people(first: 100) { nodes { slug roles { title asOf { date precision text } current validFrom validTo
  sources { slug publishedOn { date precision } } } } } }`;

/** Roles none of whose sources carries a publication date: they cannot be dated (undated web pages). */
const UNDATABLE = new Set(['daniella-tchana', 'yann-klis']);

test('every role is dated "as of" its latest dated source, with that precision', async () => {
  const { people } = await api.data(ROLES);
  const roles = people.nodes.flatMap((p: any) => p.roles.map((r: any) => ({ person: p.slug, ...r })));
  expect(roles.length).toBeGreaterThanOrEqual(33);
  const undated: string[] = [];
  for (const role of roles) {
    const dated = role.sources.map((s: any) => s.publishedOn).filter(Boolean);
    if (dated.length === 0) {
      undated.push(role.person);
      expect(role.asOf).toBeNull();
      continue;
    }
    const latest = dated.map((d: any) => d.date).sort().at(-1);
    expect({ person: role.person, asOf: role.asOf?.date }).toEqual({ person: role.person, asOf: latest });
  }
  expect(undated.sort()).toEqual([...UNDATABLE].sort());
  const guittard = roles.find((r: any) => r.person === 'arnault-guittard');
  expect(guittard.asOf).toEqual({ date: '2020-05-25', precision: 'DAY', text: '2020-05-25' });
});

test('no role is served as current unless a source says so (none does today)', async () => {
  const { people } = await api.data(ROLES);
  expect(people.nodes.flatMap((p: any) => p.roles).filter((r: any) => r.current)).toEqual([]);
  const { person } = await api.data(`{ person(slug: "yann-klis") { roles { current asOf { text } } note } }`);
  expect(person.roles).toEqual([{ current: false, asOf: null }]);
});

test('no personal contact detail is stored: the 2009 press contact\'s phone number is gone from the database', async () => {
  const client = new pg.Client({ connectionString: await seededDatabaseUrl() });
  await client.connect();
  try {
    const { rows } = await client.query(`select count(*)::int as n from person where contact_phone is not null or contact_email is not null`);
    expect(rows[0].n).toBe(0);
    const { rows: anywhere } = await client.query(`select count(*)::int as n from search_entry where body like '%77 79 30%'`);
    expect(anywhere[0].n).toBe(0);
  } finally {
    await client.end();
  }
});
