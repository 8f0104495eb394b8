// npm run bench [-- --quick]
// Measures the production build of the API under autocannon (32 connections, loopback, a separate
// process) against its limits on this machine: raw SQL on plain Express, and bcrypt alone.
// Prints each scenario as it completes, then one table, and writes it as JSON under bench-results/.
// Fails (exit 1, naming the scenario) when a scenario completed no request or more than 1% failed
// (answers a scenario declares as expected, such as CONFLICT for a sold-out item, are not failures),
// or when the stock of the sales scenarios went below zero. `-- --only exports` measures the CSV
// exports alone (the target vendor's items in both presets, rows/s and the server's peak RSS).
// `-- --overview`: inventory.overview at 10k, 100k and 1M items instead (scripts/bench/overview.ts).
import type autocannon from 'autocannon';
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openOrm } from '../src/db/orm.js';
import { sqlArray } from '../src/db/sql.js';
import { createLogger } from '../src/logger.js';
import { benchDatabase, ensureScaleDataset } from './bench/dataset.js';
import { measureExports, reportExports, type ExportRow } from './bench/exports.js';
import { apiEnvironment, BCRYPT_COST, captureCallSql, CONNECTIONS, isDead, signIn, measure, postJson, ratio, run, startServer, stopServers, type Row, type Scenario } from './bench/harness.js';
import { benchOverview } from './bench/overview.js';
import { parseFlags } from './support/flags.js';
import { step } from './support/progress.js';

const flags = parseFlags();
if (flags.overview === 'true') {
  await benchOverview(flags);
  process.exit();
}
const quick = flags.quick === 'true';
const exportsOnly = flags.only === 'exports';
const plan = quick
  ? { items: 10_000, vendors: 2, seconds: 3 }
  : { items: 100_000, vendors: 10, seconds: Number(flags.seconds ?? 10) };

