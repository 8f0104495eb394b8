import pg from 'pg';

/**
 * The URL of `database` on the server `url` points at, creating the database (as a copy of
 * `template` when given) when it is missing. Another process creating it at the same time is fine.
 */
export async function databaseOnServer(url: string, database: string, template?: string): Promise<string> {
  await onServer(url, async (client) => {
    const found = await client.query('select 1 from pg_database where datname = $1', [database]);
    if (found.rowCount) return;
    const copy = template ? ` template ${pg.escapeIdentifier(template)}` : '';
    await client.query(`create database ${pg.escapeIdentifier(database)}${copy}`).catch((error: { code?: string }) => {
      if (error.code !== DUPLICATE_DATABASE && error.code !== UNIQUE_VIOLATION) throw error;
    });
  });
  const target = new URL(url);
  target.pathname = `/${database}`;
  return target.toString();
}

const DUPLICATE_DATABASE = '42P04';
// Two concurrent CREATE DATABASE of one name: the loser trips over pg_database's unique index.
const UNIQUE_VIOLATION = '23505';

export const dropDatabase = (url: string, database: string) =>
  onServer(url, (client) => client.query(`drop database if exists ${pg.escapeIdentifier(database)} with (force)`));

/** Runs `work` on one connection to `url`, closed afterwards. */
export async function onServer<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
