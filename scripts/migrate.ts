// npm run migration:create [-- name [--blank]] | npm run migration:up
// Uses DATABASE_URL, or the embedded PostgreSQL under DATA_DIR when it is unset. `--blank` writes
// an empty migration for SQL the entities cannot describe (triggers, functions).
import { withRuntime } from '../src/runtime.js';
import { exitWithError } from './support/exit.js';

const [command, name] = process.argv.slice(2).filter((arg) => arg !== '--blank');
const blank = process.argv.includes('--blank');
if (command !== 'create' && command !== 'up') {
  console.error('usage: tsx scripts/migrate.ts create [name] | up');
  process.exit(2);
}
await withRuntime(
  async ({ services: { orm } }) => {
    if (command === 'create') {
      // A new migration is the diff between the entities and the schema the existing ones build.
      await orm.migrator.up();
      const result = await orm.migrator.create(undefined, blank, false, name);
      console.log(result.fileName ? `created migrations/${result.fileName}` : 'no schema changes: nothing to create');
      return;
    }
    const applied = await orm.migrator.up();
    for (const migration of applied) console.log(`applied ${migration.name}`);
    const total = (await orm.migrator.getExecuted()).length;
    console.log(applied.length ? `${applied.length} applied; ${total} in all` : `database is up to date (${total} migrations applied)`);
  },
  { migrate: false },
).catch((error: unknown) => exitWithError(error));
