import type { MikroORM } from '@mikro-orm/postgresql';
import { Redis } from 'ioredis';
import pg from 'pg';
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRedis, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { RATE_LIMIT_POOL_SIZE } from '../../db/connections.js';
import { outageGuardOf } from '../../db/outage.js';

export interface Count {
  value: number;
  msBeforeReset: number;
}

/** A count per key over a fixed window that starts with the key's first increment. */
export interface Counter {
  increment(key: string): Promise<Count>;
  /** Takes one back (an attempt that turned out fine). */
  decrement(key: string): Promise<void>;
  reset(key: string): Promise<void>;
}

/**
 * Where the counts live: the one place to change for another store. In Redis when REDIS_URL is
 * set; otherwise in PostgreSQL (the `auth_rate_limits` table, on a pool of its own of
 * RATE_LIMIT_POOL_SIZE connections), so every process of a cluster, and every instance on one
 * database, shares the counts. In memory only when given neither (a single process: tests, tools).
 * While Redis or PostgreSQL is unreachable each process falls back to counting in memory rather
 * than failing logins.
 */
export interface CounterStore {
  counter(name: string, windowSeconds: number): Counter;
  close(): Promise<void>;
}

export interface CounterStoreOptions {
  redisUrl?: string;
  /** The app's ORM: its database holds the `auth_rate_limits` table (a migration creates it). */
  database?: MikroORM;
}

/** The table of the PostgreSQL store (the AuthRateLimit entity); every counter's keys carry its name. */
export const RATE_LIMIT_TABLE = 'auth_rate_limits';

export function createCounterStore({ redisUrl, database }: CounterStoreOptions = {}): CounterStore {
  const redis = redisUrl ? new Redis(redisUrl, { maxRetriesPerRequest: 1 }) : undefined;
  const postgres = !redis && database ? postgresPool(database) : undefined;
  let counters = 0;
  const store = (options: { points: number; duration: number; keyPrefix: string }): RateLimiterAbstract => {
    const insuranceLimiter = new RateLimiterMemory(options);
    if (redis) return new RateLimiterRedis({ ...options, storeClient: redis, insuranceLimiter });
    if (!postgres) return new RateLimiterMemory(options);
    return new RateLimiterPostgres({
      ...options,
      storeClient: postgres,
      storeType: 'pool',
      tableName: RATE_LIMIT_TABLE,
      tableCreated: true,
      // One sweep of expired rows (every 5 minutes) serves the whole table.
      clearExpiredByTimeout: counters++ === 0,
      insuranceLimiter,
    });
  };
  return {
    counter(name, windowSeconds) {
      // `points` is unused: counts only grow through penalty() and shrink through reward(), which never refuse.
      const limiter = store({ points: 1, duration: windowSeconds, keyPrefix: `omni-auth:${name}` });
      return {
        async increment(key) {
          const res = await limiter.penalty(key);
          return { value: res.consumedPoints, msBeforeReset: res.msBeforeNext };
        },
        async decrement(key) {
          // A window that ended in between would start at -1: start it empty instead.
          if ((await limiter.reward(key)).consumedPoints < 0) await limiter.delete(key);
        },
        async reset(key) {
          await limiter.delete(key);
        },
      };
    },
    async close() {
      redis?.disconnect();
      await postgres?.end();
    },
  };
}

/**
 * A small pool of its own, guarded by the ORM pool's outage guard: a lost database is noticed
 * within seconds, and once either pool has noticed, the other fails at once too.
 */
function postgresPool(database: MikroORM): pg.Pool {
  const { onPoolCreated, ...guard } = outageGuardOf(database);
  const pool = new pg.Pool({ ...guard, connectionString: database.config.get('clientUrl'), max: RATE_LIMIT_POOL_SIZE, statement_timeout: 5000 });
  onPoolCreated(pool);
  pool.on('error', () => {}); // an idle connection lost with the server: the next query reconnects
  return pool;
}
