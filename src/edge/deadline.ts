import type { EntityManager } from '@mikro-orm/postgresql';
import { GraphQLError } from 'graphql';
import pg, { type Pool, type PoolClient } from 'pg';

/**
 * Stopping a request: its forked EntityManager carries an AbortSignal that fires when the request's
 * deadline passes or its client disconnects. From then on every read of that request fails at once
 * (so graphql-js runs out of work within a few microtasks instead of resolving the rest of the
 * document), and the statement running at that moment is cancelled in PostgreSQL
 * (pg_cancel_backend), so its connection goes back to the pool. PostgreSQL's own
 * `statement_timeout` (DATABASE_STATEMENT_TIMEOUT_MS) bounds any single statement as a backstop.
 */
const signals = new WeakMap<EntityManager, AbortSignal>();

export function bindSignal(em: EntityManager, signal: AbortSignal): void {
  signals.set(em, signal);
}

export function signalOf(em: EntityManager): AbortSignal | undefined {
  return signals.get(em);
}

/** Why a request was stopped (the AbortSignal's reason). */
export class RequestStopped extends GraphQLError {
  constructor(readonly why: 'deadline' | 'disconnected', timeoutMs?: number) {
    super(why === 'deadline' ? `The request took longer than ${timeoutMs} ms and was stopped.` : 'The client disconnected: the request was stopped.', {
      extensions: { code: why === 'deadline' ? 'REQUEST_TIMEOUT' : 'CLIENT_CLOSED_REQUEST' },
    });
  }
}

/**
 * Cancels go through a small pool of their own: through the request pool they would wait for a free
 * connection while every connection of that pool may be held by a statement waiting for its cancel
 * (16 clients leaving at once did exactly that, and the server stopped answering).
 */
const cancelPools = new WeakMap<Pool, Pool>();
function cancelPoolOf(pool: Pool, password: string | undefined): Pool {
  let cancels = cancelPools.get(pool);
  if (!cancels) {
    // The request pool's options, less its password (MikroORM keeps that out of them): given by the caller.
    const options = (pool as unknown as { options: pg.PoolConfig }).options;
    cancels = new pg.Pool({ ...options, password, max: 2, idleTimeoutMillis: 1000, allowExitOnIdle: true });
    cancels.on('error', () => undefined); // a cancel connection lost: the next cancel opens another
    cancelPools.set(pool, cancels);
  }
  return cancels;
}

/** The error a read of a stopped request fails with. */
export const stoppedError = (signal: AbortSignal) =>
  signal.reason instanceof RequestStopped ? signal.reason : new RequestStopped('disconnected');

/**
 * Runs one statement on a pooled connection; if the request is stopped meanwhile, the statement is
 * cancelled and the promise rejects with the reason.
 */
export async function cancellableQuery<Row>(pool: Pool, signal: AbortSignal, config: QueryConfig, password?: string): Promise<Row[]> {
  return onCancellableConnection(pool, signal, password, async (client) => (await client.query(config)).rows as Row[]);
}

export interface QueryConfig { name: string; text: string; values: unknown[] }

/**
 * Runs `work` on a pooled connection; if the request is stopped meanwhile, the statement running on it
 * is cancelled and the promise rejects with the reason. Statements pipelined behind the cancelled one
 * (the key lookups, src/database/sql.ts) still run: each is a few index reads.
 */
export async function onCancellableConnection<T>(pool: Pool, signal: AbortSignal, password: string | undefined, work: (client: PoolClient) => Promise<T>): Promise<T> {
  if (signal.aborted) throw stoppedError(signal);
  const client: PoolClient = await pool.connect();
  if (signal.aborted) {
    client.release();
    throw stoppedError(signal);
  }
  const pid = (client as unknown as { processID: number }).processID;
  let done = false;
  let cancelling: Promise<unknown> | undefined;
  const cancel = () => {
    if (done) return;
    // Another connection asks PostgreSQL to cancel this one's statement (the pg driver has no cancel).
    cancelling = cancelPoolOf(pool, password).query('select pg_cancel_backend($1)', [pid]).catch(() => undefined);
  };
  signal.addEventListener('abort', cancel, { once: true });
  try {
    return await work(client);
  } catch (error) {
    if (signal.aborted) throw stoppedError(signal);
    throw error;
  } finally {
    done = true;
    signal.removeEventListener('abort', cancel);
    // A cancel may land after the statement ended: the connection goes back to the pool only once the
    // cancel has been delivered, or the late cancel would stop another request's statement on it.
    if (cancelling) await cancelling;
    client.release();
  }
}

/**
 * The signal of one HTTP request: aborted with RequestStopped('deadline') after `timeoutMs`, or with
 * RequestStopped('disconnected') when the client goes away before the answer is sent.
 */
export function requestSignal(res: import('node:http').ServerResponse, timeoutMs: number): { signal: AbortSignal; deadline: Promise<RequestStopped>; done(): void } {
  const controller = new AbortController();
  let fire!: (reason: RequestStopped) => void;
  const deadline = new Promise<RequestStopped>((resolve) => { fire = resolve; });
  const timer = setTimeout(() => {
    const reason = new RequestStopped('deadline', timeoutMs);
    controller.abort(reason);
    fire(reason);
  }, timeoutMs);
  timer.unref();
  const onClose = () => {
    if (!res.writableFinished) controller.abort(new RequestStopped('disconnected'));
  };
  res.once('close', onClose);
  return {
    signal: controller.signal,
    deadline,
    done() {
      clearTimeout(timer);
      res.off('close', onClose);
    },
  };
}
