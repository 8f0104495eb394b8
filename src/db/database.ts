import { join } from 'node:path';
import type { Logger } from 'pino';
import { startEmbeddedPostgres } from './embedded.js';

export interface DatabaseHandle {
  url: string;
  embedded: boolean;
  stop(): Promise<void>;
}

/** DATABASE_URL when given; otherwise an embedded PostgreSQL under the data folder. */
export async function resolveDatabase(
  config: { databaseUrl?: string; dataDir: string },
  log: Logger,
  embeddedDatabase = 'omnistock',
): Promise<DatabaseHandle> {
  if (config.databaseUrl) return { url: config.databaseUrl, embedded: false, stop: async () => {} };
  const db = await startEmbeddedPostgres(join(config.dataDir, 'pg'), embeddedDatabase, log);
  return { url: db.url, embedded: true, stop: db.stop };
}

