import { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { tooManyRequests } from '../../core/errors.js';

export interface AuthRateLimiter {
  /** Counts one attempt against every key; throws TOO_MANY_REQUESTS when any is exhausted. */
  consume(keys: string[]): Promise<void>;
  close(): Promise<void>;
}

export interface RateLimitSettings {
  points: number;
  windowSeconds: number;
  redisUrl?: string;
}

/** In memory for one instance; in Redis when REDIS_URL is set, so instances share the counts. */
export function createAuthRateLimiter(settings: RateLimitSettings): AuthRateLimiter {
  const options = { points: settings.points, duration: settings.windowSeconds, keyPrefix: 'omni-auth' };
  const redis = settings.redisUrl ? new Redis(settings.redisUrl, { maxRetriesPerRequest: 1 }) : undefined;
  // While Redis is unreachable each instance falls back to counting in memory rather than failing logins.
  const limiter: RateLimiterAbstract = redis
    ? new RateLimiterRedis({ ...options, storeClient: redis, insuranceLimiter: new RateLimiterMemory(options) })
    : new RateLimiterMemory(options);
  return {
    async consume(keys) {
      try {
        await Promise.all(keys.map((key) => limiter.consume(key)));
      } catch (error) {
        if (error instanceof RateLimiterRes) throw tooManyRequests(Math.max(1, Math.ceil(error.msBeforeNext / 1000)));
        throw error;
      }
    },
    async close() {
      redis?.disconnect();
    },
  };
}
