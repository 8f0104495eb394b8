// npm run bench:web [-- --quick]
// The web app's production build in headless Chromium on loopback, against the scale dataset (100,000
// items for one vendor; --quick: 10,000): the first load's size (gzip), first contentful paint, the
// inventory table interactive, paging on through it, a search keystroke to updated rows, and the
// dashboard's size with its charts. Prints each figure against its target and writes them as JSON
// under bench-results/.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Page } from 'playwright-core';
import { freePort } from '../src/db/embedded.js';
import { createLogger } from '../src/logger.js';
import { benchDatabase, ensureScaleDataset } from './bench/dataset.js';
import { productionServer } from './bench/harness.js';
import { parseFlags } from './support/flags.js';
import { step } from './support/progress.js';

// Run inside the page by page.evaluate (this program has no DOM types).
declare const document: { querySelector(selector: string): { textContent: string | null } | null; querySelectorAll(selector: string): { length: number } };
declare const performance: { now(): number; getEntriesByType(type: string): { name: string; startTime: number }[] };
declare const location: { href: string };

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const quick = parseFlags().quick === 'true';
const plan = { items: quick ? 10_000 : 100_000, vendors: 1, bcryptCost: 10 };
const RUNS = 3;
const ROWS = '.item-table__body [role=row] a';

if (!existsSync(CHROMIUM)) {
  console.error(`bench:web needs Chromium at ${CHROMIUM} (apt-get install -y chromium, or set CHROMIUM_PATH)`);
  process.exit(1);
}

const log = createLogger('warn');
const database = await benchDatabase(plan, log);
let server: ChildProcess | undefined;
const profile = mkdtempSync(join(tmpdir(), 'omni-bench-chromium-'));
try {
  const target = await ensureScaleDataset(database.url, plan, log);
  console.log(`dataset: ${target.vendorItems} items for the target vendor${target.reused ? ' (reused)' : ''}`);
  await step('building the production server and web app', () => run('npm', ['run', '-s', 'build']));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  server = spawn(...productionServer(), {
    stdio: ['ignore', 'inherit', 'inherit'],
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(port),
      DATABASE_URL: database.url,
      JWT_SECRET: 'bench-secret-bench-secret-bench-secret-0123',
      PUBLIC_URL: 'https://bench.invalid',
      BCRYPT_COST: String(plan.bcryptCost),
      LOG_LEVEL: 'warn',
      MIGRATE_ON_START: 'false',
      WEB_CONCURRENCY: '1',
    },
  });
  await waitForHealth(url);

  const browser = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1280, height: 900 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  // A page of its own: the profile's first tab paints nothing into its performance timeline.
  const page = await browser.newPage();

  // A newcomer's first visit: an empty cache, the sign-in page.
  await page.goto(`${url}/`, { waitUntil: 'networkidle' });
  const signInLoad = await firstLoad(page);

  await page.getByLabel('Email').fill(target.email);
  await page.getByLabel('Password').fill(target.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
  // The dashboard opened afresh, with every chunk its panels load (the charts' among them, after the first paint).
  await page.goto(`${url}/`, { waitUntil: 'networkidle' });
  await page.locator('.recharts-bar-rectangle').first().waitFor();
  const dashboardLoad = await firstLoad(page);

  const tableTimes: number[] = [];
  let inventoryLoad = { bytes: 0, fcp: 0 };
  for (let n = 0; n < RUNS; n++) {
    await page.goto(`${url}/inventory`, { waitUntil: 'commit' });
    tableTimes.push(await frameWhen(page, `document.querySelectorAll(${JSON.stringify(ROWS)}).length > 0`));
    if (n === 0) {
      await page.waitForLoadState('networkidle');
      inventoryLoad = await firstLoad(page);
    }
  }

  // Paging on: scroll to the end until 2,000 rows are loaded (20 keyset pages).
  const scrollStarted = await page.evaluate(() => performance.now());
  for (let loaded = 0; loaded < 2000; ) {
    await page.locator('.item-table').evaluate((table) => table.scrollTo({ top: table.scrollHeight }));
    await page.waitForTimeout(16);
    loaded = await page.locator('.item-table__body [role=row][aria-rowindex]').evaluateAll((rows) => Math.max(0, ...rows.map((row) => Number(row.getAttribute('aria-rowindex')) - 1)));
  }
  const pagingMs = ((await page.evaluate(() => performance.now())) - scrollStarted) / 20;

  // A search keystroke: the last letter of a SKU prefix narrows the rows.
  const search = page.getByLabel('Search items');
  const keystrokes: number[] = [];
  for (let n = 0; n < RUNS; n++) {
    const prefix = `SC-0000${n + 1}`;
    await search.fill(prefix);
    await page.waitForFunction(() => !document.querySelector('.result-count')!.textContent!.includes('updating'));
    await page.waitForTimeout(300);
    const before = await page.locator('.result-count').textContent();
    const started = await page.evaluate(() => performance.now());
    await search.press('2');
    const shown = "document.querySelector('.result-count').textContent";
    const done = await frameWhen(page, `${shown} !== ${JSON.stringify(before)} && !${shown}.includes('updating')`);
    keystrokes.push(done - started);
  }
  await browser.close();

  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  const rows = [
    { figure: 'first load, sign-in page (gzip)', value: signInLoad.bytes / 1000, unit: 'kB', target: 250 },
    { figure: 'first load, inventory page (gzip)', value: inventoryLoad.bytes / 1000, unit: 'kB', target: 250 },
    { figure: 'dashboard with its charts, all chunks (gzip)', value: dashboardLoad.bytes / 1000, unit: 'kB' },
    { figure: 'first contentful paint, sign-in page', value: signInLoad.fcp, unit: 'ms' },
    { figure: 'first contentful paint, inventory page', value: inventoryLoad.fcp, unit: 'ms' },
    { figure: `inventory table of ${target.vendorItems} items interactive (median of ${RUNS})`, value: median(tableTimes), unit: 'ms', target: 1500 },
    { figure: 'paging on: one more page of 100 rows while scrolling', value: pagingMs, unit: 'ms' },
    { figure: `search keystroke to updated rows (median of ${RUNS})`, value: median(keystrokes), unit: 'ms', target: 300 },
  ];
  console.log(`\nweb app, production build, headless Chromium on loopback, Node ${process.version}${quick ? ', quick' : ''} (indicative: a shared 2-core machine)`);
  const width = Math.max(...rows.map((r) => r.figure.length));
  for (const row of rows) {
    const value = `${row.value.toFixed(row.unit === 'kB' ? 1 : 0)} ${row.unit}`;
    const verdict = row.target === undefined ? '' : `${row.value <= row.target ? '✓' : '✗'} target ≤ ${row.target} ${row.unit}`;
    console.log(`${row.figure.padEnd(width)}  ${value.padStart(10)}  ${verdict}`);
  }
  mkdirSync('bench-results', { recursive: true });
  const file = join('bench-results', `bench-web-${new Date().toISOString().replace(/[:.]/g, '-')}${quick ? '-quick' : ''}.json`);
  writeFileSync(file, JSON.stringify({ at: new Date().toISOString(), plan, tableTimes, keystrokes, rows }, null, 2));
  console.log(`\nwritten to ${file}`);
} finally {
  server?.kill('SIGTERM');
  rmSync(profile, { recursive: true, force: true });
  await database.stop();
}

