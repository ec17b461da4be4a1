import pg from 'pg';
import { seededDatabaseUrl } from './support/app.js';
import { inScope, PLACE_TERRITORIES, type ScopeColumn } from '../src/territories/territory-scope.js';

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

  test('on programmes, through their territory links: what the exists over the view selected, for every region and department', async () => {
    let matched = 0;
    for (const column of ['region_code', 'department_code'] as ScopeColumn[]) {
      for (const code of codes[column]) {
        const ids = async (where: string) => (await client.query<{ id: string }>(`select p.id from programme p where ${where} order by 1`, [code])).rows.map((r) => r.id);
        // As src/programmes/programme.resolver.ts writes it.
        const now = await ids(`p.id in (select pt.programme_id from programme_territory pt where ${inScope(column, '$1', 'pt.territory_id')})`);
        expect(now).toEqual(await ids(`exists (select 1 from programme_territory pt join territory_scope s on s.territory_id = pt.territory_id where pt.programme_id = p.id and s.${column} = $1)`));
        matched += now.length;
      }
    }
    expect(matched).toBeGreaterThan(0); // not vacuous
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

describe('PLACE_TERRITORIES: the territories a place lies in (the programme finder)', () => {
  const RANK: Record<string, number> = { COMMUNE: 0, AREA: 1, DEPARTMENT: 2, REGION: 3, COUNTRY: 4 };
  test('what the view says for every department and region and communes across France, most local first', async () => {
    const places = (await client.query<{ kind: string; code: string }>(`
      select kind, code from territory where country_code = 'FR' and kind in ('DEPARTMENT', 'REGION')
      union all
      select kind, code from (select kind, code, row_number() over (order by code) as n from territory where kind = 'COMMUNE' and country_code = 'FR') c
      where n % 500 = 1 or code in ('67482', '62160', '59183', '57463')`)).rows;
    expect(places.length).toBeGreaterThan(150);
    let areas = 0;
    for (const { kind, code } of places) {
      const [now] = (await client.query<{ territory_ids: string[] }>(PLACE_TERRITORIES, [kind, code])).rows;
      // What the finder matched in the view before (its rule, word for word), with each one's kind.
      const before = (await client.query<{ territory_id: string; kind: string }>(`
        with place as (select s.region_code, s.department_code, s.commune_code from territory t join territory_scope s on s.territory_id = t.id
                       where t.kind = $1 and t.code = $2 and t.country_code = 'FR' limit 1)
        select s.territory_id, s.kind from place cross join territory_scope s
        where (s.kind = 'COMMUNE' and s.commune_code = place.commune_code)
           or (s.kind in ('DEPARTMENT', 'AREA') and s.department_code = place.department_code)
           or (s.kind = 'REGION' and s.region_code = place.region_code)
           or (s.kind = 'COUNTRY' and s.country_code = 'FR')`, [kind, code])).rows;
      expect({ place: `${kind} ${code}`, ids: [...now!.territory_ids].sort() }).toEqual({ place: `${kind} ${code}`, ids: before.map((r) => r.territory_id).sort() });
      const kindOf = new Map(before.map((r) => [r.territory_id, r.kind]));
      const ranks = now!.territory_ids.map((id) => RANK[kindOf.get(id)!]!);
      expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
      areas += before.filter((r) => r.kind === 'AREA').length;
    }
    expect(areas).toBeGreaterThan(0); // not vacuous: places in departments that areas cover
  }, 120_000);

  test('an unknown place has no row', async () => {
    expect((await client.query(PLACE_TERRITORIES, ['COMMUNE', '99999'])).rows).toEqual([]);
  });
});

describe('hub.region_code: the region of a hub\'s locality, kept by a trigger (the national map reads it)', () => {
  test('every seeded hub has the region the territory view gives its locality', async () => {
    const { rows } = await client.query<{ slug: string; region_code: string | null; scope: string | null }>(`
      select h.slug, h.region_code, (select s.region_code from territory_scope s where s.territory_id = h.locality_id order by s.department_code limit 1) as scope
      from hub h order by h.slug`);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.filter((r) => r.region_code !== r.scope)).toEqual([]);
    expect(rows.some((r) => r.region_code !== null)).toBe(true);
  });

  test('writing a locality, inserting a hub or moving a territory keeps it right (in a transaction rolled back)', async () => {
    const region = async (slug: string) => (await client.query<{ region_code: string | null }>(`select region_code from hub where slug = $1`, [slug])).rows[0]!.region_code;
    const commune = async (code: string) => (await client.query<{ id: string }>(`select id from territory where kind = 'COMMUNE' and code = $1`, [code])).rows[0]!.id;
    await client.query('begin');
    try {
      const [hub] = (await client.query<{ slug: string }>(`select slug from hub order by slug limit 1`)).rows;
      // Strasbourg (Grand Est, 44), then Lyon (Auvergne-Rhône-Alpes, 84).
      await client.query(`update hub set locality_id = $1 where slug = $2`, [await commune('67482'), hub!.slug]);
      expect(await region(hub!.slug)).toBe('44');
      await client.query(`update hub set locality_id = $1, region_code = 'XX' where slug = $2`, [await commune('69123'), hub!.slug]);
      expect(await region(hub!.slug)).toBe('84');
      await client.query(`insert into hub (slug, name, kind, locality_id) values ('test-hub-region', 'Test', 'TOTEM', $1)`, [await commune('67482')]);
      expect(await region('test-hub-region')).toBe('44');
      // Bas-Rhin moved under Auvergne-Rhône-Alpes: the refresh after a load catches up.
      await client.query(`update territory set parent_id = (select id from territory where kind = 'REGION' and code = '84') where kind = 'DEPARTMENT' and code = '67'`);
      await client.query(`select refresh_hub_regions()`);
      expect(await region('test-hub-region')).toBe('84');
    } finally {
      await client.query('rollback');
    }
  });
});
