import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { delay, embeddedUrl, isAlive, readPidFile, startEmbeddedPostgres, stopProcess, type EmbeddedDatabase } from './embedded-postgres.js';
import { embeddedMaxConnections, type Config } from '../server/config.js';
import type { Logger } from '../server/logger.js';

/**
 * Which database a process uses: DATABASE_URL when set; otherwise the embedded PostgreSQL of the data
 * directory (MAILLAGE_DATA_DIR), shared by every command of the project:
 *
 * - a command (`seed`, `admin`, `seed:synthetic`, `supergraph:demo`…) uses the one already running on
 *   the data directory (its port is in postmaster.pid) and leaves it running; when none runs, it starts
 *   one and the caller stops it after;
 * - a server (`npm start`) starts its own and supervises it. It refuses a data directory whose
 *   PostgreSQL another live server owns, waits for a command that started one to finish, and stops a
 *   PostgreSQL whose owner is dead (a crashed or killed server) before starting its own.
 *
 * Who started the running PostgreSQL is written in `<data dir>.owner.json` (pid, role, since, URL).
 */
export type Role = 'server' | 'command';

export interface OpenedDatabase {
  url: string;
  /** Set when this process started the embedded PostgreSQL: the caller stops it. */
  embedded?: EmbeddedDatabase;
  /** The server records where it serves, so a second server can say who owns the data directory. */
  announce(info: { url: string }): Promise<void>;
}

export interface Owner { pid: number; role: Role; command: string; since: string; postgresPid?: number; url?: string }

const WAIT_FOR_COMMAND_MS = 60_000;

export async function openDatabase(config: Config, logger: Logger, role: Role = 'command'): Promise<OpenedDatabase> {
  if (config.databaseUrl) return { url: config.databaseUrl, announce: async () => undefined };
  const dataDir = path.resolve(config.dataDir);
  const ownerFile = `${dataDir}.owner.json`;
  const log = (message: string) => logger.debug({ component: 'postgres' }, message);
  const deadline = Date.now() + WAIT_FOR_COMMAND_MS;

  for (let attempt = 0; ; attempt++) {
    const running = await readPidFile(dataDir);
    const alive = running && isAlive(running.pid);
    const owner = await readOwner(ownerFile);
    const ownerAlive = owner !== undefined && owner.pid !== process.pid && isAlive(owner.pid);

    if (alive && running.status === 'ready' && (await answers(running.port))) {
      if (role === 'command') {
        logger.info({ dataDir, port: running.port, owner: ownerAlive ? owner!.pid : undefined }, 'using the embedded PostgreSQL already running on the data directory');
        return { url: embeddedUrl(running.port, 'maillage'), announce: async () => undefined };
      }
      if (ownerAlive && owner!.role === 'server') throw new Error(inUseMessage(dataDir, owner!));
    }
    if (alive && ownerAlive && Date.now() < deadline) {
      // A command started it (or a server is starting or stopping it): wait for it to finish.
      if (attempt === 0) logger.info({ dataDir, owner }, `waiting for ${owner!.command} (pid ${owner!.pid}), which started the embedded PostgreSQL of this data directory`);
      await delay(250);
      continue;
    }
    if (alive && ownerAlive) throw new Error(inUseMessage(dataDir, owner!));
    if (alive && role === 'server') {
      // Nobody alive owns it: a server or command that died (kill -9, a crash) left it running.
      logger.warn({ dataDir, postgresPid: running.pid, deadOwner: owner?.pid }, 'stopping the embedded PostgreSQL left running by a maillage process that is gone');
      await stopProcess(running.pid);
      logger.info({ dataDir }, 'the PostgreSQL left running was stopped cleanly');
    } else if (alive && running.status !== 'ready' && attempt < 120) {
      await delay(250); // starting up or shutting down: look again
      continue;
    }

    let embedded: EmbeddedDatabase;
    try {
      embedded = await startEmbeddedPostgres({ dataDir, port: config.embeddedPort, persistent: true, databaseName: 'maillage', log, maxConnections: embeddedMaxConnections(config) });
    } catch (error) {
      // Another process may have started it between our look and our start: use it then.
      const now = await readPidFile(dataDir);
      if (now && isAlive(now.pid) && attempt < 3) continue;
      throw error;
    }
    const me: Owner = { pid: process.pid, role, command: commandName(), since: new Date().toISOString(), postgresPid: embedded.pid() };
    await writeFile(ownerFile, JSON.stringify(me));
    logger.info({ dataDir, port: embedded.port }, 'embedded PostgreSQL started');
    const stop = embedded.stop;
    embedded.stop = async (mode) => {
      await stop(mode);
      const current = await readOwner(ownerFile);
      if (current?.pid === process.pid) await rm(ownerFile, { force: true });
    };
    return {
      url: embedded.url, embedded,
      async announce(info) {
        Object.assign(me, info, { postgresPid: embedded.pid() });
        await writeFile(ownerFile, JSON.stringify(me));
      },
    };
  }
}

function inUseMessage(dataDir: string, owner: Owner): string {
  return `the embedded PostgreSQL of ${dataDir} belongs to another maillage ${owner.role} (${owner.command}, pid ${owner.pid}, since ${owner.since}`
    + `${owner.url ? `, serving ${owner.url}` : ''}). Stop it first, or give this one another MAILLAGE_DATA_DIR (or a DATABASE_URL).`;
}

async function readOwner(file: string): Promise<Owner | undefined> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as Owner;
  } catch {
    return undefined;
  }
}

/** Does a PostgreSQL answer a query on this port with the project's credentials? */
async function answers(port: number): Promise<boolean> {
  const client = new pg.Client({ connectionString: embeddedUrl(port, 'maillage'), connectionTimeoutMillis: 3000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

function commandName(): string {
  const script = process.argv[1] ?? '';
  if (script.endsWith(path.join('src', 'main.js'))) return 'npm start';
  const parts = script.split(path.sep);
  return parts.slice(-2).join('/') || 'node';
}
