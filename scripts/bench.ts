// npm run bench [-- --quick]   (CSV imports: npm run bench -- --imports [--rows 100000], see bench/imports.ts)
// Measures the production build of the API under autocannon (32 connections, loopback, a separate
// process) against its limits on this machine: raw SQL on plain Express, and bcrypt alone.
// Prints each scenario as it completes, then one table, and writes it as JSON under bench-results/.
// Fails (exit 1, naming the scenario) when a scenario completed no request or more than 1% failed
// (answers a scenario declares as expected, such as CONFLICT for a sold-out item, are not failures),
// or when the stock of the sales scenarios went below zero.
import autocannon from 'autocannon';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/config.js';
import { freePort } from '../src/db/embedded.js';
import { openOrm } from '../src/db/orm.js';
import { sqlArray } from '../src/db/sql.js';
import { createLogger } from '../src/logger.js';
import { createCaller } from '../src/caller.js';
import { createServices } from '../src/services.js';
import { benchDatabase, ensureScaleDataset, type BenchTarget } from './bench/dataset.js';
import { captureSql } from './support/capture-sql.js';
import { parseFlags } from './support/flags.js';
import { step } from './support/progress.js';

const flags = parseFlags();
if (flags.imports === 'true') {
  const { importBench } = await import('./bench/imports.js');
  await importBench(Number(flags.rows ?? 100_000));
  process.exit(process.exitCode ?? 0);
}
const quick = flags.quick === 'true';
const plan = quick
  ? { items: 10_000, vendors: 2, seconds: 3 }
  : { items: 100_000, vendors: 10, seconds: Number(flags.seconds ?? 10) };
const CONNECTIONS = 32;
const BCRYPT_COST = 10;
const JWT_SECRET = 'bench-secret-bench-secret-bench-secret-0123';

interface Row {
  scenario: string;
  requests: number;
  reqPerSec: number;
  p50: number;
  p99: number;
  errors: number;
  /** Answers with a status the scenario expects besides 2xx (e.g. 409 for a sold-out item). */
  expected: number;
  rssMb: number | null;
  baseline?: string;
  baselineReqPerSec?: number;
  ratio?: number;
}

