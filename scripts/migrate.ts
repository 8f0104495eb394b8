// npm run migration:create [-- name] | npm run migration:up
// Uses DATABASE_URL, or the embedded PostgreSQL under .data/ when it is unset.
import { loadConfig } from '../src/config.js';
import { resolveDatabase } from '../src/db/database.js';
import { openOrm } from '../src/db/orm.js';
import { createLogger } from '../src/logger.js';

const [command, name] = process.argv.slice(2);
if (command !== 'create' && command !== 'up') {
  console.error('usage: tsx scripts/migrate.ts create [name] | up');
  process.exit(2);
}
const config = loadConfig();
const log = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel);
const database = await resolveDatabase(config, log);
const orm = await openOrm(database.url, { migrate: command === 'create' });
try {
  if (command === 'create') {
    const result = await orm.migrator.create(undefined, false, false, name);
    console.log(result.fileName ? `created migrations/${result.fileName}` : 'no schema changes: nothing to create');
  } else {
    const applied = await orm.migrator.up();
    console.log(applied.length ? `applied ${applied.map((m) => m.name).join(', ')}` : 'database is up to date');
  }
} finally {
  await orm.close();
  await database.stop();
}
