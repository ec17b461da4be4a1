import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { runningProcesses } from './support/processes.js';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { PROJECT_ROOT } from '../src/shared/project-root.js';
import { connectionsPerProcess, embeddedMaxConnections } from '../src/server/config.js';

/**
 * maillage operated as a person does: `npm start` in one terminal (a real process on an embedded
 * PostgreSQL of its own data directory), the commands in another, faults and Ctrl-C/SIGTERM.
 */
const node = path.join(PROJECT_ROOT, 'node_modules', '.bin', 'node');
const dist = (file: string) => path.join(PROJECT_ROOT, 'dist', file);
let dataRoot: string;
let dataDir: string;
let env: Record<string, string>;

beforeAll(async () => {
  await promisify(execFile)(node, [path.join(PROJECT_ROOT, 'scripts', 'build.mjs'), 'server']);
  dataRoot = await mkdtemp(path.join(tmpdir(), 'maillage-operate-'));
  await chmod(dataRoot, 0o755); // PostgreSQL runs as another user and must get through
  dataDir = path.join(dataRoot, 'pg');
  env = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && k !== 'DATABASE_URL') env[k] = v;
  Object.assign(env, { NODE_ENV: 'development', LOG_LEVEL: 'info', PORT: '0', MAILLAGE_DATA_DIR: dataDir, MAILLAGE_PG_PORT: '0' });
}, 120_000);
afterAll(async () => {
  for (const pid of postmasters()) process.kill(pid, 'SIGQUIT');
  if (dataRoot) await rm(dataRoot, { recursive: true, force: true });
});

interface Server { child: ChildProcess; url: string; output: () => string; exited: Promise<number | null>; ms: number }

function startServer(): Promise<Server> {
  const started = Date.now();
  const child = spawn(node, [dist('src/main.js')], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (c) => (output += c));
  child.stderr!.on('data', (c) => (output += c));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`not serving after 60 s:\n${output}`)), 60_000);
    const check = setInterval(() => {
      const match = /"url":"(http:\/\/[^"]+)\/graphql","msg":"maillage is serving"/.exec(output);
      if (match) { clearInterval(check); clearTimeout(timer); resolve({ child, url: match[1]!, output: () => output, exited, ms: Date.now() - started }); }
    }, 25);
    void exited.then(() => { clearInterval(check); clearTimeout(timer); reject(new Error(`exited early:\n${output}`)); });
  });
}

function runCommand(file: string, args: string[], command = node): Promise<{ code: number | null; stdout: string; stderr: string; ms: number }> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(command, file ? [file, ...args] : args, { env, cwd: PROJECT_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (c) => (stdout += c));
    child.stderr!.on('data', (c) => (stderr += c));
    child.on('exit', (code) => resolve({ code, stdout, stderr, ms: Date.now() - started }));
  });
}

/** PostgreSQL server processes on the data directory (the postmaster is the one started with -D <dir>). */
function postmasters(): number[] {
  if (!dataDir) return [];
  return runningProcesses().filter((p) => p.argv.includes(dataDir)).map((p) => p.pid);
}

async function graphql(url: string, query: string, token?: string) {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query }),
  });
  return { status: response.status, body: (await response.json()) as any };
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
let server: Server;
let token: string;

test('commands run beside a running server on its embedded PostgreSQL; a second server names the owner', async () => {
  server = await startServer();
  const [postmaster] = postmasters();
  expect(postmaster).toBeDefined();
  // Sized for every worker's pools (two per process since the key lookups' own): 8 workers need 176.
  expect(runningProcesses().find((p) => p.pid === postmaster)!.argv).toContain(`max_connections=${embeddedMaxConnections({ workers: 1 })}`);
  expect(connectionsPerProcess(10)).toBe(22);
  expect(embeddedMaxConnections({ workers: 8 })).toBeGreaterThanOrEqual(8 * connectionsPerProcess() + 10);

  const created = await runCommand('', ['run', '-s', 'admin', '--', 'create-token', '--name', 'operator', '--role', 'viewer'], 'npm');
  expect(created.stderr).toContain('Created token "operator"');
  expect(created.code).toBe(0);
  token = created.stdout.trim();
  expect(token).toMatch(/^mlg_/);
  const audit = await graphql(server.url, '{ auditTrail(first: 1) { nodes { at } } }', token);
  expect(audit.status).toBe(200);
  expect(audit.body.errors).toBeUndefined();

  const seeded = await runCommand(dist('src/seeding/cli.js'), ['load']);
  expect(seeded.code).toBe(0);
  expect(seeded.stderr).toContain('using the embedded PostgreSQL already running on the data directory');
  expect(postmasters()).toEqual([postmaster]); // the same PostgreSQL: none started beside it

  const second = await runCommand(dist('src/main.js'), []);
  expect(second.code).toBe(1);
  expect(second.stderr).toContain(`belongs to another maillage server (npm start, pid ${server.child.pid}`);
  expect(second.stderr).toContain(server.url);
  expect(postmasters()).toEqual([postmaster]);
  expect((await graphql(server.url, '{ capitals(asOf: "2019-04-03") { totalCount } }')).body.data.capitals.totalCount).toBe(13);
}, 120_000);

