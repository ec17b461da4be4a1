import pg from 'pg';
import { seededDatabaseUrl } from './support/app.js';
import { inScope, type ScopeColumn } from '../src/territories/territory-scope.js';

/**
 * The region and department filters of the lists (hubs, associations, institutions, ecosystems,
 * events) test a territory against the territory_scope view through inScope
 * (src/territories/territory-scope.ts). On the seeded database (~35,000 communes) they must select
 * what the `exists` over the view selected, and read a few territories per row, not the whole view.
 */
let client: pg.Client;
let territories: number;
let codes: { region_code: string[]; department_code: string[] };
beforeAll(async () => {
  client = new pg.Client({ connectionString: await seededDatabaseUrl() });
  await client.connect();
  territories = (await client.query<{ n: number }>('select count(*)::int as n from territory')).rows[0]!.n;
  const of = async (kind: string) => (await client.query<{ code: string }>(`select code from territory where kind = $1 and country_code = 'FR' order by code`, [kind])).rows.map((r) => r.code);
  codes = { region_code: await of('REGION'), department_code: await of('DEPARTMENT') };
}, 60_000);
afterAll(async () => { await client?.end(); });

// The outer rows and the territory each filter tests, as the resolvers write them.
const CASES: { table: string; territoryId: string }[] = [
  { table: 'hub h', territoryId: 'h.locality_id' },
  { table: 'association a', territoryId: 'a.seat_id' },
  { table: 'institution i', territoryId: 'i.territory_id' },
  { table: 'ecosystem e', territoryId: 'e.seat_id' },
];

/** Rows that the plan's scans of `territory` returned, over all their loops. */
function territoryRowsRead(plan: any): number {
  const own = plan['Relation Name'] === 'territory' ? plan['Actual Rows'] * plan['Actual Loops'] : 0;
  return own + (plan.Plans ?? []).reduce((sum: number, child: any) => sum + territoryRowsRead(child), 0);
}

describe('inScope: a territory in a region or a department', () => {
  test('the seeded database has the communes that made the view costly', () => {
    expect(territories).toBeGreaterThan(30_000);
  });

  test.each(CASES)('on $table, it selects what the exists over the view selected, for every region and department', async ({ table, territoryId }) => {
    let matched = 0;
    for (const column of ['region_code', 'department_code'] as ScopeColumn[]) {
      for (const code of codes[column]) {
        const ids = async (where: string) => (await client.query<{ id: string }>(`select ${table.split(' ')[1]}.id from ${table} where ${where} order by 1`, [code])).rows.map((r) => r.id);
        const now = await ids(inScope(column, '$1', territoryId));
        expect(now).toEqual(await ids(`exists (select 1 from territory_scope s where s.territory_id = ${territoryId} and s.${column} = $1)`));
        matched += now.length;
      }
    }
    if (table !== 'institution i') expect(matched).toBeGreaterThan(0); // not vacuous
  }, 120_000);

  test.each(CASES)('on $table, it reads a few territories per row, not the whole view', async ({ table, territoryId }) => {
    const outer = (await client.query<{ n: number }>(`select count(*)::int as n from ${table}`)).rows[0]!.n;
    const explain = async (where: string) => (await client.query(`explain (analyze, format json) select count(*) from ${table} where ${where}`, [codes.region_code[0]])).rows[0]['QUERY PLAN'][0].Plan;
    // A territory, its department and its region: at most three primary-key reads per outer row.
    expect(territoryRowsRead(await explain(inScope('region_code', '$1', territoryId)))).toBeLessThanOrEqual(3 * outer);
    // What the old form read, so that this test knows what it guards against.
    expect(territoryRowsRead(await explain(`exists (select 1 from territory_scope s where s.territory_id = ${territoryId} and s.region_code = $1)`))).toBeGreaterThan(territories / 2);
  });
});
