import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { runningProcesses } from './support/processes.js';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { PROJECT_ROOT } from '../src/shared/project-root.js';

/** `npm start` as a user runs it: a real process on an embedded PostgreSQL, stopped with Ctrl-C. */
const node = path.join(PROJECT_ROOT, 'node_modules', '.bin', 'node');
const main = path.join(PROJECT_ROOT, 'dist', 'src', 'main.js');
let dataRoot: string;

beforeAll(async () => {
  await promisify(execFile)(node, [path.join(PROJECT_ROOT, 'scripts', 'build.mjs'), 'server']);
  dataRoot = await mkdtemp(path.join(tmpdir(), 'maillage-start-'));
  await chmod(dataRoot, 0o755); // PostgreSQL runs as another user and must get through
}, 120_000);
afterAll(async () => { if (dataRoot) await rm(dataRoot, { recursive: true, force: true }); });

interface Started { child: ChildProcess; url: string; output: () => string }

function start(env: Record<string, string | undefined>): Promise<Started> {
  const childEnv: Record<string, string> = {};
  for (const [k, v] of Object.entries({ ...process.env, NODE_ENV: 'development', LOG_LEVEL: 'info', PORT: '0', ...env })) {
    if (v !== undefined) childEnv[k] = v;
  }
  delete childEnv.DATABASE_URL;
  if (env.DATABASE_URL) childEnv.DATABASE_URL = env.DATABASE_URL;
  const child = spawn(node, [main], { env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (c) => (output += c));
  child.stderr!.on('data', (c) => (output += c));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`not serving after 60 s:\n${output}`)), 60_000);
    const check = setInterval(() => {
      const match = /"url":"(http:\/\/[^"]+)\/graphql","msg":"maillage is serving"/.exec(output);
      if (match) { clearInterval(check); clearTimeout(timer); resolve({ child, url: match[1]!, output: () => output }); }
    }, 50);
    child.on('exit', () => { clearInterval(check); clearTimeout(timer); reject(new Error(`exited early:\n${output}`)); });
  });
}

function stop(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => { child.on('exit', (code) => resolve(code)); child.kill('SIGINT'); });
}

/** PostgreSQL processes still running on a data directory. */
function postgresProcessesOn(dataDir: string): number[] {
  return runningProcesses().filter((p) => p.argv.join('\0').includes(dataDir)).map((p) => p.pid);
}

async function capitalsCount(url: string): Promise<number> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ capitals(asOf: "2019-04-03") { totalCount } }' }),
  });
  return ((await response.json()) as any).data.capitals.totalCount;
}

test('first start migrates and seeds, Ctrl-C stops everything, the next start reuses the data', async () => {
  const dataDir = path.join(dataRoot, 'pg');
  const env = { MAILLAGE_DATA_DIR: dataDir, MAILLAGE_PG_PORT: '0' };

  const first = await start(env);
  expect(first.output()).toContain('seeds loaded into an empty database');
  expect(await capitalsCount(first.url)).toBe(13);
  expect((await fetch(`${first.url}/ready`)).status).toBe(200);
  expect(await stop(first.child)).toBe(0);
  expect(postgresProcessesOn(dataDir)).toEqual([]);
  expect(existsSync(path.join(dataDir, 'postmaster.pid'))).toBe(false);

  const second = await start(env);
  expect(second.output()).not.toContain('seeds loaded');
  expect(await capitalsCount(second.url)).toBe(13);
  expect(await stop(second.child)).toBe(0);
  expect(postgresProcessesOn(dataDir)).toEqual([]);
}, 120_000);

test('an unreachable DATABASE_URL exits non-zero with one line naming the database', async () => {
  const child = spawn(node, [main], { env: { ...process.env, DATABASE_URL: 'postgres://nobody:secret@127.0.0.1:1/nowhere', PORT: '0', LOG_LEVEL: 'silent' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (c) => (stderr += c));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  expect(code).toBe(1);
  const lines = stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^maillage: Cannot reach PostgreSQL at 127\.0\.0\.1:1\/nowhere/);
  expect(stderr).not.toContain('secret');
}, 60_000);
