// npm run bench [-- --quick] [-- --only items.list,items.get] [-- --cpu-prof]
//   --imports [--rows 100000]  the CSV imports instead (scripts/bench/imports.ts)
//   --only      runs the scenarios whose name contains one of the comma-separated words (and their baselines)
//   --rounds N  measures every scenario N times, in turn, and reports each one's median round
//   --seconds S the length of one scenario's measurement (default 10)
//   --skip-build  measures the existing dist/ instead of building it first
//   --cpu-prof  runs the API under `node --cpu-prof` and prints its top functions by self time
//               (the profile is kept under bench-results/profiles/; see scripts/bench/profile-summary.ts)
// Measures the production build of the API under autocannon (32 connections, loopback, a separate
// process) against its limits on this machine: raw SQL on plain Express, and bcrypt alone.
// Prints each scenario as it completes, then one table, and writes it as JSON under bench-results/.
// Fails (exit 1, naming the scenario) when a scenario completed no request or more than 1% failed
// (answers a scenario declares as expected, such as CONFLICT for a sold-out item, are not failures),
// when a sales scenario failed any request, when the contended sales never ran out of stock, or
// when the stock of the sold items went below zero or their ledger differs from their quantity.
//   --only exports  the CSV exports alone (the target vendor's items in both presets, rows/s, peak RSS)
//   --overview      inventory.overview at 10k, 100k and 1M items instead (scripts/bench/overview.ts)
import autocannon from 'autocannon';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../src/db/embedded.js';
import { openOrm } from '../src/db/orm.js';
import { sqlArray } from '../src/db/sql.js';
import { createLogger } from '../src/logger.js';
import { benchDatabase, ensureScaleDataset, type BenchTarget } from './bench/dataset.js';
import { measureExports, reportExports, type ExportRow } from './bench/exports.js';
import { benchOverview } from './bench/overview.js';
import { summariseProfile, type Window } from './bench/profile-summary.js';
import type { ItemSort } from '../src/modules/inventory/contract.js';
import type { CapturedReads } from './bench/baseline-server.js';
import { captureCallSql, productionServer, serverNodeFlags } from './bench/harness.js';
import { parseFlags } from './support/flags.js';
import { step } from './support/progress.js';

