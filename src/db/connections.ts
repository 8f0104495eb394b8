import pg from 'pg';

/** Each process's ORM pool when DB_POOL_SIZE is unset and max_connections leaves room for it. */
export const DEFAULT_POOL_SIZE = 20;
/** The PostgreSQL rate-limit store's own pool, per process (none when REDIS_URL is set). */
export const RATE_LIMIT_POOL_SIZE = 2;
/** Connections left free for everything else: migrations, scripts, psql, a background job queue. */
export const RESERVED_CONNECTIONS = 5;

/** A start-up refusal: N × pool does not fit the server's max_connections (one clear line, exit 1). */
export class ConnectionBudgetError extends Error {}

export interface ConnectionPlan {
  /** Each process's ORM pool. */
  poolSize: number;
  /** The server's max_connections. */
  maxConnections: number;
  /** Every process's pools together, the reserve included. */
  total: number;
}

/**
 * Sizes each server process's pool so `processes × (pool + rate-limit pool) + reserve` stays within
 * PostgreSQL's max_connections: DB_POOL_SIZE when set (refused when it does not fit), otherwise
 * DEFAULT_POOL_SIZE or less (refused when less than 2 would be left).
 */
export function planConnections(maxConnections: number, options: { processes: number; poolSize?: number; rateLimitPool: boolean }): ConnectionPlan {
  const { processes, poolSize: requested } = options;
  const side = options.rateLimitPool ? RATE_LIMIT_POOL_SIZE : 0;
  const room = Math.floor((maxConnections - RESERVED_CONNECTIONS) / processes) - side;
  if (requested === undefined) {
    if (room < 2) {
      throw new ConnectionBudgetError(
        `WEB_CONCURRENCY=${processes} leaves each process ${Math.max(0, room + side)} of PostgreSQL's max_connections (${maxConnections}) after ${RESERVED_CONNECTIONS} reserved, ` +
          `and each needs at least ${2 + side} (a pool of 2${side ? ` + ${side} for rate limits` : ''}); lower WEB_CONCURRENCY or raise max_connections`,
      );
    }
    const poolSize = Math.min(DEFAULT_POOL_SIZE, room);
    return { poolSize, maxConnections, total: processes * (poolSize + side) + RESERVED_CONNECTIONS };
  }
  const total = processes * (requested + side) + RESERVED_CONNECTIONS;
  if (total > maxConnections) {
    throw new ConnectionBudgetError(
      `WEB_CONCURRENCY=${processes} needs ${processes} × (DB_POOL_SIZE=${requested}${side ? ` + ${side} for rate limits` : ''}) + ${RESERVED_CONNECTIONS} reserved = ${total} database connections, ` +
        `more than PostgreSQL's max_connections (${maxConnections}); lower WEB_CONCURRENCY or DB_POOL_SIZE${room >= 1 ? ` (at most ${room} here)` : ''} or raise max_connections`,
    );
  }
  const poolSize = requested;
  return { poolSize, maxConnections, total };
}

/** The server's max_connections, asked on one short-lived connection. */
export async function maxConnectionsOf(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    const { rows } = await client.query<{ max: number }>("select current_setting('max_connections')::int as max");
    return rows[0]!.max;
  } finally {
    await client.end();
  }
}
