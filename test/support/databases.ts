import pg from 'pg';

/** Creates (or recreates) a database on the suite's server and returns its URL. */
export async function createDatabase(adminUrl: string, name: string): Promise<string> {
  await onServer(adminUrl, [`drop database if exists "${name}" with (force)`, `create database "${name}"`]);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Drops a database of the server (the bench's side databases on a DATABASE_URL it was given). */
export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  await onServer(adminUrl, [`drop database if exists "${name}" with (force)`]);
}

async function onServer(adminUrl: string, statements: string[]): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    for (const statement of statements) await client.query(statement);
  } finally {
    await client.end();
  }
}