test('the embedded PostgreSQL killed (kill -9): the server says so, answers 503 meanwhile and restarts it', async () => {
  const [postmaster] = postmasters();
  process.kill(postmaster!, 'SIGKILL');
  const killedAt = Date.now();
  // Served again, ten answers in a row (the 503s in between are test/outage.test.ts's subject).
  for (let ok = 0; ok < 10;) {
    const r = await graphql(server.url, '{ capitals(asOf: "2019-04-03") { totalCount } }').catch(() => undefined);
    ok = r?.status === 200 && r.body.data?.capitals.totalCount === 13 ? ok + 1 : 0;
    expect(Date.now() - killedAt).toBeLessThan(30_000);
    if (ok === 0) await delay(50);
  }
  expect(server.output()).toContain('embedded PostgreSQL exited unexpectedly (SIGKILL): restarting it');
  expect(server.output()).toContain('"msg":"embedded PostgreSQL restarted"');
  expect(server.output()).toContain('"msg":"database available again"');
  expect(postmasters()).toHaveLength(1);
  expect((await graphql(server.url, '{ auditTrail(first: 1) { nodes { at } } }', token)).status).toBe(200);
}, 60_000);

/** A POST whose body is sent in two halves: the second only when `finish` is called. */
function halfSentRequest(url: string, body: string) {
  const target = new URL(`${url}/graphql`);
  let finish!: () => void;
  const response = new Promise<{ status: number; connection: string | undefined; body: any }>((resolve, reject) => {
    const req = request({ host: target.hostname, port: target.port, path: target.pathname, method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
      let text = '';
      res.on('data', (c) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode!, connection: res.headers.connection, body: JSON.parse(text) }));
    });
    req.on('error', reject);
    req.write(body.slice(0, 10));
    finish = () => req.end(body.slice(10));
  });
  return { response, finish: () => finish() };
}

test('SIGTERM during 16 requests: the accepted ones complete, new connections are refused, exit 0 within 10 s, PostgreSQL stopped', async () => {
  const body = JSON.stringify({ query: '{ nationalMap(asOf: "2019-06-01") { points { name } links { from { name } to { name } } } capitals(asOf: "2019-04-03") { totalCount } }' });
  const requests = Array.from({ length: 16 }, () => halfSentRequest(server.url, body));
  await delay(500); // the server has accepted the 16 connections and is reading their bodies
  const signalled = Date.now();
  server.child.kill('SIGTERM');
  await delay(300);
  await expect(fetch(`${server.url}/health`)).rejects.toThrow();
  for (const r of requests) r.finish();
  const answers = await Promise.all(requests.map((r) => r.response));
  if (answers.some((a) => a.status !== 200)) throw new Error(`not all 200 (${answers.map((a) => a.status)}):\n${server.output().slice(-4000)}`);
  for (const answer of answers) {
    expect(answer.status).toBe(200);
    expect(answer.body.errors).toBeUndefined();
    expect(answer.body.data.capitals.totalCount).toBe(13);
    expect(answer.connection).toBe('close');
  }
  expect(await server.exited).toBe(0);
  expect(Date.now() - signalled).toBeLessThan(10_000);
  expect(postmasters()).toEqual([]);
  expect(existsSync(path.join(dataDir, 'postmaster.pid'))).toBe(false);
  expect(existsSync(`${dataDir}.owner.json`)).toBe(false);
  expect(server.output()).toContain('"msg":"stopped"');
}, 60_000);

test('the server process killed (kill -9): the next start stops the PostgreSQL it left and serves the same data', async () => {
  const crashed = await startServer();
  crashed.child.kill('SIGKILL');
  await crashed.exited;
  const [orphan] = postmasters();
  expect(orphan).toBeDefined(); // PostgreSQL outlived its server

  server = await startServer();
  expect(server.output()).toContain('stopping the embedded PostgreSQL left running by a maillage process that is gone');
  expect(postmasters()).not.toContain(orphan);
  expect(postmasters()).toHaveLength(1);
  expect((await graphql(server.url, '{ auditTrail(first: 1) { nodes { at } } }', token)).status).toBe(200);
  server.child.kill('SIGINT');
  expect(await server.exited).toBe(0);
  expect(postmasters()).toEqual([]);
}, 120_000);

test('commands with no server running start the embedded PostgreSQL and stop it after', async () => {
  const listed = await runCommand(dist('src/admin/cli.js'), ['list-tokens']);
  expect(listed.code).toBe(0);
  expect(listed.stdout).toContain('operator');
  expect(postmasters()).toEqual([]);
  expect(existsSync(`${dataDir}.owner.json`)).toBe(false);
}, 60_000);
