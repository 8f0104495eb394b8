import type { EntityManager } from '@mikro-orm/postgresql';
import { loadConfig } from '../../src/config.js';
import { resolveDatabase } from '../../src/db/database.js';
import { openOrm } from '../../src/db/orm.js';
import { createLogger } from '../../src/logger.js';
import { createServices } from '../../src/services.js';
import type { AppServices } from '../../src/trpc/context.js';

/**
 * Runs a script against the configured database (DATABASE_URL, else the embedded one),
 * migrated, with the same services the server uses and an EntityManager forked for it.
 */
export async function withRuntime<T>(work: (services: AppServices, em: EntityManager) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const log = createLogger(process.env.LOG_LEVEL ?? 'warn');
  const database = await resolveDatabase(config, log);
  const orm = await openOrm(database.url, { migrate: true, statementTimeoutMs: config.statementTimeoutMs });
  const services = createServices(config, orm, log);
  try {
    return await work(services, orm.em.fork());
  } finally {
    await services.rateLimiter.close();
    await orm.close();
    await database.stop();
  }
}

/** `--name value` from the command line, as a positive integer. */
export function intFlag(name: string, fallback: number): number {
  const raw = parseFlags()[name];
  const value = raw === undefined ? fallback : Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} must be a positive integer`);
  return value;
}

/** `--name value` pairs from argv. */
export function parseFlags(argv = process.argv.slice(2)): Record<string, string> {
  const flags: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const key = argv[i]!;
    if (key.startsWith('--')) flags[key.slice(2)] = argv[i + 1]?.startsWith('--') || argv[i + 1] === undefined ? 'true' : argv[++i]!;
  }
  return flags;
}
