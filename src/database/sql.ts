import { createHash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { CompiledQuery, type Kysely } from 'kysely';
import pg, { type Pool, type PoolClient, type PoolConfig } from 'pg';
import { cancellableQuery, onCancellableConnection, signalOf, stoppedError, type QueryConfig } from '../edge/deadline.js';

/**
 * Runs one parameterised statement ($1, $2…) on the EntityManager's connection and returns plain
 * rows. Bulk reads use this instead of managed entities: no hydration, no identity map (STACK.md,
 * "Speed").
 *
 * Outside a transaction the statement goes straight to the pool as a named prepared statement:
 * PostgreSQL parses and plans each distinct text once per connection, which takes a third of the
 * database's work off the hot read paths. Inside a transaction it runs on the transaction's connection.
 */
export async function sql<Row>(em: EntityManager, text: string, params: readonly unknown[] = []): Promise<Row[]> {
  return run<Row>(em, text, params, poolOf);
}

/**
 * As sql(), for a key lookup: the rows of a batch of ids or slugs (`where x = any($1::uuid[])`), whose
 * best plan is the same whatever the keys (an index on the key column). Outside a transaction it runs
 * on a pool whose connections plan each such statement once (plan_cache_mode=force_generic_plan):
 * PostgreSQL's default re-plans a statement at every run when a batch of one key looks cheaper than its
 * generic plan, and the community page's statements spent twice as long in planning as in executing.
 * Only here: a list whose plan depends on its filters and limit (search, a region's hubs) needs the
 * custom plan of its actual values, and got up to 20 % slower with generic plans.
 */
export function sqlByKeys<Row>(em: EntityManager, text: string, params: readonly unknown[]): Promise<Row[]> {
  if (em.getTransactionContext()) return run<Row>(em, text, params, keyLookupPoolOf);
  let batch = pendingLookups.get(em);
  if (!batch) {
    batch = [];
    pendingLookups.set(em, batch);
    process.nextTick(() => void sendLookups(em));
  }
  return new Promise<Row[]>((resolve, reject) => batch.push({ config: { name: statementName(text), text, values: params as unknown[] }, resolve: resolve as (rows: unknown[]) => void, reject }));
}

interface PendingLookup { config: QueryConfig; resolve: (rows: unknown[]) => void; reject: (error: unknown) => void }
/** The key lookups a request has asked for in this tick, not yet sent. */
const pendingLookups = new WeakMap<EntityManager, PendingLookup[]>();

/**
 * The loaders of one level of a document dispatch together (the community page asks for its
 * programmes, carriers, parent and events in the same tick): their statements go out in one write on
 * one connection (pipelined, each with its own Sync, so each succeeds or fails alone) instead of
 * taking a connection and a round trip each. The rows are parsed as for any other statement.
 */
async function sendLookups(em: EntityManager): Promise<void> {
  const batch = pendingLookups.get(em)!;
  pendingLookups.delete(em);
  const signal = signalOf(em);
  // Each lookup settles as its rows arrive; the connection goes back once all have.
  const send = (client: PoolClient) => Promise.all(batch.map((lookup) => client.query(lookup.config).then(
    (result) => lookup.resolve(result.rows),
    (error: unknown) => lookup.reject(signal?.aborted ? stoppedError(signal) : error),
  )));
  try {
    const pool = await keyLookupPoolOf(em);
    if (signal) return await onCancellableConnection(pool, signal, passwordOf(em), send).then(() => undefined);
    const client = await pool.connect();
    try {
      await send(client);
    } finally {
      client.release();
    }
  } catch (error) {
    for (const lookup of batch) lookup.reject(error); // no effect on the lookups already settled
  }
}

async function run<Row>(em: EntityManager, text: string, params: readonly unknown[], poolFor: (em: EntityManager) => Promise<Pool>): Promise<Row[]> {
  const transaction = em.getTransactionContext<Kysely<unknown>>();
  if (transaction) {
    const result = await transaction.executeQuery<Row>(CompiledQuery.raw(text, params as unknown[]));
    return result.rows as Row[];
  }
  const pool = await poolFor(em);
  // A request that can be stopped (deadline, client gone) runs its statements so they can be cancelled.
  const signal = signalOf(em);
  if (signal) return cancellableQuery<Row>(pool, signal, { name: statementName(text), text, values: params as unknown[] }, passwordOf(em));
  const result = await pool.query({ name: statementName(text), text, values: params as unknown[] });
  return result.rows as Row[];
}

const pools = new WeakMap<object, Promise<Pool>>();
function poolOf(em: EntityManager): Promise<Pool> {
  const connection = em.getConnection();
  let pool = pools.get(connection);
  if (!pool) {
    pool = connection.getNativeClient();
    pools.set(connection, pool);
  }
  return pool;
}

const keyLookupPools = new WeakMap<object, Promise<Pool>>();
/**
 * The key lookups' pool: the ORM pool's settings (address, statement timeout, size), generic plans. It
 * closes with the ORM (openOrm wraps orm.close); its idle connections also close by themselves after a
 * while.
 */
function keyLookupPoolOf(em: EntityManager): Promise<Pool> {
  const connection = em.getConnection();
  let pool = keyLookupPools.get(connection);
  if (!pool) {
    pool = poolOf(em).then((main) => {
      const options = (main as unknown as { options: PoolConfig }).options;
      const lookups = new pg.Pool({
        ...options, password: passwordOf(em), allowExitOnIdle: true,
        // The lookups of one tick go out together on one connection (sendLookups); pg has the option,
        // @types/pg does not name it yet.
        ...({ pipeline: true } as PoolConfig),
        options: [options.options, '-c plan_cache_mode=force_generic_plan'].filter(Boolean).join(' '),
      });
      // A connection PostgreSQL drops emits 'error' (on the pool when idle, on the client when checked
      // out), fatal without a listener; the statement in flight rejects by itself and the pool opens
      // another connection when asked. As MikroORM guards its own pool.
      lookups.on('connect', (client) => client.on('error', () => undefined));
      lookups.on('error', () => undefined);
      return lookups;
    });
    keyLookupPools.set(connection, pool);
  }
  return pool;
}

/** The key lookups' pool of an ORM, if it was opened (releaseLostConnections, shutdown). */
export function keyLookupPool(orm: { em: EntityManager }): Promise<Pool> | undefined {
  return keyLookupPools.get(orm.em.getConnection());
}

/** Closes the key lookups' pool of an ORM (orm.close() does, src/database/orm.ts). */
export async function closeKeyLookupPool(orm: { em: EntityManager }): Promise<void> {
  const connection = orm.em.getConnection();
  const pool = keyLookupPools.get(connection);
  keyLookupPools.delete(connection);
  if (pool) await (await pool).end();
}

/** The database password, for the connections that cancel statements (src/edge/deadline.ts). */
function passwordOf(em: EntityManager): string | undefined {
  const password = em.config.get('password');
  if (typeof password === 'string') return password;
  const url = em.config.get('clientUrl');
  return url ? decodeURIComponent(new URL(url).password) || undefined : undefined;
}

const names = new Map<string, string>();
function statementName(text: string): string {
  let name = names.get(text);
  if (!name) {
    name = `m_${createHash('sha1').update(text).digest('base64url').slice(0, 20)}`;
    names.set(text, name);
  }
  return name;
}
