import type { MikroORM } from '@mikro-orm/postgresql';
import { loadConfig } from '../../src/config.js';
import { openOrm } from '../../src/db/orm.js';
import { createLogger } from '../../src/logger.js';
import { createServices } from '../../src/services.js';
import type { AppServices } from '../../src/services.js';
import { workerDatabase, workerDataDir } from './database.js';

let services: AppServices | undefined;
const TEST_POOL_SIZE = 10;

export const testConfig = (overrides: Record<string, string> = {}) =>
  loadConfig({
    NODE_ENV: 'test',
    DATA_DIR: workerDataDir(),
    JWT_SECRET: 'test-secret-that-is-long-enough-for-hs256-signing',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent',
    // Generous: the suite signs many users up and in from one address; the rate-limit tests set their own.
    AUTH_FAILURES_PER_ACCOUNT: '1000',
    AUTH_FAILURES_PER_IP: '100000',
    AUTH_FAILURES_BEFORE_SLOWDOWN: '1000',
    AUTH_REQUESTS_PER_IP: '100000',
    AUTH_REQUESTS_PER_EMAIL: '1000',
    CORS_ORIGINS: 'https://app.example.test',
    IMAGE_HOSTS: 'images.example.test',
    JOBS_POLL_SECONDS: '0.5',
    ...overrides,
  });

/** This process's services on its own database (a copy of the run's migrated template). */
export async function startTestApp(): Promise<void> {
  if (services) return; // a worker runs many test files: they share its database and data folder
  const config = testConfig();
  const log = createLogger(config.logLevel);
  // Two runs of two workers share one embedded cluster (max_connections 100) beside the servers
  // the process tests start: half the production pool per worker keeps them all within it.
  const orm = await openOrm(await workerDatabase(), { migrate: false, statementTimeoutMs: config.statementTimeoutMs, poolSize: TEST_POOL_SIZE });
  services = createServices(config, orm, log);
}

export async function stopTestApp(): Promise<void> {
  await services?.jobs.stop(1000);
  await services?.rateLimiter.close();
  await services?.orm.close();
  services = undefined;
}

/** The shared services of this test run (real PostgreSQL, migrated). */
export function app(): AppServices {
  if (!services) throw new Error('test app not started');
  return services;
}

/** Empties every table but the migrations log: each test starts from nothing. */
export async function resetDatabase(orm: MikroORM = app().orm): Promise<void> {
  const tables = [...orm.getMetadata().getAll().values()]
    .filter((meta) => !meta.abstract && !meta.embeddable && meta.tableName)
    .map((meta) => `"${meta.tableName}"`);
  await orm.em.getConnection().execute(`truncate ${[...new Set(tables)].join(', ')} cascade`);
}