const log = createLogger('warn');
const database = await benchDatabase({ ...plan, bcryptCost: BCRYPT_COST }, log);
try {
  const started = performance.now();
  const target = await ensureScaleDataset(database.url, { ...plan, bcryptCost: BCRYPT_COST }, log);
  console.log(`dataset: ${target.vendorItems} items for the target vendor, ${target.totalItems} in all (${((performance.now() - started) / 1000).toFixed(1)} s${target.reused ? ', reused' : ''})`);

  const listInput = { category: 'trading_card', sort: 'price', order: 'desc', limit: 50 };
  // The SQL statements one items.list call sends, parameters inlined (the raw baseline replays them).
  const statements = await captureCallSql(database.url, target, (caller) => caller.items.list(listInput as never));
  const sqlFile = join(tmpdir(), `omni-bench-sql-${process.pid}.json`);
  writeFileSync(sqlFile, JSON.stringify(statements));

  await step('building the production server', () => run('npm', ['run', '-s', 'build']));
  const env = apiEnvironment(database.url);
  const { api, baseline } = await step('starting the API and the baseline server', async () => ({
    api: await startServer('node', ['dist/src/server.js'], env),
    baseline: await startServer('tsx', ['scripts/bench/baseline-server.ts'], { ...env, BENCH_SQL_FILE: sqlFile, BENCH_PASSWORD: target.password }),
  }));

  const auth = await signIn(api.url, target);
  const token = auth.authorization.slice('Bearer '.length);
  const get = (path: string, input?: unknown) => `${api.url}/trpc/${path}${input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`}`;
  let sequence = 0;

  // First, on a fresh server: one download at a time, so the figure is the export's own speed.
  const exportRows = await step('measuring the CSV exports', () => measureExports(database.url, target.email, api.url, token, api.child.pid!));
  reportExports(exportRows);

  // Sales sell items of the default store (tax rate 0: totals are the prices): most are restocked
  // first, so every run sells; the 10 contended ones keep the few units they have.
  const restock = (ids: string[], delta: number) => inBatches(ids, (id) => postJson(`${api.url}/trpc/items.adjustStock`, { id, delta, reason: 'intake' }, auth));
  const hotItems = target.saleItemIds.slice(0, 10);
  const saleItems = target.saleItemIds.slice(10);
  let sold = 0;
  const oneUnit = (itemId: string) => ({ itemId, quantity: 1, unitPrice: '1.00' });
  const sale = (itemIds: string[]) => ({ lines: itemIds.map(oneUnit), payments: [{ method: 'card', amount: `${itemIds.length}.00` }] });
  const nextItems = (count: number) => Array.from({ length: count }, () => saleItems[sold++ % saleItems.length]!);
  const adjustStockScenario = 'items.adjustStock';

  const rawList = 'baseline: raw SQL of items.list';
  const trpcList = 'items.list (category, price desc, 50)';
  const restList = 'REST GET /api/v1/items (the same page)';
  const listQuery = Object.entries(listInput).map(([key, value]): [string, string] => [key, String(value)]);
  const rawBcrypt = `baseline: bcrypt.compare (cost ${BCRYPT_COST})`;
  const mutation = (path: string, body: () => unknown): autocannon.Options => ({
    url: `${api.url}/trpc/${path}`,
    method: 'POST',
    headers: auth,
    requests: [{ setupRequest: (req) => ({ ...req, body: JSON.stringify(body()) }) }],
  });
  // Baselines run first: the rows measured against them need their figures.
  const scenarios: Scenario[] = exportsOnly ? [] : [
    { name: rawList, options: { url: `${baseline.url}/list` }, server: baseline },
    { name: rawBcrypt, options: { url: `${baseline.url}/bcrypt`, method: 'POST' }, server: baseline },
    { name: trpcList, options: { url: get('items.list', listInput), headers: auth }, baseline: rawList },
    { name: restList, options: { url: `${api.url}/api/v1/items?${new URLSearchParams(listQuery)}`, headers: auth }, baseline: trpcList },
    { name: `items.list search "${target.searchTerm}"`, options: { url: get('items.list', { search: target.searchTerm, limit: 50 }), headers: auth } },
    { name: 'items.get', options: { url: get('items.get', { id: target.itemIds[0] }), headers: auth } },
    { name: 'items.create', options: mutation('items.create', () => ({ name: 'Bench card', sku: `BENCH-${process.pid}-${++sequence}`, quantity: 1, price: '9.99', category: 'trading_card' })) },
    { name: adjustStockScenario, options: mutation('items.adjustStock', () => ({ id: target.itemIds[++sequence % target.itemIds.length], delta: 1, reason: 'adjustment' })) },
    {
      name: 'sales.create (1 line)',
      before: () => restock(saleItems, 100),
      options: mutation('sales.create', () => sale(nextItems(1))),
      baseline: adjustStockScenario,
    },
    { name: 'sales.create (5 lines)', options: mutation('sales.create', () => sale(nextItems(5))), baseline: adjustStockScenario },
    {
      // Every till on the same 10 items: 10 requests in 11 sell one unit, 1 in 11 restocks 10 (in
      // turn over the items), so they run out and come back; a sold-out item's sale answers 409.
      name: 'sales.create contended (64 connections, 10 items)',
      connections: 64,
      expectedStatuses: [409],
      options: {
        url: `${api.url}/trpc/sales.create`,
        method: 'POST',
        headers: auth,
        requests: [{
          setupRequest: (req) => {
            const item = hotItems[++sequence % hotItems.length]!;
            return sequence % 11 === 0
              ? { ...req, path: '/trpc/items.adjustStock', body: JSON.stringify({ id: item, delta: 10, reason: 'intake' }) }
              : { ...req, path: '/trpc/sales.create', body: JSON.stringify(sale([item])) };
          },
        }],
      },
    },
    { name: 'inventory.overview', options: { url: get('inventory.overview'), headers: auth } },
    {
      name: 'auth.login',
      options: { url: `${api.url}/trpc/auth.login`, method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: target.email, password: target.password }) },
      baseline: rawBcrypt,
    },
    { name: '/health', options: { url: `${api.url}/health` } },
  ];
  const measured = new Map<string, Row>();
  for (const [index, scenario] of scenarios.entries()) {
    process.stderr.write(`[${index + 1}/${scenarios.length}] ${scenario.name}…`);
    await scenario.before?.();
    const row = await measure(scenario, (scenario.server ?? api).child.pid!, plan.seconds);
    measured.set(scenario.name, scenario.baseline ? ratio(row, measured.get(scenario.baseline)!) : row);
    process.stderr.write(` ${row.reqPerSec} req/s, ${row.errors} errors${row.expected ? `, ${row.expected} expected non-2xx` : ''}\n`);
  }
  // The API's rows first, then the baselines they are measured against.
  const rows = [...measured.values()].sort((a, b) => Number(a.scenario.startsWith('baseline')) - Number(b.scenario.startsWith('baseline')));
  report(rows, exportRows);
  if (!exportsOnly) {
    const rest = measured.get(restList)!;
    const extra = Math.round((rest.baselineReqPerSec! / rest.reqPerSec - 1) * 100);
    console.log(`REST costs ${Math.abs(extra)}% ${extra >= 0 ? 'more' : 'less'} per request than tRPC for the same page (${rest.reqPerSec} vs ${rest.baselineReqPerSec} req/s; target: at most 10% more)`);
    const oneLine = measured.get('sales.create (1 line)')!;
    console.log(`\nsales.create (1 line): ${oneLine.reqPerSec} req/s = ${Math.round(oneLine.ratio! * 100)}% of items.adjustStock's ${oneLine.baselineReqPerSec} (target >= 50%)`);
    const stock = await stockCheck(database.url, target.saleItemIds);
    console.log(`stock after the sales: ${stock.negative ? `${stock.negative} items or movements BELOW ZERO` : 'never below zero'} (lowest quantity ${stock.lowest}; ${stock.mismatched} items whose ledger differs from their quantity)`);
    const failed = rows.filter(isDead);
    for (const row of failed) console.error(`bench failed: "${row.scenario}" completed ${row.requests} requests with ${row.errors} errors`);
    if (failed.length || stock.negative || stock.mismatched) process.exitCode = 1;
  }
} finally {
  stopServers();
  await database.stop();
}

