// Shared start-up of the scripts: configuration, database (DATABASE_URL or embedded), migrated ORM, services.
import { loadConfig } from '../src/config.js';
import { resolveDatabase } from '../src/db/database.js';
import { openOrm } from '../src/db/orm.js';
import { createLogger } from '../src/logger.js';
import { createServices } from '../src/services.js';
import type { AppServices } from '../src/trpc/context.js';

export async function withScriptApp(work: (services: AppServices) => Promise<void>): Promise<void> {
  const config = loadConfig();
  const log = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel);
  const database = await resolveDatabase(config, log);
  const orm = await openOrm(database.url, { migrate: true });
  const services = createServices(config, orm, log);
  try {
    await work(services);
  } finally {
    await services.rateLimiter.close();
    await orm.close();
    await database.stop();
  }
}

/** `--name value` from the command line, as a positive integer. */
export function intFlag(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : fallback;
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} must be a positive integer`);
  return value;
}
