import type { Logger } from 'pino';
import { useEmbeddedCluster } from './embedded.js';
import { databaseOnServer } from './server.js';

export interface DatabaseHandle {
  url: string;
  embedded: boolean;
  /** Ends this process's use of the database; the embedded cluster stops when its last user is done. */
  stop(): Promise<void>;
}

/** DATABASE_URL when given; otherwise `embeddedDatabase` on the embedded PostgreSQL under the data folder. */
export async function resolveDatabase(
  config: { databaseUrl?: string; dataDir: string },
  log: Logger,
  embeddedDatabase = 'omnistock',
): Promise<DatabaseHandle> {
  if (config.databaseUrl) return { url: config.databaseUrl, embedded: false, stop: async () => {} };
  const cluster = await useEmbeddedCluster(config.dataDir, log);
  try {
    return { url: await databaseOnServer(cluster.url, embeddedDatabase), embedded: true, stop: cluster.release };
  } catch (error) {
    await cluster.release();
    throw error;
  }
}
