import { execFile, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { PROJECT_ROOT } from '../src/shared/project-root.js';
import { SERVER_NODE_FLAGS, withServerFlags } from '../src/server/memory.js';
import { readConfig } from '../src/server/config.js';
import { seededDatabaseUrl } from './support/app.js';
import { runningProcesses } from './support/processes.js';

/**
 * The heap settings of src/server/memory.ts: the young generation's size is read by V8 only at
 * start, so every way the server starts must pass it; the old generation's growth is a setting.
 */
const main = 'dist/src/main.js';

test('npm start and the Dockerfile start the server with the heap flags', () => {
  const start = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')).scripts.start as string;
  expect(start).toContain(`node ${SERVER_NODE_FLAGS.join(' ')} ${main}`);
  const cmd = /^CMD (\[.*\])$/m.exec(readFileSync(path.join(PROJECT_ROOT, 'Dockerfile'), 'utf8'))?.[1];
  expect(JSON.parse(cmd!)).toEqual(['node', ...SERVER_NODE_FLAGS, main]);
});

test('the flags are added to a command line that lacks them; an operator\'s own value wins', () => {
  expect(withServerFlags([])).toEqual([...SERVER_NODE_FLAGS]);
  expect(withServerFlags(['--enable-source-maps'])).toEqual(['--enable-source-maps', ...SERVER_NODE_FLAGS]);
  expect(withServerFlags(['--max-semi-space-size=64'])).toEqual(['--max-semi-space-size=64']);
  expect(withServerFlags(['--max_semi_space_size=64'])).toEqual(['--max_semi_space_size=64']);
});

test('MAILLAGE_HEAP_GROWING_PERCENT: 50 by default, 0 for V8\'s own, anything else refused by name', () => {
  expect(readConfig({}).heapGrowingPercent).toBe(50);
  expect(readConfig({ MAILLAGE_HEAP_GROWING_PERCENT: '0' }).heapGrowingPercent).toBe(0);
  for (const bad of ['abc', '-5', '12.5', '500']) {
    expect(() => readConfig({ MAILLAGE_HEAP_GROWING_PERCENT: bad })).toThrow(`MAILLAGE_HEAP_GROWING_PERCENT must be a whole number from 0 to 400 (got "${bad}")`);
  }
});

test('the workers of a cluster run with the flags, and serve', async () => {
  await promisify(execFile)(path.join(PROJECT_ROOT, 'node_modules', '.bin', 'node'), [path.join(PROJECT_ROOT, 'scripts', 'build.mjs'), 'server']);
  const env = { ...process.env, DATABASE_URL: await seededDatabaseUrl(), MAILLAGE_WORKERS: '2', PORT: '0', NODE_ENV: 'development', LOG_LEVEL: 'info' };
  // Started without the flags, as `node dist/src/main.js` would be: the primary adds them for its workers.
  const primary = spawn(process.execPath, [path.join(PROJECT_ROOT, main)], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  primary.stdout!.on('data', (c) => (output += c));
  primary.stderr!.on('data', (c) => (output += c));
  const exited = new Promise<number | null>((resolve) => primary.on('exit', resolve));
  try {
    const deadline = Date.now() + 90_000;
    while ((output.match(/maillage is serving/g) ?? []).length < 2) {
      if (Date.now() > deadline || primary.exitCode !== null) throw new Error(`two workers not serving:\n${output}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    const url = /"url":"(http:\/\/[^"]+)\/graphql","msg":"maillage is serving"/.exec(output)![1]!;
    const workers = runningProcesses().filter((p) => p.parent === primary.pid && p.argv.some((arg) => arg.endsWith(main))).map((p) => p.argv);
    expect(workers).toHaveLength(2);
    for (const argv of workers) expect(argv).toEqual(expect.arrayContaining([...SERVER_NODE_FLAGS]));
    const response = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ capitals(asOf: "2019-04-03") { totalCount } }' }) });
    expect(((await response.json()) as any).data.capitals.totalCount).toBeGreaterThan(10);
  } finally {
    primary.kill('SIGTERM');
    expect(await exited).toBe(0);
  }
}, 150_000);
