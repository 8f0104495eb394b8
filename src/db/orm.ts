import { Migrator } from '@mikro-orm/migrations';
import { defineConfig, MikroORM, type Options } from '@mikro-orm/postgresql';
import { fileURLToPath } from 'node:url';
import type { Logger } from '../logger.js';
import { DEFAULT_POOL_SIZE } from './connections.js';
import { DatabaseStartError, describeServer, messageOf } from './start-errors.js';

export { DatabaseStartError } from './start-errors.js';
import { entities } from './entities.js';
import { DEFAULT_STATEMENT_TIMEOUT_MS, outageGuard } from './outage.js';

export const migrationsDir = fileURLToPath(new URL('../../migrations', import.meta.url));

export interface DatabaseTimeouts {
  /** The server cancels a statement running longer (0: never); see outage.ts for the rest. */
  statementTimeoutMs?: number;
  /** The pool's connections (default DEFAULT_POOL_SIZE; a server sizes it with planConnections). */
  poolSize?: number;
}

export function ormOptions(clientUrl: string, overrides: Partial<Options> = {}, timeouts: DatabaseTimeouts = {}): Options {
  return defineConfig({
    clientUrl,
    entities,
    extensions: [Migrator],
    // Requests fork the EntityManager explicitly; touching the global one is a bug.
    allowGlobalContext: false,
    // An optional input key present as `undefined` (possible in-process, never over JSON) means "not given".
    assign: { ignoreUndefined: true },
    forceUtcTimezone: true,
    pool: { min: 0, max: timeouts.poolSize ?? DEFAULT_POOL_SIZE },
    driverOptions: { ...outageGuard(), statement_timeout: timeouts.statementTimeoutMs ?? DEFAULT_STATEMENT_TIMEOUT_MS },
    migrations: {
      path: migrationsDir,
      pathTs: migrationsDir,
      glob: '!(*.d).{js,ts}',
      emit: 'ts',
      snapshotName: 'schema-snapshot',
      // The snapshot is written by migration:create only, never by running migrations.
      snapshotOnMigrate: false,
      silent: true,
    },
    ...overrides,
  });
}

/** Connects (and migrates, when asked), logging each migration it applies. */
export async function openOrm(clientUrl: string, options: { migrate: boolean; log?: Logger } & DatabaseTimeouts): Promise<MikroORM> {
  const where = describeServer(clientUrl);
  let orm: MikroORM;
  try {
    orm = await MikroORM.init(ormOptions(clientUrl, {}, options));
    await orm.em.getConnection().execute('select 1');
  } catch (error) {
    throw new DatabaseStartError(`cannot connect to PostgreSQL at ${where}: ${messageOf(error)}`);
  }
  if (!options.migrate) return orm;
  try {
    // Two processes starting at once on a new database would both migrate: the second waits here.
    const applied = await orm.em.fork().transactional(async (tx) => {
      await tx.execute("select pg_advisory_xact_lock(hashtextextended('omni-stock:migrations', 0))");
      return orm.migrator.up();
    });
    for (const migration of applied) options.log?.info({ migration: migration.name }, 'applied migration');
  } catch (error) {
    await orm.close();
    throw new DatabaseStartError(`migrating the database at ${where} failed: ${messageOf(error)}`);
  }
  return orm;
}
