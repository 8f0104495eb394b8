import { resolveDatabase, type DatabaseHandle } from '../../src/db/database.js';
import { databaseOnServer, dropDatabase } from '../../src/db/server.js';
import type { Logger } from '../../src/logger.js';

/**
 * A fresh database for this run: on TEST_DATABASE_URL / DATABASE_URL's server when set,
 * else on the embedded PostgreSQL under .data/test. Dropped at the end, so parallel
 * runs never share rows.
 */
export async function createTestDatabase(log: Logger): Promise<DatabaseHandle> {
  const serverUrl = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
  const server = await resolveDatabase({ databaseUrl: serverUrl, dataDir: '.data/test' }, log, 'postgres');
  const name = `omni_test_${Date.now()}_${process.pid}`;
  return {
    url: await databaseOnServer(server.url, name),
    embedded: server.embedded,
    async stop() {
      await dropDatabase(server.url, name);
      await server.stop();
    },
  };
}
