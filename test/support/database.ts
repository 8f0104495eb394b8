import pg from 'pg';
import { resolveDatabase, type DatabaseHandle } from '../../src/db/database.js';
import type { Logger } from '../../src/logger.js';

/**
 * A fresh database for this run: on TEST_DATABASE_URL / DATABASE_URL's server when set,
 * else on the embedded PostgreSQL under .data/test-pg. Dropped at the end, so parallel
 * runs never share rows.
 */
export async function createTestDatabase(log: Logger): Promise<DatabaseHandle> {
  const serverUrl = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
  const server = await resolveDatabase({ databaseUrl: serverUrl, dataDir: '.data/test' }, log, 'postgres');
  const name = `omni_test_${Date.now()}_${process.pid}`;
  await admin(server.url, `create database ${pg.escapeIdentifier(name)}`);
  const url = new URL(server.url);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    embedded: server.embedded,
    async stop() {
      await admin(server.url, `drop database if exists ${pg.escapeIdentifier(name)} with (force)`);
      await server.stop();
    },
  };
}

async function admin(url: string, sql: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
