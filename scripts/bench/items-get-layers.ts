// DATABASE_URL=postgresql://…/omni_bench_100000x10 npx tsx scripts/bench/items-get-layers.ts [--calls 3000]
// items.get layer by layer, in-process, one call at a time (no HTTP): the CPU and wall time of its
// statement on a bare `pg` client as text and prepared, through MikroORM's `em.execute`, through
// `preparedRows` (what the selector runs, src/db/prepared.ts), and of the whole procedure through
// tRPC (token check, middlewares, input parsing, the statement, the member's admission).
import { callTRPCProcedure } from '@trpc/server';
import pg from 'pg';
import { loadConfig } from '../../src/config.js';
import { openOrm } from '../../src/db/orm.js';
import { numberedPlaceholders, preparedRows } from '../../src/db/prepared.js';
import { createLogger } from '../../src/logger.js';
import { signAccessToken } from '../../src/modules/identity/tokens.js';
import { getItemStatement } from '../../src/modules/inventory/selectors/item-contents.js';
import { appRouter } from '../../src/router.js';
import { createServices } from '../../src/services.js';
import { createRequestContext } from '../../src/trpc/context.js';
import { intFlag } from '../support/flags.js';

const calls = intFlag('calls', 3000);
const url = process.env.DATABASE_URL;
if (!url) throw new Error('DATABASE_URL must name a bench dataset (npm run bench builds omni_bench_100000x10)');
const config = loadConfig({ ...process.env, NODE_ENV: 'development', DATABASE_URL: url });
const orm = await openOrm(url, { migrate: false });
const services = createServices(config, orm, createLogger('warn'));
const [target] = await orm.em.fork().execute<{ user_id: string; item_id: string }[]>(
  `select m.user_id, i.id as item_id from vendor_members m join vendors v on v.id = m.vendor_id and v.name like 'Scale Vendor 1 %'
     join items i on i.vendor_id = m.vendor_id where m.role = 'owner' limit 1`,
);
if (!target) throw new Error(`${url} holds no scale dataset`);
const accessToken = signAccessToken(config, { userId: target.user_id, sessionId: crypto.randomUUID() }, Math.floor(Date.now() / 1000));
const statement = getItemStatement(target.user_id, target.item_id);
const inlined = orm.em.getPlatform().formatQuery(statement.text, [...statement.params]);
const numbered = numberedPlaceholders(statement.text);
const client = new pg.Client({ connectionString: url });
await client.connect();

async function measure(name: string, call: () => Promise<unknown>) {
  for (let i = 0; i < calls / 10; i++) await call();
  const cpu = process.cpuUsage();
  const started = performance.now();
  for (let i = 0; i < calls; i++) await call();
  const used = process.cpuUsage(cpu);
  const wallUs = ((performance.now() - started) * 1000) / calls;
  console.log(`${name.padEnd(48)} ${wallUs.toFixed(0).padStart(6)} µs wall ${((used.user + used.system) / calls).toFixed(0).padStart(6)} µs CPU`);
}

console.log(`items.get, ${calls} calls one after another, per call:`);
for (let round = 1; round <= 2; round++) {
  await measure('the statement on a bare pg client, as text', () => client.query(inlined));
  await measure('the statement on a bare pg client, prepared', () => client.query({ name: 'items_get', text: numbered, values: [...statement.params] }));
  await measure('the statement through em.execute (forked em)', () => orm.em.fork().execute(statement.text, [...statement.params]));
  await measure('the statement through preparedRows (forked em)', () => preparedRows(orm.em.fork(), statement));
  await measure('the procedure through tRPC', () =>
    callTRPCProcedure({
      router: appRouter, path: 'items.get', type: 'query', signal: undefined, batchIndex: 0,
      ctx: { request: createRequestContext(services, { accessToken }) },
      getRawInput: async () => ({ id: target.item_id }),
    }),
  );
}
await client.end();
await orm.close();
