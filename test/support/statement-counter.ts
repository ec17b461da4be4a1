import pg from 'pg';

/**
 * Counts every statement sent to PostgreSQL by this process from its import on (all drivers go
 * through pg.Client#query): the tests' statement counts (test/support/app.ts) and the bench's
 * (test/bench/count-statements.ts, preloaded into the API it measures).
 */
let statements = 0;
/** The texts of the statements sent while recordStatements runs, or null. */
let recorded: string[] | null = null;
const originalQuery = pg.Client.prototype.query;
pg.Client.prototype.query = function countedQuery(this: pg.Client, ...args: unknown[]) {
  statements++;
  recorded?.push(typeof args[0] === 'string' ? args[0] : String((args[0] as { text?: string } | undefined)?.text ?? ''));
  return (originalQuery as (...a: unknown[]) => unknown).apply(this, args);
} as typeof pg.Client.prototype.query;

export function statementCount(): number {
  return statements;
}

/** Runs `work` and returns the texts of the statements this process sent meanwhile (never run two at once). */
export async function recordStatements(work: () => Promise<unknown>): Promise<string[]> {
  const texts: string[] = [];
  recorded = texts;
  try {
    await work();
  } finally {
    recorded = null;
  }
  return texts;
}
