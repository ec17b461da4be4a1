import { frenchGeography } from '../src/seeding/geography.js';
import { isInseeCode } from '../src/territories/insee-code.js';
import { startTestApi, type TestApi } from './support/app.js';

/** One rule decides what an INSEE code looks like, for every filter and input (src/territories/insee-code.ts). */
test('every code of the official geography has the shape of its kind', () => {
  const { regions, departments, communes } = frenchGeography();
  expect(regions.filter((r) => !isInseeCode(r.code, 'region')).map((r) => r.code)).toEqual([]);
  expect(departments.filter((d) => !isInseeCode(d.code, 'department')).map((d) => d.code)).toEqual([]);
  expect(communes.filter((c) => !isInseeCode(c.code, 'commune')).map((c) => c.code)).toEqual([]);
  expect(departments.map((d) => d.code)).toEqual(expect.arrayContaining(['2A', '2B']));
});

test('Corsica: departments 2A and 2B, communes 2A…/2B…, no department 20, no region 2A', () => {
  expect(isInseeCode('2A', 'department')).toBe(true);
  expect(isInseeCode('2B', 'department')).toBe(true);
  expect(isInseeCode('2A004', 'commune')).toBe(true);
  expect(isInseeCode('20', 'department')).toBe(false);
  expect(isInseeCode('20004', 'commune')).toBe(false);
  expect(isInseeCode('2A', 'region')).toBe(false);
  expect(isInseeCode('94', 'region')).toBe(true);
  expect(isInseeCode('2C', 'department')).toBe(false);
  expect(isInseeCode('974', 'department')).toBe(true);
  expect(isInseeCode('97411', 'commune')).toBe(true);
  expect(isInseeCode('999', 'department')).toBe(false);
});

describe('the lists and the map apply the same rule', () => {
  let api: TestApi;
  beforeAll(async () => { api = await startTestApi(); });
  afterAll(async () => { await api?.stop(); });

  test.each([
    ['ecosystems', '{ ecosystems(filter: { departmentCode: "2A" }) { totalCount } }'],
    ['associations', '{ associations(filter: { departmentCode: "2B" }) { totalCount } }'],
    ['programmes', '{ programmes(filter: { departmentCode: "2A" }) { totalCount } }'],
    ['territories', '{ territories(filter: { departmentCode: "2A" }) { totalCount } }'],
  ])('%s accept the department 2A/2B', async (_list, query) => {
    const { body } = await api.graphql(query);
    expect(body.errors).toBeUndefined();
  });

  test.each([
    ['ecosystems', '{ ecosystems(filter: { regionCode: "2A" }) { totalCount } }', 'filter.regionCode', 'region'],
    ['hubs', '{ hubs(filter: { regionCode: "2A" }) { totalCount } }', 'filter.regionCode', 'region'],
    ['events', '{ events(filter: { regionCode: "2A" }) { totalCount } }', 'filter.regionCode', 'region'],
    ['the map', '{ nationalMap(filter: { regionCode: "2A" }) { confirmed } }', 'filter.regionCode', 'region'],
    ['institutions', '{ institutions(filter: { regionCode: "2A" }) { totalCount } }', 'filter.regionCode', 'region'],
    ['programmes', '{ programmes(filter: { departmentCode: "20" }) { totalCount } }', 'filter.departmentCode', 'department'],
  ])('%s refuse a code of the wrong kind, naming the argument', async (_list, query, argument, kind) => {
    const { body } = await api.graphql(query);
    expect(body.errors).toHaveLength(1);
    expect(body.errors![0].message).toMatch(new RegExp(`Argument "${argument.replace('.', '\\.')}": "(2A|20)" is not an INSEE ${kind} code`));
    expect(body.errors![0].extensions.code).toBe('BAD_USER_INPUT');
  });
});
