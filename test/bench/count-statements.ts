import { statementCount } from '../support/statement-counter.js';

/**
 * Preloaded (`node --import`) into an API process that test/bench/run.ts starts with an IPC channel:
 * answers the message 'statements' with the statements the process has sent to PostgreSQL so far, so
 * the bench counts statements per operation on the same production process it times.
 */
process.on('message', (message) => {
  if (message === 'statements') process.send?.({ statements: statementCount() });
});
// The channel must not keep the API alive once it has been told to stop.
process.channel?.unref();
