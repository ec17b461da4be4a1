import 'reflect-metadata';
import { readConfig } from '../../src/server/config.js';
import { createLogger } from '../../src/server/logger.js';
import { startApp, type RunningApp } from '../../src/server/app.js';
import { openDatabase } from '../../src/database/open-database.js';
import type { EmbeddedDatabase } from '../../src/database/embedded-postgres.js';
import { startJobBoard, type RunningService } from './job-board.js';
import { startGateway } from './gateway.js';

/**
 * `npm run supergraph:demo`: maillage (DATABASE_URL, or the embedded PostgreSQL of `npm start`), the
 * example job board and an @apollo/gateway composing both, all on loopback. Ctrl-C stops the three.
 * Ports: MAILLAGE_DEMO_PORT (maillage's subgraph; default: any free port, so the demo runs beside `npm start`
 * on 4000, on its embedded PostgreSQL), JOBS_PORT (4010), GATEWAY_PORT (4020).
 */
const config = readConfig({ LOG_LEVEL: 'warn', ...process.env });
const logger = createLogger(config.logLevel);
const EXAMPLE = `{
  ecosystem(slug: "french-tech-lille") {
    name
    children(asOf: "2019-06-01") {
      name
      ancestors(asOf: "2019-06-01") { name }
      openPositions { title company contractType postedOn address }
    }
  }
}`;

let embedded: EmbeddedDatabase | undefined;
let maillage: RunningApp | undefined;
let jobs: RunningService | undefined;
let gateway: RunningService | undefined;
let stopping = false;

async function main() {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.removeAllListeners(signal);
    process.on(signal, () => void stop(0));
  }
  const database = await openDatabase(config, logger);
  embedded = database.embedded;
  maillage = await startApp({ databaseUrl: database.url, port: Number(process.env.MAILLAGE_DEMO_PORT ?? 0), host: '127.0.0.1', production: false, logger, seedIfEmpty: true });
  jobs = await startJobBoard(Number(process.env.JOBS_PORT ?? 4010));
  gateway = await startGateway([{ name: 'maillage', url: `${maillage.url}/graphql` }, { name: 'jobs', url: jobs.url }], Number(process.env.GATEWAY_PORT ?? 4020));
  process.stdout.write([
    `maillage subgraph  ${maillage.url}/graphql`,
    `job board subgraph ${jobs.url}  (fictional offers)`,
    `gateway            ${gateway.url}`,
    '',
    'Try the communities of a capital, their label path (maillage) and their offers (job board):',
    '',
    `curl -s ${gateway.url} -H 'content-type: application/json' --data '${JSON.stringify({ query: EXAMPLE.replace(/\s+/g, ' ') })}'`,
    '',
    EXAMPLE,
    '',
    'Ctrl-C stops all three.',
    '',
  ].join('\n'));
}

async function stop(code: number) {
  if (stopping) return;
  stopping = true;
  await gateway?.stop().catch(() => undefined);
  await jobs?.stop().catch(() => undefined);
  await maillage?.stop().catch(() => undefined);
  await embedded?.stop().catch(() => undefined);
  logger.flush();
  process.exit(code);
}

main().catch(async (error: Error) => {
  process.stderr.write(`supergraph demo: ${error.message.split('\n')[0]}\n`);
  await stop(1);
});
