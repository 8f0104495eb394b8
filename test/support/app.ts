import type { MikroORM } from '@mikro-orm/postgresql';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { loadConfig } from '../../src/config.js';
import type { DatabaseHandle } from '../../src/db/database.js';
import { openOrm } from '../../src/db/orm.js';
import { createLogger } from '../../src/logger.js';
import { createServices } from '../../src/services.js';
import type { AppServices } from '../../src/trpc/context.js';
import { createTestDatabase } from './database.js';

let database: DatabaseHandle | undefined;
let services: AppServices | undefined;

export const testConfig = (overrides: Record<string, string> = {}) =>
  loadConfig({
    NODE_ENV: 'test',
    DATA_DIR: '.data/test',
    JWT_SECRET: 'test-secret-that-is-long-enough-for-hs256-signing',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent',
    AUTH_RATE_LIMIT_POINTS: '1000',
    CORS_ORIGINS: 'https://app.example.test',
    IMAGE_HOSTS: 'images.example.test',
    ...overrides,
  });

export async function startTestApp(): Promise<void> {
  const config = testConfig();
  // Tests read the outbox by recipient; start each run with an empty one.
  await rm(join(config.dataDir, 'outbox'), { recursive: true, force: true });
  const log = createLogger(config.logLevel);
  database = await createTestDatabase(log);
  const orm = await openOrm(database.url, { migrate: true, statementTimeoutMs: config.statementTimeoutMs });
  services = createServices(config, orm, log);
}

export async function stopTestApp(): Promise<void> {
  await services?.rateLimiter.close();
  await services?.orm.close();
  await database?.stop();
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
