import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { PROJECT_ROOT } from '../src/shared/project-root.js';
import { documentId, loadTrustedDocuments } from '../src/edge/trusted-documents.js';
import { startTestApi, type TestApi } from './support/app.js';

/**
 * The README's "Call maillage from your site" examples run against a real server: every `sh` block
 * with bash (curl), every `js` block with Node's fetch, the documented address replaced by the test
 * server's. The trusted document ids it lists are the files' ids.
 */
const run = promisify(execFile);
const README = readFileSync(path.join(PROJECT_ROOT, 'README.md'), 'utf8');
const SECTION = README.slice(README.indexOf('## Call maillage from your site'), README.indexOf('\n## ', README.indexOf('## Call maillage from your site') + 5));
const blocks = (language: string) => [...SECTION.matchAll(new RegExp('```' + language + '\\n([\\s\\S]*?)```', 'g'))].map((m) => m[1]!);

let api: TestApi;
beforeAll(async () => { api = await startTestApi(); });
afterAll(async () => { await api?.stop(); });

test('the section has curl and fetch examples', () => {
  expect(blocks('sh').length).toBeGreaterThanOrEqual(2);
  expect(blocks('js').length).toBeGreaterThanOrEqual(2);
});

test('the ids in the table are the trusted documents\' ids', () => {
  const listed = [...SECTION.matchAll(/\| `([\w-]+\.graphql)` \| `(sha256:[0-9a-f]{64})` \|/g)];
  expect(listed.length).toBe(5);
  const trusted = loadTrustedDocuments();
  for (const [, file, id] of listed) {
    expect(documentId(readFileSync(path.join(PROJECT_ROOT, 'schema/operations', file!), 'utf8'))).toBe(id);
    expect(trusted.get(id!)).toBeDefined();
  }
});

test.each(blocks('sh').map((code, i) => [i, code] as const))('sh example %i runs', async (_i, code) => {
  const { stdout } = await run('bash', ['-euo', 'pipefail', '-c', code.replaceAll('http://127.0.0.1:4000', api.url)]);
  expect(stdout.trim()).not.toBe('');
  expect(stdout).not.toMatch(/"errors"/);
  if (code.includes('If-None-Match')) expect(stdout.trim()).toBe('304');
});

test.each(blocks('js').map((code, i) => [i, code] as const))('js example %i runs', async (_i, code) => {
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', code.replaceAll('http://127.0.0.1:4000', api.url)]);
  expect(stdout.trim()).not.toBe('');
});
