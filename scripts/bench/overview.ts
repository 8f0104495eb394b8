// npm run bench -- --overview [--sizes 10000,100000,1000000] [--seconds 5] [--rounds 2] [--writes 100000] [--skip-build]
// inventory.overview from the maintained totals, per size of the target vendor (one vendor with
// that many items: its own database `omni_bench_<items>x1_<DATABASE_URL database>`, built once by the scale seed
// and reused), against the old full-scan query replayed as raw SQL on the baseline server in the
// same run: the ratio to it, and how flat the overview stays from the smallest size up. On one
// size (--writes) it also measures what the triggers cost the writes: items.adjustStock and
// sales.create with the totals triggers enabled and disabled (ALTER TABLE ... DISABLE TRIGGER on
// that scratch database; the totals are recomputed afterwards), in alternating rounds. Each figure
// is a range over --rounds runs: the machine is shared, so read ranges, not single numbers.
import type { ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EntityManager } from '@mikro-orm/postgresql';
import { openOrm } from '../../src/db/orm.js';
import { createLogger } from '../../src/logger.js';
import { recomputeTotals, repairTotals } from '../../src/modules/inventory/services/totals.js';
import { step } from '../support/progress.js';
import { benchDatabase, ensureScaleDataset, type BenchTarget } from './dataset.js';
import { apiEnvironment, BCRYPT_COST, captureCallSql, CONNECTIONS, isDead, measure, run, productionServer, signIn, startServer, stopServers, type Scenario } from './harness.js';
import { fullScanOverviewSql } from './overview-full-scan.js';

const TRIGGERS = ['inventory_totals_insert', 'inventory_totals_update', 'inventory_totals_delete'];

interface SizeResult {
  items: number;
  overview: number[];
  fullScan: number[];
  thresholdMs: number;
  /** One connection, one query at a time: the median ms of the overview's SQL and of the old full scan. */
  sqlMs: { overview: number; fullScan: number };
  /** One connection: the median ms of a one-item stock update (changeStock's statement) with the triggers on and off. */
  writeSqlMs?: { on: number[]; off: number[] };
  writes?: Record<string, { on: number[]; off: number[] }>;
}

const range = (values: number[]) => (Math.min(...values) === Math.max(...values) ? `${values[0]}` : `${Math.min(...values)}–${Math.max(...values)}`);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)]!;
const times = (ratio: number) => (ratio >= 10 ? `${Math.round(ratio)}×` : `${ratio.toFixed(1)}×`);

export async function benchOverview(flags: Record<string, string>): Promise<void> {
  const sizes = (flags.sizes ?? '10000,100000,1000000').split(',').map(Number);
  const seconds = Number(flags.seconds ?? 5);
  const rounds = Number(flags.rounds ?? 2);
  const writesAt = Number(flags.writes ?? 100_000);
  const log = createLogger('warn');
  // --skip-build: the dist/ of an earlier run of this checkout.
  if (flags['skip-build'] !== 'true') await step('building the production server', () => run('npm', ['run', '-s', 'build']));
  const results: SizeResult[] = [];
  for (const items of sizes) {
    const plan = { items, vendors: 1, bcryptCost: BCRYPT_COST };
    const database = await benchDatabase(plan, log);
    try {
      const started = performance.now();
      const target = await ensureScaleDataset(database.url, plan, log);
      console.log(`dataset: ${target.vendorItems} items (${((performance.now() - started) / 1000).toFixed(1)} s${target.reused ? ', reused' : ''})`);
      results.push(await benchSize(database.url, target, { seconds, rounds, writes: items === writesAt }));
    } finally {
      stopServers();
      await database.stop();
    }
  }
  report(results, { seconds, rounds });
}