const flags = parseFlags();
if (flags.overview === 'true') {
  await benchOverview(flags);
  process.exit();
}
if (flags.imports === 'true') {
  const { importBench } = await import('./bench/imports.js');
  await importBench(Number(flags.rows ?? 100_000));
  process.exit(process.exitCode ?? 0);
}
const quick = flags.quick === 'true';
const only = flags.only?.split(',').map((word) => word.trim()).filter(Boolean);
const cpuProfile = flags['cpu-prof'] === 'true';
const PROFILE_DIR = join('bench-results', 'profiles');
const ROUNDS = Number(flags.rounds ?? 1);
/** When the API's scenarios were measured (the profile summary leaves out start-up and warm-ups). */
const profiledWindows: Window[] = [];
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
  /** Peak RSS of the server process during the scenario (of its biggest worker, with WEB_CONCURRENCY > 1). */
  rssMb: number | null;
  /** The server's processes: each one's peak RSS (primary first), and the peak of their sum. */
  rss?: { perProcessMb: number[]; totalMb: number };
  /** CPU time (user + system) the server process spent per completed request: steadier than req/s on a shared machine. */
  cpuMsPerRequest: number | null;
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

  const listInput = { category: 'trading_card', sort: 'price', order: 'desc', limit: 50 } as const;
  const getInput = { id: target.itemIds[0]! };
  const sqlFile = join(tmpdir(), `omni-bench-sql-${process.pid}.json`);
  writeFileSync(sqlFile, JSON.stringify(await captureReads(database.url, target, listInput, getInput)));

  // --skip-build: measure the dist/ already built (when iterating on the harness itself).
  if (flags['skip-build'] !== 'true') await step('building the production server', () => run('npm', ['run', '-s', 'build']));
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
    // Logins refused as busy or cut off at a scenario's end count as failures of 127.0.0.1, and the
    // counts live in the database: the cluster's scenarios would start where the others left off.
    AUTH_FAILURES_PER_IP: '1000000000',
    MIGRATE_ON_START: 'false',
    // One server process unless a scenario says otherwise (production's default is every core).
    WEB_CONCURRENCY: '1',
  };
  const { api, baseline } = await step('starting the API and the baseline server', async () => ({
    api: await startServer(...productionServer(cpuProfile ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`] : []), env),
    // Through node itself (not the tsx wrapper), so the sampled pid is the server's; with the API's heap limits.
    baseline: await startServer('node', [...serverNodeFlags(), '--import', 'tsx', 'scripts/bench/baseline-server.ts'], { ...env, BENCH_SQL_FILE: sqlFile, BENCH_PASSWORD: target.password }),
  }));
  // The baseline server read the statements as it started.
  rmSync(sqlFile, { force: true });

  const login = await postJson(`${api.url}/trpc/auth.login`, { email: target.email, password: target.password });
  const token = (login as { result: { data: { accessToken: string } } }).result.data.accessToken;
  const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const get = (path: string, input?: unknown) => `${api.url}/trpc/${path}${input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`}`;
  let sequence = 0;

  // First, on a fresh server: one download at a time, so the figure is the export's own speed.
  const exportRows: ExportRow[] = !only || only.includes('exports')
    ? await step('measuring the CSV exports', () => measureExports(database.url, target.email, api.url, token, api.child.pid!))
    : [];
  reportExports(exportRows);

  // Sales sell items of the default store (tax rate 0: totals are the prices): most are restocked
  // first, so every run sells; the 10 contended ones start low and run out.
  const adjustStock = (id: string, delta: number, reason: 'intake' | 'count') => postJson(`${api.url}/trpc/items.adjustStock`, { id, delta, reason }, auth);
  const restock = (ids: string[], delta: number) => inBatches(ids, (id) => adjustStock(id, delta, 'intake'));
  /** Counts `ids` to `units` each, through items.adjustStock (the ledger keeps adding up to the quantity). */
  const countTo = (ids: string[], units: number) => inBatches(ids, async (id) => {
    const item = (await fetchJson(get('items.get', { id }), { headers: auth })) as { result: { data: { quantity: number } } };
    const delta = units - item.result.data.quantity;
    if (delta) await adjustStock(id, delta, 'count');
  });
  const hotItems = target.saleItemIds.slice(0, 10);
  const saleItems = target.saleItemIds.slice(10);
  let sold = 0;
  const oneUnit = (itemId: string) => ({ itemId, quantity: 1, unitPrice: '1.00' });
  const sale = (itemIds: string[]) => ({ lines: itemIds.map(oneUnit), payments: [{ method: 'card', amount: `${itemIds.length}.00` }] });
  const nextItems = (count: number) => Array.from({ length: count }, () => saleItems[sold++ % saleItems.length]!);
  const adjustStockScenario = 'items.adjustStock';
  const contendedSales = 'sales.create contended (64 connections, 10 items)';

  const rawList = 'baseline: raw SQL of items.list';
  const rawGet = 'baseline: raw SQL of items.get';
  // The same statements prepared, as the API sends them: what is left above this is the framework's.
  const preparedList = 'baseline: items.list\'s SQL prepared';
  const preparedGet = 'baseline: items.get\'s SQL prepared';
  const trpcList = 'items.list (category, price desc, 50)';
  const trpcGet = 'items.get';
  const restList = 'REST GET /api/v1/items (the same page)';
  const listQuery = Object.entries(listInput).map(([key, value]): [string, string] => [key, String(value)]);
  const rawBcrypt = `baseline: bcrypt.compare (cost ${BCRYPT_COST})`;
  const mutation = (path: string, body: () => unknown): autocannon.Options => ({
    url: `${api.url}/trpc/${path}`,
    method: 'POST',
    headers: auth,
    requests: [{ setupRequest: (req) => ({ ...req, body: JSON.stringify(body()) }) }],
  });
  // A baseline runs right before the rows measured against it (they need its figure; and on a
  // shared machine, figures taken minutes apart compare badly).
  const scenarios: Scenario[] = [
    { name: rawList, options: { url: `${baseline.url}/list`, headers: auth }, server: baseline },
    { name: preparedList, options: { url: `${baseline.url}/list-prepared`, headers: auth }, server: baseline },
    { name: trpcList, options: { url: get('items.list', listInput), headers: auth }, baseline: rawList, alsoAgainst: preparedList },
    { name: restList, options: { url: `${api.url}/api/v1/items?${new URLSearchParams(listQuery)}`, headers: auth }, baseline: trpcList },
    { name: rawGet, options: { url: `${baseline.url}/get`, headers: auth }, server: baseline },
    { name: preparedGet, options: { url: `${baseline.url}/get-prepared`, headers: auth }, server: baseline },
    { name: trpcGet, options: { url: get('items.get', getInput), headers: auth }, baseline: rawGet, alsoAgainst: preparedGet },
    { name: `items.list search "${target.searchTerm}"`, options: { url: get('items.list', { search: target.searchTerm, limit: 50 }), headers: auth } },
    { name: 'items.create', options: mutation('items.create', () => ({ name: 'Bench card', sku: `BENCH-${process.pid}-${++sequence}`, quantity: 1, price: '9.99', category: 'trading_card' })) },
    { name: adjustStockScenario, options: mutation('items.adjustStock', () => ({ id: target.itemIds[++sequence % target.itemIds.length], delta: 1, reason: 'adjustment' })) },
    {
      name: 'sales.create (1 line)',
      before: () => restock(saleItems, 100),
      options: mutation('sales.create', () => sale(nextItems(1))),
      baseline: adjustStockScenario,
      errorFree: true,
    },
    { name: 'sales.create (5 lines)', options: mutation('sales.create', () => sale(nextItems(5))), baseline: adjustStockScenario, errorFree: true },
    {
      // Every till on the same 10 items, which start with 3 units each and are restocked at half the
      // rate they sell: 10 requests in 11 sell one unit, 1 in 11 restocks 5 (in turn over the
      // items). They keep running out and coming back, so sales are refused for short stock
      // (CONFLICT) while others sell the last units: the stock must never go below zero.
      name: contendedSales,
      connections: 64,
      before: () => countTo(hotItems, 3),
      expected: isShortStock,
      errorFree: true,
      options: {
        url: `${api.url}/trpc/sales.create`,
        method: 'POST',
        headers: auth,
        requests: [{
          setupRequest: (req) => {
            const item = hotItems[++sequence % hotItems.length]!;
            return sequence % 11 === 0
              ? { ...req, path: '/trpc/items.adjustStock', body: JSON.stringify({ id: item, delta: 5, reason: 'intake' }) }
              : { ...req, path: '/trpc/sales.create', body: JSON.stringify(sale([item])) };
          },
        }],
      },
    },
    { name: 'inventory.overview', options: { url: get('inventory.overview'), headers: auth } },
    { name: rawBcrypt, options: { url: `${baseline.url}/bcrypt`, method: 'POST' }, server: baseline },
    {
      name: 'auth.login',
      options: { url: `${api.url}/trpc/auth.login`, method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: target.email, password: target.password }) },
      baseline: rawBcrypt,
    },
    { name: '/health', options: { url: `${api.url}/health` } },
  ];
  // --only exports: the exports alone.
  const chosen = only ? withBaselines(scenarios, scenarios.filter((s) => only.some((word) => s.name.includes(word)))) : scenarios;
  // Every round measures every chosen scenario; a ratio compares figures of the same round.
  const rounds: Map<string, Row>[] = [];
  for (let round = 1; round <= ROUNDS; round++) {
    const measuredNow = new Map<string, Row>();
    for (const [index, scenario] of chosen.entries()) {
      process.stderr.write(`${ROUNDS > 1 ? `round ${round}/${ROUNDS} ` : ''}[${index + 1}/${chosen.length}] ${scenario.name}…`);
      await scenario.before?.();
      const row = await measure(scenario, (scenario.server ?? api).child.pid!);
      measuredNow.set(scenario.name, scenario.baseline ? ratio(row, measuredNow.get(scenario.baseline)!) : row);
      process.stderr.write(` ${row.reqPerSec} req/s, ${row.errors} errors${row.expected ? `, ${row.expected} expected non-2xx` : ''}\n`);
    }
    rounds.push(measuredNow);
  }
  // The same reads on one server process and on a cluster of two, back to back (a fresh login:
  // the first token may have expired by now).
  const compared: Comparison[] = [];
  const comparedNames = [trpcList, 'items.get', 'inventory.overview', 'auth.login', '/health'].filter((name) => chosen.some((s) => s.name === name));
  if (comparedNames.length) {
    const relogin = await postJson(`${api.url}/trpc/auth.login`, { email: target.email, password: target.password });
    auth.authorization = `Bearer ${(relogin as { result: { data: { accessToken: string } } }).result.data.accessToken}`;
    const cluster = await step('starting the API with WEB_CONCURRENCY=2', () => startServer(...productionServer(), { ...env, WEB_CONCURRENCY: '2' }));
    const onCluster = (options: autocannon.Options): autocannon.Options => ({ ...options, url: String(options.url).replace(api.url, cluster.url) });
    for (const [index, name] of comparedNames.entries()) {
      const scenario = scenarios.find((s) => s.name === name)!;
      process.stderr.write(`[cluster ${index + 1}/${comparedNames.length}] ${name}…`);
      const one = await measure({ ...scenario, server: api }, api.child.pid!);
      const two = await measure({ ...scenario, server: cluster, options: onCluster(scenario.options) }, cluster.child.pid!);
      compared.push({ scenario: name, one, two });
      process.stderr.write(` ${one.reqPerSec} → ${two.reqPerSec} req/s\n`);
    }
  }
  // Each scenario's median round (by its ratio when it has a baseline); failures of any round count.
  const measured = new Map(chosen.map((scenario) => [scenario.name, medianRow(rounds.map((r) => r.get(scenario.name)!))]));
  // The API's rows first, then the baselines they are measured against.
  const rows = [...measured.values()].sort((a, b) => Number(a.scenario.startsWith('baseline')) - Number(b.scenario.startsWith('baseline')));
  report(rows, rounds, compared);
  reportExports(exportRows);
  const rest = measured.get(restList);
  if (rest) {
    const extra = Math.round((rest.baselineReqPerSec! / rest.reqPerSec - 1) * 100);
    console.log(`REST costs ${Math.abs(extra)}% ${extra >= 0 ? 'more' : 'less'} per request than tRPC for the same page (${rest.reqPerSec} vs ${rest.baselineReqPerSec} req/s; target: at most 10% more)`);
  }
  for (const [name, goal] of [[trpcList, 90], [trpcGet, 90]] as const) {
    const row = measured.get(name);
    const perRound = rounds.map((r) => `${Math.round((r.get(name)?.ratio ?? 0) * 100)}%`).join(', ');
    const prepared = measured.get(chosen.find((s) => s.name === name)?.alsoAgainst ?? '');
    const framework = row && prepared ? `; ${Math.round((row.reqPerSec / prepared.reqPerSec) * 100)}% of the same statements prepared on raw pg (${prepared.reqPerSec})` : '';
    if (row) console.log(`${name}: ${row.reqPerSec} req/s = ${Math.round(row.ratio! * 100)}% of its raw baseline's ${row.baselineReqPerSec}${ROUNDS > 1 ? ` (median of ${ROUNDS} rounds: ${perRound})` : ''} (target >= ${goal}%)${framework}`);
  }
  const oneLine = measured.get('sales.create (1 line)');
  if (oneLine) console.log(`\nsales.create (1 line): ${oneLine.reqPerSec} req/s = ${Math.round(oneLine.ratio! * 100)}% of items.adjustStock's ${oneLine.baselineReqPerSec} (target >= 50%)`);
  const contended = measured.get(contendedSales);
  if (contended) console.log(`${contendedSales}: ${contended.expected} sales refused for short stock (CONFLICT), ${contended.errors} other errors`);
  const sells = chosen.some((scenario) => scenario.name.startsWith('sales.'));
  const stock = sells ? await stockCheck(database.url, target.saleItemIds) : { negative: 0, mismatched: 0, lowest: null };
  if (sells) console.log(`stock after the sales: ${stock.negative ? `${stock.negative} items or movements BELOW ZERO` : 'never below zero'} (lowest quantity ${stock.lowest}; ${stock.mismatched} items whose ledger differs from their quantity)`);
  const errorFree = new Set(chosen.filter((scenario) => scenario.errorFree).map((scenario) => scenario.name));
  const failed = [...rows, ...compared.map((c) => ({ ...c.two, scenario: `${c.scenario} (WEB_CONCURRENCY=2)` }))].filter((row) => isDead(row, errorFree.has(row.scenario)));
  for (const row of failed) console.error(`bench failed: "${row.scenario}" completed ${row.requests} requests with ${row.errors} errors${errorFree.has(row.scenario) ? ' (it may have none)' : ''}`);
  const neverShort = contended?.expected === 0;
  if (neverShort) console.error(`bench failed: "${contendedSales}" never ran out of stock, so it tested no short sale`);
  if (stock.negative || stock.mismatched) console.error(`bench failed: the stock of the sold items went below zero or differs from their ledger`);
  if (failed.length || neverShort || stock.negative || stock.mismatched) process.exitCode = 1;
} finally {
  const exited = children.map((child) => new Promise((resolve) => (child.exitCode !== null ? resolve(null) : child.once('exit', resolve))));
  for (const child of children) child.kill('SIGTERM');
  // The profile is written as the API exits.
  if (cpuProfile) {
    await Promise.all(exited);
    const newest = readdirSync(PROFILE_DIR).filter((f) => f.endsWith('.cpuprofile')).map((f) => join(PROFILE_DIR, f)).sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0];
    if (newest) console.log(`\n${summariseProfile(newest, 20, profiledWindows)}`);
  }
  await database.stop();
}

/** The median of a scenario's rounds (by ratio to its baseline, else by req/s), with every round's errors. */
function medianRow(rows: Row[]): Row {
  const sorted = [...rows].sort((a, b) => (a.ratio ?? a.reqPerSec) - (b.ratio ?? b.reqPerSec));
  const median = sorted[Math.floor((sorted.length - 1) / 2)]!;
  const sum = (key: 'requests' | 'errors' | 'expected') => rows.reduce((total, row) => total + row[key], 0);
  return { ...median, requests: sum('requests'), errors: sum('errors'), expected: sum('expected') };
}

/** Now on the clock of V8's CPU profiles (CLOCK_MONOTONIC), in microseconds. */
function monotonicMicros(): number {
  return Number(process.hrtime.bigint() / 1000n);
}

/** The chosen scenarios in their order, with the baselines they are measured against. */
function withBaselines(all: Scenario[], chosen: Scenario[]): Scenario[] {
  const names = new Set(chosen.map((s) => s.name));
  for (let added = true; added;) {
    added = false;
    for (const s of all) {
      for (const base of [s.baseline, s.alsoAgainst]) if (names.has(s.name) && base && !names.has(base)) added = Boolean(names.add(base));
    }
  }
  return all.filter((s) => names.has(s.name));
}

interface Scenario {
  name: string;
  options: autocannon.Options;
  /** Concurrent connections (default CONNECTIONS). */
  connections?: number;
  /** Non-2xx answers that are outcomes, not errors (a sale refused for short stock). */
  expected?: (status: number, body: string) => boolean;
  /** Any error (besides the expected answers) fails the bench, not only above 1%: the sales' promise. */
  errorFree?: boolean;
  /** Runs before the warm-up (restocking, ...). */
  before?: () => Promise<unknown>;
  /** The process whose RSS is sampled (default: the API server). */
  server?: { child: ChildProcess };
  /** The scenario this one is compared with (a ratio in the table). */
  baseline?: string;
  /** A second baseline it is reported against (the same statements prepared on raw pg). */
  alsoAgainst?: string;
}

/** 1 s of warm-up, then the scenario's run, sampling the server's peak RSS. */
async function measure(scenario: Scenario, pid: number): Promise<Row> {
  const options = { ...scenario.options, connections: scenario.connections ?? CONNECTIONS };
  await autocannon({ ...options, duration: 1 });
  const rss = watchRss(pid);
  const from = monotonicMicros();
  const cpuBefore = cpuMillis(pid);
  let expected = 0;
  const isExpected = scenario.expected;
  const counted = isExpected
    ? {
      ...options,
      requests: (options.requests ?? [{}]).map((request) => ({
        ...request,
        onResponse: (status: number, body: string) => {
          if (isExpected(status, body)) expected++;
        },
      })),
    }
    : options;
  const result = await autocannon({ ...counted, duration: plan.seconds });
  const cpu = cpuMillis(pid) - cpuBefore;
  if (scenario.server === undefined) profiledWindows.push([from, monotonicMicros()]);
  const errors = result.errors + result.timeouts + result.non2xx - expected;
  const memory = rss.stop();
  const cpuMsPerRequest = result.requests.total ? Math.round((cpu / result.requests.total) * 100) / 100 : null;
  return { scenario: scenario.name, requests: result.requests.total, reqPerSec: Math.round(result.requests.average), p50: result.latency.p50, p99: result.latency.p99, errors, expected, rssMb: memory.serverMb, rss: memory, cpuMsPerRequest };
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

/** A scenario that served nothing, or failed more than 1% of its requests (any, when it must be error-free), measured nothing. */
function isDead(row: Row, errorFree: boolean): boolean {
  return row.requests === 0 || row.errors > (errorFree ? 0 : row.requests * 0.01);
}

/** A sale refused because an item is short (CONFLICT with `shortItems`), not for any other reason. */
function isShortStock(status: number, body: string): boolean {
  return status === 409 && Array.isArray((JSON.parse(body) as { error?: { data?: { shortItems?: unknown } } }).error?.data?.shortItems);
}

function ratio(row: Row, base: Row): Row {
  return { ...row, baseline: base.scenario, baselineReqPerSec: base.reqPerSec, ratio: Math.round((row.reqPerSec / base.reqPerSec) * 100) / 100 };
}

/** One scenario on WEB_CONCURRENCY=1 and on WEB_CONCURRENCY=2. */
interface Comparison {
  scenario: string;
  one: Row;
  two: Row;
}

function report(rows: Row[], rounds: Map<string, Row>[], compared: Comparison[]) {
  const header = ['scenario', 'req/s', 'p50 ms', 'p99 ms', 'errors', 'expected', 'RSS MB', 'CPU ms/req', 'vs baseline'];
  const lines = rows.map((r) => [r.scenario, String(r.reqPerSec), String(r.p50), String(r.p99), String(r.errors), r.expected ? String(r.expected) : '', r.rssMb === null ? '-' : String(r.rssMb), r.cpuMsPerRequest === null ? '-' : String(r.cpuMsPerRequest), r.ratio === undefined ? '' : `${Math.round(r.ratio * 100)}% of ${r.baselineReqPerSec}`]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const format = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  console.log(`\n${CONNECTIONS} connections, ${plan.seconds} s per scenario${ROUNDS > 1 ? `, median of ${ROUNDS} rounds` : ''}, Node ${process.version}${quick ? ', quick' : ''}`);
  console.log(format(header));
  for (const line of lines) console.log(format(line));
  mkdirSync('bench-results', { recursive: true });
  const file = join('bench-results', `bench-${new Date().toISOString().replace(/[:.]/g, '-')}${quick ? '-quick' : ''}.json`);
  if (compared.length) {
    console.log(`\nWEB_CONCURRENCY=1 vs 2, the same scenarios back to back (RSS: peak per process; the cluster's primary, then its workers, and the peak of all together)`);
    const clusterHeader = ['scenario', '1: req/s', '2: req/s', '2 vs 1', '1: RSS MB', '2: RSS MB primary / workers', '2: all'];
    const clusterLines = compared.map(({ scenario, one, two }) => [
      scenario,
      String(one.reqPerSec),
      String(two.reqPerSec),
      `${Math.round((two.reqPerSec / Math.max(one.reqPerSec, 1)) * 100)}%`,
      String(one.rssMb),
      `${two.rss!.perProcessMb[0]} / ${two.rss!.perProcessMb.slice(1).join(', ')}`,
      String(two.rss!.totalMb),
    ]);
    const clusterWidths = clusterHeader.map((h, i) => Math.max(h.length, ...clusterLines.map((l) => l[i]!.length)));
    for (const cells of [clusterHeader, ...clusterLines]) console.log(cells.map((c, i) => (i === 0 ? c.padEnd(clusterWidths[i]!) : c.padStart(clusterWidths[i]!))).join('  '));
  }
  writeFileSync(file, JSON.stringify({ at: new Date().toISOString(), node: process.version, connections: CONNECTIONS, plan, rows, rounds: rounds.map((r) => [...r.values()]), cluster: compared }, null, 2));
  console.log(`\nwritten to ${file}`);
}

/** The SQL statements one items.list and one items.get call send (the raw baselines replay them). */
async function captureReads(url: string, target: BenchTarget, listInput: { sort: ItemSort }, getInput: { id: string }): Promise<CapturedReads> {
  const list = await captureCallSql(url, target, (caller) => caller.items.list(listInput as never));
  const get = await captureCallSql(url, target, (caller) => caller.items.get(getInput));
  return { userId: list.userId, list: { sort: listInput.sort, statements: list.statements }, get: { statements: get.statements } };
}

/** The CPU time a process has used so far (user + system), in milliseconds. */
function cpuMillis(pid: number): number {
  // Fields 14 and 15 of /proc/<pid>/stat, after the parenthesised command name, in clock ticks (100 per second).
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/**
 * Samples the RSS of `pid` and of its child processes (a cluster's workers, whichever are alive at
 * each sample) every 200 ms. `serverMb` is the peak of the process that serves: the only one, or
 * the biggest worker of a cluster (whose primary serves nothing).
 */
function watchRss(pid: number) {
  const peaks = new Map<number, number>();
  let total = 0;
  const sample = () => {
    let sum = 0;
    for (const each of [pid, ...childrenOf(pid)]) {
      const kb = rssKb(each);
      peaks.set(each, Math.max(peaks.get(each) ?? 0, kb));
      sum += kb;
    }
    total = Math.max(total, sum);
  };
  sample();
  const timer = setInterval(sample, 200);
  const mb = (kb: number) => Math.round(kb / 1024);
  return {
    stop() {
      clearInterval(timer);
      sample();
      const perProcessMb = [...peaks.values()].map(mb);
      const workers = perProcessMb.slice(1);
      return { serverMb: Math.max(...(workers.length ? workers : perProcessMb)), perProcessMb, totalMb: mb(total) };
    },
  };
}

function rssKb(pid: number): number {
  try {
    return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
  } catch {
    return 0; // a worker that just exited
  }
}

function childrenOf(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
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

async function fetchJson(url: string, init: RequestInit) {
  const res = await fetch(url, init);
  if (!res.ok) throw new Error(`${url}: ${res.status} ${await res.text()}`);
  return res.json();
}

function postJson(url: string, body: unknown, headers: Record<string, string> = { 'content-type': 'application/json' }) {
  return fetchJson(url, { method: 'POST', headers, body: JSON.stringify(body) });
}