/** The sold items' stock after the run: none below zero, anywhere in their ledger, and each ledger adding up to its quantity. */
async function stockCheck(url: string, itemIds: string[]) {
  const orm = await openOrm(url, { migrate: false });
  try {
    const [row] = await orm.em.fork().execute<{ negative: string; lowest: number; mismatched: string }[]>(
      `select (select count(*) from items where id = any(?::uuid[]) and quantity < 0)
              + (select count(*) from stock_movements where item_id = any(?::uuid[]) and quantity_after < 0) as negative,
              (select min(quantity) from items where id = any(?::uuid[])) as lowest,
              (select count(*) from items i where i.id = any(?::uuid[])
                 and i.quantity <> (select coalesce(sum(delta), 0) from stock_movements m where m.item_id = i.id)) as mismatched`,
      Array(4).fill(sqlArray(itemIds)),
    );
    return { negative: Number(row!.negative), lowest: row!.lowest, mismatched: Number(row!.mismatched) };
  } finally {
    await orm.close();
  }
}

/** Runs `work` over `values`, 16 at a time. */
async function inBatches<T>(values: T[], work: (value: T) => Promise<unknown>) {
  for (let i = 0; i < values.length; i += 16) await Promise.all(values.slice(i, i + 16).map(work));
}

function report(rows: Row[], exportRows: ExportRow[]) {
  const header = ['scenario', 'req/s', 'p50 ms', 'p99 ms', 'errors', 'expected', 'RSS MB', 'vs baseline'];
  const lines = rows.map((r) => [r.scenario, String(r.reqPerSec), String(r.p50), String(r.p99), String(r.errors), r.expected ? String(r.expected) : '', r.rssMb === null ? '-' : String(r.rssMb), r.ratio === undefined ? '' : `${Math.round(r.ratio * 100)}% of ${r.baselineReqPerSec}`]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const format = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  console.log(`\n${CONNECTIONS} connections, ${plan.seconds} s per scenario, Node ${process.version}${quick ? ', quick' : ''}`);
  console.log(format(header));
  for (const line of lines) console.log(format(line));
  reportExports(exportRows);
  mkdirSync('bench-results', { recursive: true });
  const file = join('bench-results', `bench-${new Date().toISOString().replace(/[:.]/g, '-')}${quick ? '-quick' : ''}.json`);
  writeFileSync(file, JSON.stringify({ at: new Date().toISOString(), node: process.version, connections: CONNECTIONS, plan, rows, exports: exportRows }, null, 2));
  console.log(`\nwritten to ${file}`);
}