async function benchSize(url: string, target: BenchTarget, options: { seconds: number; rounds: number; writes: boolean }): Promise<SizeResult> {
  const { fullScanSql, thresholdMs, sqlMs } = await prepare(url, target);
  const env = apiEnvironment(url);
  const { api, baseline } = await step('starting the API and the baseline server', async () => ({
    api: await startServer(...productionServer(), env),
    baseline: await startServer('tsx', ['scripts/bench/baseline-server.ts'], { ...env, BENCH_OVERVIEW_SQL: fullScanSql, BENCH_PASSWORD: target.password }),
  }));
  const auth = await signIn(api.url, target);
  const result: SizeResult = { items: target.vendorItems, overview: [], fullScan: [], thresholdMs, sqlMs };
  const scenarios = {
    overview: { name: 'inventory.overview', options: { url: `${api.url}/trpc/inventory.overview`, headers: auth } },
    fullScan: { name: 'baseline: raw SQL of the old full-scan overview', options: { url: `${baseline.url}/overview` }, server: baseline },
  };
  const runOne = async (scenario: Scenario, server: { child: ChildProcess } = api) => {
    process.stderr.write(`[${target.vendorItems} items] ${scenario.name}…`);
    await scenario.before?.();
    const row = await measure(scenario, (scenario.server ?? server).child.pid!, options.seconds);
    process.stderr.write(` ${row.reqPerSec} req/s, p50 ${row.p50} ms, ${row.errors} errors\n`);
    if (isDead(row)) {
      console.error(`bench failed: "${scenario.name}" completed ${row.requests} requests with ${row.errors} errors`);
      process.exitCode = 1;
    }
    return row.reqPerSec;
  };
  for (let round = 0; round < options.rounds; round++) {
    result.overview.push(await runOne(scenarios.overview));
    result.fullScan.push(await runOne(scenarios.fullScan));
    // Full scans the load generator gave up on still run in PostgreSQL: let them end first.
    await drained(url);
  }
  if (options.writes) {
    result.writeSqlMs = await benchWriteStatements(url, target, options.rounds);
    // A fresh API for the writes: under the full scans' load its outage guard may have tripped.
    stopServers();
    const writer = await step('restarting the API', () => startServer(...productionServer(), env));
    const writerAuth = await signIn(writer.url, target);
    result.writes = await benchWrites(url, target, writer, writerAuth, (scenario) => runOne(scenario, writer), options.rounds);
  }
  return result;
}

/** The old query with its parameters inlined, and how long a threshold change's recount takes here. */
async function prepare(url: string, target: BenchTarget) {
  const orm = await openOrm(url, { migrate: false });
  try {
    const em = orm.em.fork();
    const [vendor] = await em.execute<{ id: string; low_stock_threshold: number }[]>(
      'select v.id, v.low_stock_threshold from vendors v join vendor_members m on m.vendor_id = v.id join users u on u.id = m.user_id where u.email = ?',
      [target.email],
    );
    const values = [String(vendor!.low_stock_threshold), `'${vendor!.id}'`];
    const fullScanSql = fullScanOverviewSql('').replace(/\?/g, () => values.shift()!);
    // A threshold change recounts the vendor's totals in its transaction: timed with another
    // threshold, then recounted back with the vendor's own.
    const started = performance.now();
    await em.fork().transactional((tx) => recomputeTotals(tx, vendor!.id, { lowStockThreshold: vendor!.low_stock_threshold + 1 }));
    const thresholdMs = Math.round(performance.now() - started);
    await em.fork().transactional((tx) => recomputeTotals(tx, vendor!.id));
    // inventory.overview's own statement (captured from a call), without the caller's lookups.
    const overviewSql = (await captureCallSql(url, target, (caller) => caller.inventory.overview())).statements.map(({ inlined }) => inlined).filter((sql) => sql.includes('inventory_totals'));
    const runAll = (statements: string[]) => async () => { for (const sql of statements) await em.execute(sql); };
    const sqlMs = { overview: await medianMs(200, runAll(overviewSql)), fullScan: await medianMs(10, runAll([fullScanSql])) };
    return { fullScanSql, thresholdMs, sqlMs };
  } finally {
    await orm.close();
  }
}

/** Waits (up to 2 minutes) until no other session of the database runs a statement. */
async function drained(url: string): Promise<void> {
  const orm = await openOrm(url, { migrate: false });
  try {
    for (let waited = 0; waited < 120_000; waited += 500) {
      const [row] = await orm.em.fork().execute<{ busy: number }[]>(
        "select count(*)::int as busy from pg_stat_activity where datname = current_database() and state = 'active' and pid <> pg_backend_pid()",
      );
      if (!row!.busy) return;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  } finally {
    await orm.close();
  }
}

/** The median time of `count` runs of `work`, one after the other. */
async function medianMs(count: number, work: (i: number) => Promise<unknown>): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    await work(i);
    samples.push(performance.now() - started);
  }
  return Math.round(median(samples) * 100) / 100;
}

/**
 * What the triggers cost one write statement, without HTTP: changeStock's one-item stock update
 * (quantity + 1, version, updated_at) in its own transaction, 300 times with the triggers on, then
 * off, for `rounds` rounds; median ms per round.
 */
async function benchWriteStatements(url: string, target: BenchTarget, rounds: number) {
  const orm = await openOrm(url, { migrate: false });
  const em = orm.em.fork();
  const figures = { on: [] as number[], off: [] as number[] };
  const update = (i: number) => em.fork().transactional((tx) =>
    tx.execute('update items set quantity = quantity + 1, version = version + 1, updated_at = now() where id = ?', [target.itemIds[i % target.itemIds.length]], 'run'));
  try {
    for (let round = 0; round < rounds; round++) {
      for (const state of ['on', 'off'] as const) {
        await setTriggers(em, state);
        figures[state].push(await medianMs(300, update));
      }
    }
  } finally {
    await setTriggers(em, 'on');
    await repairTotals(orm.em.fork());
    await orm.close();
  }
  return figures;
}