const log = createLogger('warn');
const database = await benchDatabase({ ...plan, bcryptCost: BCRYPT_COST }, log);
const children: ChildProcess[] = [];
try {
  const started = performance.now();
  const target = await ensureScaleDataset(database.url, { ...plan, bcryptCost: BCRYPT_COST }, log);
  console.log(`dataset: ${target.vendorItems} items for the target vendor, ${target.totalItems} in all (${((performance.now() - started) / 1000).toFixed(1)} s${target.reused ? ', reused' : ''})`);

  const listInput = { category: 'trading_card', sort: 'price', order: 'desc', limit: 50 };
  const statements = await captureListSql(database.url, target, listInput);
  const sqlFile = join(tmpdir(), `omni-bench-sql-${process.pid}.json`);
  writeFileSync(sqlFile, JSON.stringify(statements));

  await step('building the production server', () => run('npm', ['run', '-s', 'build']));
  const env = {
    ...process.env,
    NODE_ENV: 'production',
    DATABASE_URL: database.url,
    JWT_SECRET,
    BCRYPT_COST: String(BCRYPT_COST),
    LOG_LEVEL: 'warn',
    PUBLIC_URL: 'https://bench.invalid',
    // One account logs in over 32 connections at once: in-flight attempts count until they succeed.
    AUTH_FAILURES_PER_ACCOUNT: '1000000000',
    AUTH_FAILURES_BEFORE_SLOWDOWN: '1000000000',
    MIGRATE_ON_START: 'false',
  };
  const { api, baseline } = await step('starting the API and the baseline server', async () => ({
    api: await startServer('node', ['dist/src/server.js'], env),
    baseline: await startServer('tsx', ['scripts/bench/baseline-server.ts'], { ...env, BENCH_SQL_FILE: sqlFile, BENCH_PASSWORD: target.password }),
  }));

  const login = await postJson(`${api.url}/trpc/auth.login`, { email: target.email, password: target.password });
  const token = (login as { result: { data: { accessToken: string } } }).result.data.accessToken;
  const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const get = (path: string, input?: unknown) => `${api.url}/trpc/${path}${input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`}`;
  let sequence = 0;

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
  const scenarios: Scenario[] = [
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
    const row = await measure(scenario, (scenario.server ?? api).child.pid!);
    measured.set(scenario.name, scenario.baseline ? ratio(row, measured.get(scenario.baseline)!) : row);
    process.stderr.write(` ${row.reqPerSec} req/s, ${row.errors} errors${row.expected ? `, ${row.expected} expected non-2xx` : ''}\n`);
  }
  // The API's rows first, then the baselines they are measured against.
  const rows = [...measured.values()].sort((a, b) => Number(a.scenario.startsWith('baseline')) - Number(b.scenario.startsWith('baseline')));
  report(rows);
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
} finally {
  for (const child of children) child.kill('SIGTERM');
  await database.stop();
}

interface Scenario {
  name: string;
  options: autocannon.Options;
  /** Concurrent connections (default CONNECTIONS). */
  connections?: number;
  /** Non-2xx statuses that are answers, not errors (a sold-out item's 409). */
  expectedStatuses?: number[];
  /** Runs before the warm-up (restocking, ...). */
  before?: () => Promise<unknown>;
  /** The process whose RSS is sampled (default: the API server). */
  server?: { child: ChildProcess };
  /** The scenario this one is compared with (a ratio in the table). */
  baseline?: string;
}

/** 1 s of warm-up, then the scenario's run, sampling the server's peak RSS. */
async function measure(scenario: Scenario, pid: number): Promise<Row> {
  const options = { ...scenario.options, connections: scenario.connections ?? CONNECTIONS };
  await autocannon({ ...options, duration: 1 });
  const rss = watchRss(pid);
  const result = await autocannon({ ...options, duration: plan.seconds });
  const expected = (scenario.expectedStatuses ?? []).reduce((sum, status) => sum + (result.statusCodeStats?.[`${status}`]?.count ?? 0), 0);
  const errors = result.errors + result.timeouts + result.non2xx - expected;
  return { scenario: scenario.name, requests: result.requests.total, reqPerSec: Math.round(result.requests.average), p50: result.latency.p50, p99: result.latency.p99, errors, expected, rssMb: rss.stop() };
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

/** A scenario that served nothing, or failed more than 1% of its requests, measured nothing. */
function isDead(row: Row): boolean {
  return row.requests === 0 || row.errors > row.requests * 0.01;
}

function ratio(row: Row, base: Row): Row {
  return { ...row, baseline: base.scenario, baselineReqPerSec: base.reqPerSec, ratio: Math.round((row.reqPerSec / base.reqPerSec) * 100) / 100 };
}

function report(rows: Row[]) {
  const header = ['scenario', 'req/s', 'p50 ms', 'p99 ms', 'errors', 'expected', 'RSS MB', 'vs baseline'];
  const lines = rows.map((r) => [r.scenario, String(r.reqPerSec), String(r.p50), String(r.p99), String(r.errors), r.expected ? String(r.expected) : '', r.rssMb === null ? '-' : String(r.rssMb), r.ratio === undefined ? '' : `${Math.round(r.ratio * 100)}% of ${r.baselineReqPerSec}`]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const format = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  console.log(`\n${CONNECTIONS} connections, ${plan.seconds} s per scenario, Node ${process.version}${quick ? ', quick' : ''}`);
  console.log(format(header));
  for (const line of lines) console.log(format(line));
  mkdirSync('bench-results', { recursive: true });
  const file = join('bench-results', `bench-${new Date().toISOString().replace(/[:.]/g, '-')}${quick ? '-quick' : ''}.json`);
  writeFileSync(file, JSON.stringify({ at: new Date().toISOString(), node: process.version, connections: CONNECTIONS, plan, rows }, null, 2));
  console.log(`\nwritten to ${file}`);
}

/** The SQL statements one items.list call sends, parameters inlined (the raw baseline replays them). */
async function captureListSql(url: string, target: BenchTarget, input: unknown): Promise<string[]> {
  const orm = await openOrm(url, { migrate: false });
  const config = loadConfig({ NODE_ENV: 'production', DATABASE_URL: url, JWT_SECRET, PUBLIC_URL: 'https://bench.invalid', BCRYPT_COST: String(BCRYPT_COST), LOG_LEVEL: 'silent' });
  const services = createServices(config, orm, log);
  try {
    const { accessToken } = await createCaller(services).auth.login({ email: target.email, password: target.password });
    const statements = await captureSql(services, () => createCaller(services, { accessToken }).items.list(input as never));
    return statements.filter((sql) => !/^(begin|commit|rollback)\b/i.test(sql));
  } finally {
    await services.rateLimiter.close();
    await orm.close();
  }
}

function watchRss(pid: number) {
  let max = 0;
  const sample = () => {
    const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
    max = Math.max(max, kb);
  };
  sample();
  const timer = setInterval(sample, 200);
  return { stop: () => (clearInterval(timer), sample(), Math.round(max / 1024)) };
}

/** Spawns a server on a free port and waits until its /health answers. */
async function startServer(command: string, args: string[], env: NodeJS.ProcessEnv) {
  const port = await freePort();
  const child = spawn(command, args, { env: { ...env, PORT: String(port) }, stdio: ['ignore', 'inherit', 'inherit'] });
  children.push(child);
  const url = `http://127.0.0.1:${port}`;
  let exited = false;
  child.once('exit', () => (exited = true));
  for (let waited = 0; waited < 60_000; waited += 100) {
    if (exited) throw new Error(`${command} ${args.join(' ')} exited before it was ready`);
    if (await fetch(`${url}/health`).then((r) => r.ok, () => false)) return { child, url };
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${command} ${args.join(' ')} did not answer /health within 60 s`);
}

function run(command: string, args: string[]) {
  return new Promise<void>((resolve, reject) => {
    spawn(command, args, { stdio: 'inherit' }).once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} failed (${code})`))));
  });
}

async function postJson(url: string, body: unknown, headers: Record<string, string> = { 'content-type': 'application/json' }) {
  const res = await fetch(url, { method: 'POST', headers, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`${url}: ${res.status} ${await res.text()}`);
  return res.json();
}

