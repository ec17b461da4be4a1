import { delay, type EmbeddedDatabase } from './embedded-postgres.js';
import type { Logger } from '../server/logger.js';

/**
 * When the embedded PostgreSQL dies under a running server (kill -9, an out-of-memory kill), the server
 * says so, answers 503 meanwhile and starts it again on the same data directory and port (PostgreSQL
 * replays its write-ahead log: every committed transaction is kept). Its backends may hold the old
 * shared memory for a moment, so starts are retried for up to RESTART_WINDOW_MS; after that, or after
 * MAX_RESTARTS deaths in an hour, the server exits with status 1 for a supervisor (systemd, Docker,
 * a person) to act on.
 */
const RESTART_WINDOW_MS = 30_000;
const MAX_RESTARTS = 5;

export interface SuperviseHooks {
  down(reason: string): void;
  restarted(): Promise<void> | void;
  gaveUp(): void;
  stopping(): boolean;
}

export function superviseEmbedded(embedded: EmbeddedDatabase, logger: Logger, hooks: SuperviseHooks): void {
  const deaths: number[] = [];
  embedded.onUnexpectedExit(async ({ code, signal }) => {
    if (hooks.stopping()) return;
    const reason = `embedded PostgreSQL exited unexpectedly (${signal ?? `exit code ${code}`})`;
    logger.error({ code, signal, dataDir: embedded.dataDir }, `${reason}: restarting it`);
    hooks.down(reason);
    const now = Date.now();
    deaths.push(now);
    while (deaths.length && deaths[0]! < now - 3_600_000) deaths.shift();
    if (deaths.length > MAX_RESTARTS) {
      logger.fatal({ deaths: deaths.length }, `embedded PostgreSQL died ${deaths.length} times within an hour: giving up`);
      return hooks.gaveUp();
    }
    const deadline = now + RESTART_WINDOW_MS;
    let lastError: unknown;
    while (Date.now() < deadline && !hooks.stopping()) {
      try {
        await embedded.restart();
        logger.info({ pid: embedded.pid(), ms: Date.now() - now }, 'embedded PostgreSQL restarted');
        await hooks.restarted();
        return;
      } catch (error) {
        lastError = error;
        await delay(500);
      }
    }
    if (hooks.stopping()) return;
    logger.fatal({ err: lastError }, 'embedded PostgreSQL could not be restarted');
    hooks.gaveUp();
  });
}
