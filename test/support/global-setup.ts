// Loaded outside Jest's module registry: import .ts paths explicitly.
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../../src/database/embedded-postgres.ts';
import { createDatabase } from './databases.ts';

/**
 * One PostgreSQL for the whole suite: the embedded one (nothing to install), or the server named by
 * TEST_DATABASE_URL / DATABASE_URL. Either way the suite works in databases it creates and drops.
 */
declare global {
  // eslint-disable-next-line no-var
  var __maillageEmbedded: EmbeddedDatabase | undefined;
}

export default async function globalSetup() {
  let adminUrl = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
  if (!adminUrl) {
    const embedded = await startEmbeddedPostgres({
      dataDir: `${process.env.TMPDIR ?? '/tmp'}/maillage-test-${process.pid}`, port: 0, persistent: false,
      databaseName: 'postgres', log: () => undefined,
    });
    globalThis.__maillageEmbedded = embedded;
    adminUrl = embedded.url;
  }
  const runId = `${Date.now().toString(36)}${process.pid}`;
  process.env.MAILLAGE_TEST_ADMIN_URL = adminUrl;
  process.env.MAILLAGE_TEST_RUN = runId;
  process.env.NODE_ENV = 'test';
  // Operations compile on first sight, so every test runs the compiled execution that serves
  // repeated operations (test/compiled-execution.test.ts covers the first run on graphql-js).
  process.env.MAILLAGE_COMPILE_AFTER ??= '0';
  process.env.MAILLAGE_TEST_DATABASE_URL = await createDatabase(adminUrl, `maillage_test_${runId}`);
}
