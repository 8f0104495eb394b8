import { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, type RateLimiterAbstract } from 'rate-limiter-flexible';

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
 * Where the counts live: the one place to change for another store. In memory for one instance;
 * in Redis when REDIS_URL is set, so instances share the counts.
 */
export interface CounterStore {
  counter(name: string, windowSeconds: number): Counter;
  close(): Promise<void>;
}

export function createCounterStore(redisUrl?: string): CounterStore {
  const redis = redisUrl ? new Redis(redisUrl, { maxRetriesPerRequest: 1 }) : undefined;
  return {
    counter(name, windowSeconds) {
      // `points` is unused: counts only grow through penalty() and shrink through reward(), which never refuse.
      const options = { points: 1, duration: windowSeconds, keyPrefix: `omni-auth:${name}` };
      // While Redis is unreachable each instance falls back to counting in memory rather than failing logins.
      const limiter: RateLimiterAbstract = redis
        ? new RateLimiterRedis({ ...options, storeClient: redis, insuranceLimiter: new RateLimiterMemory(options) })
        : new RateLimiterMemory(options);
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
    },
  };
}
