import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { PROJECT_ROOT } from '../src/shared/project-root.js';
import { startTestApi, type TestApi } from './support/app.js';

/**
 * Every documented example operation of schema/operations runs over HTTP with its variables, and
 * its result is checked: the examples partners copy cannot rot.
 */
const DIR = path.join(PROJECT_ROOT, 'schema', 'operations');

const checks: Record<string, (data: any) => void> = {
  'hierarchy-as-of': (data) => {
    expect(data.network.asOf).toBe('2019-04-03');
    expect(data.network.root.name).toBe('La French Tech');
    expect(data.network.capitals).toHaveLength(13);
    const lille = data.network.capitals.find((c: any) => c.slug === 'french-tech-lille');
    expect(lille.label).toMatchObject({ kind: 'CAPITAL', validFrom: '2019-04-03' });
    expect(lille.children.map((c: any) => c.slug)).toEqual(expect.arrayContaining(['french-tech-littoral-hauts-de-france', 'french-tech-artois']));
    expect(data.network.counts).toContainEqual({ kind: 'CAPITAL', count: 13 });
  },
};

let api: TestApi;
let files: string[];
beforeAll(async () => {
  api = await startTestApi();
  files = (await readdir(DIR)).filter((f) => f.endsWith('.graphql')).sort();
});
afterAll(async () => { await api?.stop(); });

test('every example operation has a check', () => {
  expect(files.map((f) => f.replace(/\.graphql$/, ''))).toEqual(Object.keys(checks).sort());
});

test.each(Object.keys(checks).sort())('schema/operations/%s.graphql runs and returns what it documents', async (name) => {
  const query = await readFile(path.join(DIR, `${name}.graphql`), 'utf8');
  const variables = JSON.parse(await readFile(path.join(DIR, `${name}.variables.json`), 'utf8').catch(() => '{}'));
  expect(query).toMatch(/^# /); // documented
  const { status, body } = await api.graphql(query, variables);
  expect(body.errors).toBeUndefined();
  expect(status).toBe(200);
  checks[name]!(body.data);
});
