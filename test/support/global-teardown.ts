import pg from 'pg';

/** Drops the databases this run created (on an external server) and stops the embedded one. */
export default async function globalTeardown() {
  const adminUrl = process.env.MAILLAGE_TEST_ADMIN_URL;
  const runId = process.env.MAILLAGE_TEST_RUN;
  if (adminUrl && runId && !globalThis.__maillageEmbedded) {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      const { rows } = await client.query<{ datname: string }>(`select datname from pg_database where datname like $1`, [`%${runId}`]);
      for (const { datname } of rows) await client.query(`drop database if exists "${datname}" with (force)`);
    } finally {
      await client.end();
    }
  }
  await globalThis.__maillageEmbedded?.stop();
}
