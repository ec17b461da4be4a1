import { createHash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { CompiledQuery, type Kysely } from 'kysely';
import type { Pool } from 'pg';
import { cancellableQuery, signalOf } from '../edge/deadline.js';

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
  const transaction = em.getTransactionContext<Kysely<unknown>>();
  if (transaction) {
    const result = await transaction.executeQuery<Row>(CompiledQuery.raw(text, params as unknown[]));
    return result.rows as Row[];
  }
  const pool = await poolOf(em);
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
