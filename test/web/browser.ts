import axe from 'axe-core';
import { expect } from 'chai';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { freePort } from '../../src/db/embedded.js';
import { firstInRun, serverDatabase } from '../support/database.js';

/**
 * Browser tests: the real server (src/server.ts, the web app through Vite in development mode) on
 * its own database, driven by Debian's Chromium through playwright-core.
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
export const SCREENSHOTS = 'test-results/screens';

export const PASSWORD = 'counter password 1';
let counter = 0;
/** A name no other test of the run uses (emails, SKUs). */
export const unique = (name: string) => `${name}-${process.pid}-${++counter}`;

/**
 * A suite of browser tests. Without Chromium it is skipped, and the run says so in one line (once
 * for all its files and workers); in CI a missing browser fails the suite instead.
 */
export function describeInChromium(title: string, tests: (this: Mocha.Suite) => void) {
  if (hasChromium || process.env.CI) {
    return describe(title, function () {
      before(() => {
        if (!hasChromium) throw new Error(`CI needs Chromium at ${CHROMIUM} (apt-get install -y chromium)`);
      });
      tests.call(this);
    });
  }
  if (firstInRun('no-chromium')) console.log(`  browser tests skipped: no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`);
  return describe.skip(title, tests);
}

/** A tRPC call from the test process as the holder of `accessToken` (queries by GET, mutations by POST). */
export async function trpc<T>(url: string, accessToken: string, path: string, input: unknown, query = false): Promise<T> {
  const authorization = `Bearer ${accessToken}`;
  const response = query
    ? await fetch(`${url}/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}`, { headers: { authorization } })
    : await fetch(`${url}/trpc/${path}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization }, body: JSON.stringify(input) });
  const body = (await response.json()) as { result?: { data: T }; error?: unknown };
  if (!body.result) throw new Error(`${path}: ${JSON.stringify(body.error)}`);
  return body.result.data;
}

export interface WebServer {
  url: string;
  dataDir: string;
  /** The server's own database, for a test that writes its data through the API in-process. */
  databaseUrl: string;
  /** What the server printed, for a failing test's message. */
  output(): string;
  stop(): Promise<void>;
}

/** `node --import tsx src/server.ts` directly (no npm in between), so killing it stops the server. */
export async function startWebServer(): Promise<WebServer> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'omni-web-'));
  const databaseUrl = await serverDatabase('web');
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    env: {
      PATH: process.env.PATH!,
      NODE_ENV: 'test',
      PORT: String(port),
      DATABASE_URL: databaseUrl,
      MIGRATE_ON_START: 'false',
      DATA_DIR: dataDir,
      JWT_SECRET: 'browser-test-secret-that-is-long-enough-for-hs256',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk));
  const url = `http://127.0.0.1:${port}`;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  for (let waited = 0; ; waited += 100) {
    if (child.exitCode !== null) throw new Error(`the server exited: ${output}`);
    if (await fetch(`${url}/ready`).then((r) => r.ok, () => false)) break;
    if (waited > 30_000) throw new Error(`the server did not get ready: ${output}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url,
    dataDir,
    databaseUrl,
    output: () => output,
    async stop() {
      child.kill('SIGTERM');
      await exited;
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

// Run inside the page by page.evaluate (the test program has no DOM types).
declare const window: Record<string, unknown>;
declare const document: unknown;

/** A fresh browser with its own profile (user-data dir), as a second person on another machine would have. */
export async function openBrowser(viewport = { width: 1280, height: 860 }): Promise<BrowserContext & { cleanup(): Promise<void> }> {
  const profile = mkdtempSync(join(tmpdir(), 'omni-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport,
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
  });
  return Object.assign(context, {
    async cleanup() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  });
}

/** A new shop through the API (auth.register): its owner's tokens. */
export async function registerOwner(url: string, owner: { email: string; password: string; vendorName: string; firstName: string }) {
  const response = await fetch(`${url}/trpc/auth.register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ...owner, passwordConfirm: owner.password }),
  });
  const body = (await response.json()) as { result?: { data: { accessToken: string; refreshToken: string } }; error?: unknown };
  if (!body.result) throw new Error(`auth.register: ${JSON.stringify(body.error)}`);
  return body.result.data;
}

/**
 * Signed in as the app itself would be: the API's tokens in the page's localStorage (as
 * web/src/api/session.ts keeps them), before the app starts; the next goto opens signed in.
 */
export async function signInWithTokens(page: Page, url: string, tokens: { accessToken: string; refreshToken: string }) {
  await page.goto(`${url}/sign-in`);
  const claims = JSON.parse(Buffer.from(tokens.accessToken.split('.')[1]!, 'base64url').toString()) as { iat: number; exp: number };
  const session = { ...tokens, accessExpiresAt: Date.now() + (claims.exp - claims.iat) * 1000 };
  await page.evaluate((value) => (window.localStorage as { setItem(key: string, value: string): void }).setItem('omni-stock.session', value), JSON.stringify(session));
}

/** The access token the page's session holds now (the app may have refreshed it). */
export const accessTokenOf = (page: Page): Promise<string> =>
  page.evaluate(() => JSON.parse((window.localStorage as { getItem(key: string): string }).getItem('omni-stock.session')).accessToken as string);

/** Fails on any uncaught error or console error the page reports. */
export function watchForErrors(page: Page): () => string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    // A refused request is the browser's note of an answer the app handles (a duplicate SKU, say).
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) errors.push(`console error: ${message.text()}`);
  });
  return () => errors;
}

/**
 * axe-core on the page as it is now: no serious or critical violation. axe is evaluated through
 * the DevTools protocol, so the page's Content-Security-Policy stays as strict as it is.
 */
export async function expectAccessible(page: Page, screen: string) {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axe.source);
  const violations = await page.evaluate(async () => {
    const result = await (window as unknown as { axe: typeof axe }).axe.run(document, { resultTypes: ['violations'] });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
  });
  expect(violations, `axe on ${screen}`).to.deep.equal([]);
}

/** A full-page picture of the screen, for people to look at (test-results/ is git-ignored). */
export async function screenshot(page: Page, name: string) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** Accessible, and photographed. */
export async function checkScreen(page: Page, name: string) {
  await expectAccessible(page, name);
  await screenshot(page, name);
}
