// npm run migration:create [-- name] | npm run migration:up
// Uses DATABASE_URL, or the embedded PostgreSQL under .data/ when it is unset.
import { withRuntime } from './support/runtime.js';

const [command, name] = process.argv.slice(2);
if (command !== 'create' && command !== 'up') {
  console.error('usage: tsx scripts/migrate.ts create [name] | up');
  process.exit(2);
}
// The runtime applies pending migrations on open, so `up` only reports and `create` diffs from the latest.
await withRuntime(async ({ orm }) => {
  if (command === 'create') {
    const result = await orm.migrator.create(undefined, false, false, name);
    console.log(result.fileName ? `created migrations/${result.fileName}` : 'no schema changes: nothing to create');
  } else {
    const executed = await orm.migrator.getExecuted();
    console.log(`database is up to date (${executed.length} migrations applied)`);
  }
});