const setTriggers = (em: EntityManager, state: 'on' | 'off') =>
  em.execute(TRIGGERS.map((name) => `alter table items ${state === 'on' ? 'enable' : 'disable'} trigger ${name}`).join('; '), [], 'run');

/**
 * items.adjustStock and sales.create (one line) with the triggers on, then off, alternating; the
 * totals are recomputed at the end (the runs without triggers left them behind).
 */
async function benchWrites(
  url: string,
  target: BenchTarget,
  api: { url: string },
  auth: Record<string, string>,
  runOne: (scenario: Scenario) => Promise<number>,
  rounds: number,
) {
  const orm = await openOrm(url, { migrate: false });
  let sequence = 0;
  const mutation = (path: string, body: () => unknown): Scenario['options'] => ({
    url: `${api.url}/trpc/${path}`,
    method: 'POST',
    headers: auth,
    requests: [{ setupRequest: (req) => ({ ...req, body: JSON.stringify(body()) }) }],
  });
  const saleItems = target.saleItemIds;
  const scenarios: Scenario[] = [
    { name: 'items.adjustStock', options: mutation('items.adjustStock', () => ({ id: target.itemIds[++sequence % target.itemIds.length], delta: 1, reason: 'adjustment' })) },
    {
      name: 'sales.create (1 line)',
      // Enough stock for every sale of the run (one unit each, over the default store's items).
      before: () => orm.em.fork().execute('update items set quantity = quantity + 200 where id = any(?::uuid[])', [`{${saleItems.join(',')}}`]),
      options: mutation('sales.create', () => ({ lines: [{ itemId: saleItems[++sequence % saleItems.length], quantity: 1, unitPrice: '1.00' }], payments: [{ method: 'card', amount: '1.00' }] })),
    },
  ];
  const figures: Record<string, { on: number[]; off: number[] }> = Object.fromEntries(scenarios.map((s) => [s.name, { on: [], off: [] }]));
  try {
    for (let round = 0; round < rounds; round++) {
      for (const state of ['on', 'off'] as const) {
        await setTriggers(orm.em.fork(), state);
        for (const scenario of scenarios) figures[scenario.name]![state].push(await runOne({ ...scenario, name: `${scenario.name} (triggers ${state})` }));
      }
    }
  } finally {
    await setTriggers(orm.em.fork(), 'on');
    const repairs = await step('recomputing the totals the trigger-less runs left behind', () => repairTotals(orm.em.fork()));
    console.log(`totals rows recomputed: ${repairs.reduce((sum, r) => sum + r.fixes.length, 0)}`);
    await orm.close();
  }
  return figures;
}

function report(results: SizeResult[], options: { seconds: number; rounds: number }) {
  const smallest = results[0]!;
  const header = ['items', 'overview req/s', 'old full scan req/s', 'vs full scan', 'flat (vs smallest)', 'SQL ms: overview', 'old full scan', 'vs full scan', 'threshold change ms'];
  const lines = results.map((r) => [
    r.items.toLocaleString('en'),
    range(r.overview),
    range(r.fullScan),
    times(median(r.overview) / median(r.fullScan)),
    `${Math.round((median(r.overview) / median(smallest.overview)) * 100)}%`,
    String(r.sqlMs.overview),
    String(r.sqlMs.fullScan),
    times(r.sqlMs.fullScan / r.sqlMs.overview),
    String(r.thresholdMs),
  ]);
  console.log(`\ninventory.overview, ${CONNECTIONS} connections, ${options.seconds} s per scenario, ${options.rounds} rounds (ranges), Node ${process.version}`);
  table(header, lines);
  for (const r of results.filter((x) => x.writes)) {
    console.log(`\nwrites at ${r.items.toLocaleString('en')} items, totals triggers on vs off (req/s, ranges over ${options.rounds} rounds)`);
    table(['scenario', 'triggers on', 'triggers off', 'on / off (medians)'], Object.entries(r.writes!).map(([name, f]) => [name, range(f.on), range(f.off), `${Math.round((median(f.on) / median(f.off)) * 100)}%`]));
    const w = r.writeSqlMs!;
    console.log(`one-item stock update in its own transaction, one connection: ${range(w.on)} ms with the triggers, ${range(w.off)} ms without (+${Math.round((median(w.on) / median(w.off) - 1) * 100)}%, medians)`);
  }
  mkdirSync('bench-results', { recursive: true });
  const file = join('bench-results', `bench-overview-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, JSON.stringify({ at: new Date().toISOString(), node: process.version, connections: CONNECTIONS, ...options, results }, null, 2));
  console.log(`\nwritten to ${file}`);
}

function table(header: string[], lines: string[][]) {
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const format = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  console.log(format(header));
  for (const line of lines) console.log(format(line));
}
