import pg from 'pg';

/**
 * Counts every statement sent to PostgreSQL by this process from its import on (all drivers go
 * through pg.Client#query): the tests' statement counts (test/support/app.ts) and the bench's
 * (test/bench/count-statements.ts, preloaded into the API it measures).
 */
let statements = 0;
const originalQuery = pg.Client.prototype.query;
pg.Client.prototype.query = function countedQuery(this: pg.Client, ...args: unknown[]) {
  statements++;
  return (originalQuery as (...a: unknown[]) => unknown).apply(this, args);
} as typeof pg.Client.prototype.query;

export function statementCount(): number {
  return statements;
}
