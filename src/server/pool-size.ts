import type { Config } from '../config.js';
import { maxConnectionsOf, planConnections } from '../db/connections.js';
import { DatabaseStartError, describeServer, messageOf } from '../db/start-errors.js';

/**
 * The pool size of each of the server's WEB_CONCURRENCY processes, checked against the database
 * server's max_connections (ConnectionBudgetError when they do not fit).
 */
export async function serverPoolSize(config: Config, databaseUrl: string): Promise<number> {
  const maxConnections = await maxConnectionsOf(databaseUrl).catch((error: unknown) => {
    throw new DatabaseStartError(`cannot connect to PostgreSQL at ${describeServer(databaseUrl)}: ${messageOf(error)}`);
  });
  const plan = planConnections(maxConnections, { processes: config.webConcurrency, poolSize: config.dbPoolSize, rateLimitPool: !config.redisUrl });
  return plan.poolSize;
}
