import pg from 'pg';

/** The URL of `database` on the server `url` points at, creating the database when it is missing. */
export async function databaseOnServer(url: string, database: string): Promise<string> {
  await onServer(url, async (client) => {
    const found = await client.query('select 1 from pg_database where datname = $1', [database]);
    if (found.rowCount === 0) await client.query(`create database ${pg.escapeIdentifier(database)}`);
  });
  const target = new URL(url);
  target.pathname = `/${database}`;
  return target.toString();
}

export const dropDatabase = (url: string, database: string) =>
  onServer(url, (client) => client.query(`drop database if exists ${pg.escapeIdentifier(database)} with (force)`));

async function onServer<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
