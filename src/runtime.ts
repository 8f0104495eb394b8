import type { EntityManager } from '@mikro-orm/postgresql';
import { loadConfig, loadEnvFile, type Config } from './config.js';
import { resolveDatabase, type DatabaseHandle } from './db/database.js';
import { openOrm } from './db/orm.js';
import { createLogger, wantsPrettyLogs, type Logger } from './logger.js';
import { createCaller, type Caller } from './caller.js';
import { createServices } from './services.js';
import type { AppServices } from './services.js';
import type { RequestInfo } from './trpc/context.js';

/**
 * Omni-Stock in one process without HTTP: configuration, the database (DATABASE_URL, else the
 * embedded one), the migrated ORM and the services the server uses. Scripts and tools build it
 * the same way the server does, so a `caller` behaves exactly like a request.
 */
export interface Runtime {
  config: Config;
  log: Logger;
  services: AppServices;
  database: DatabaseHandle;
  /** The routers in-process, as one request would see them: `runtime.caller({ accessToken }).users.me()`. */
  caller(info?: RequestInfo): Caller;
  /** A fresh EntityManager for direct reads and writes. */
  em(): EntityManager;
  close(): Promise<void>;
}

export interface RuntimeOptions {
  /** Defaults to the environment (and `.env`), validated by loadConfig. */
  config?: Config;
  log?: Logger;
  /** Apply pending migrations first (default: the config's MIGRATE_ON_START). */
  migrate?: boolean;
  /** Sizes the pool once the database is known (the server checks it against max_connections); default: DB_POOL_SIZE. */
  poolSize?: (databaseUrl: string) => Promise<number>;
}

export async function openRuntime(options: RuntimeOptions = {}): Promise<Runtime> {
  if (!options.config) loadEnvFile();
  const config = options.config ?? loadConfig();
  const log = options.log ?? createLogger(process.env.LOG_LEVEL ?? 'warn', { pretty: wantsPrettyLogs(config.isProduction) });
  const database = await resolveDatabase(config, log);
  const orm = await (async () => {
    const poolSize = options.poolSize ? await options.poolSize(database.url) : config.dbPoolSize;
    return openOrm(database.url, { migrate: options.migrate ?? config.migrateOnStart, log, statementTimeoutMs: config.statementTimeoutMs, poolSize });
  })().catch(async (error: unknown) => {
    await database.stop();
    throw error;
  });
  const services = createServices(config, orm, log);
  return {
    config,
    log,
    services,
    database,
    caller: (info) => createCaller(services, info),
    em: () => orm.em.fork(),
    async close() {
      await services.jobs.stop();
      await services.rateLimiter.close();
      await orm.close();
      await database.stop();
    },
  };
}

/** Opens the runtime, runs `work`, and always closes it (the embedded database included). */
export async function withRuntime<T>(work: (runtime: Runtime) => Promise<T>, options: RuntimeOptions = {}): Promise<T> {
  const runtime = await openRuntime(options);
  try {
    return await work(runtime);
  } finally {
    await runtime.close();
  }
}
