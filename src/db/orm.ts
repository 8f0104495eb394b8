import { Migrator } from '@mikro-orm/migrations';
import { defineConfig, MikroORM, type Options } from '@mikro-orm/postgresql';
import { fileURLToPath } from 'node:url';
import { entities } from './entities.js';
import { DEFAULT_STATEMENT_TIMEOUT_MS, outageGuard } from './outage.js';

export const migrationsDir = fileURLToPath(new URL('../../migrations', import.meta.url));

export interface DatabaseTimeouts {
  /** The server cancels a statement running longer (0: never); see outage.ts for the rest. */
  statementTimeoutMs?: number;
}

export function ormOptions(clientUrl: string, overrides: Partial<Options> = {}, timeouts: DatabaseTimeouts = {}): Options {
  return defineConfig({
    clientUrl,
    entities,
    extensions: [Migrator],
    // Requests fork the EntityManager explicitly; touching the global one is a bug.
    allowGlobalContext: false,
    forceUtcTimezone: true,
    pool: { min: 0, max: 20 },
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

export async function openOrm(clientUrl: string, options: { migrate: boolean } & DatabaseTimeouts): Promise<MikroORM> {
  const orm = await MikroORM.init(ormOptions(clientUrl, {}, options));
  if (options.migrate) await orm.migrator.up();
  return orm;
}
