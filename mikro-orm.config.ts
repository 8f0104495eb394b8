import { ormOptions } from './src/db/orm.js';

// For the MikroORM CLI against an existing server. `npm run migration:*` also works
// without DATABASE_URL: scripts/migrate.ts starts the embedded database first.
const url = process.env.DATABASE_URL;
if (!url) throw new Error('mikro-orm CLI: set DATABASE_URL (or use `npm run migration:create` / `migration:up`)');
export default ormOptions(url);