/** What the page loaded from this server (document, scripts, styles) gzipped as a server would send it, and its first contentful paint. */
async function firstLoad(page: Page) {
  const { names, fcp } = await page.evaluate(() => ({
    names: [location.href, ...performance.getEntriesByType('resource').map((entry) => entry.name)],
    fcp: performance.getEntriesByType('paint').find((entry) => entry.name === 'first-contentful-paint')?.startTime ?? 0,
  }));
  const origin = new URL(page.url()).origin;
  const files = new Set(names.filter((name) => name.startsWith(origin) && !name.includes('/trpc/')).map((name) => new URL(name).pathname));
  let bytes = 0;
  for (const path of files) {
    const file = join('dist/web', /\.\w+$/.test(path) ? path : 'index.html');
    if (existsSync(file)) bytes += gzipSync(readFileSync(file)).length;
  }
  return { bytes, fcp };
}

/**
 * performance.now() at the first animation frame at which `condition` holds. Page code goes as a
 * string: tsx's compiled functions call a helper that does not exist in the page.
 */
function frameWhen(page: Page, condition: string): Promise<number> {
  return page.evaluate(`new Promise((resolve) => {
    const check = () => (${condition} ? resolve(performance.now()) : requestAnimationFrame(check));
    check();
  })`);
}

async function waitForHealth(url: string) {
  for (let waited = 0; waited < 60_000; waited += 200) {
    if (await fetch(`${url}/health`).then((r) => r.ok, () => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error('the production server did not answer /health within 60 s');
}

function run(command: string, args: string[]) {
  return new Promise<void>((resolve, reject) => {
    spawn(command, args, { stdio: 'inherit' }).once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} failed (${code})`))));
  });
}
