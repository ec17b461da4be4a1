import { pino, type Logger } from 'pino';

/**
 * Structured JSON logs, one line per event: on stdout for the server, on stderr for commands, whose
 * stdout is their answer (`TOKEN=$(npm run -s admin -- create-token …)`).
 */
export function createLogger(level: string, stream: 'stdout' | 'stderr' = 'stdout'): Logger {
  return pino({ level, base: { service: 'maillage' }, timestamp: pino.stdTimeFunctions.isoTime }, pino.destination(stream === 'stderr' ? 2 : 1));
}
export type { Logger };
