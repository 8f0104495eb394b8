// The benchmark's moving parts, shared by its modes (scripts/bench.ts, scripts/bench/overview.ts):
// autocannon scenarios with the server's peak RSS, child servers on free ports, ratios.
import autocannon from 'autocannon';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createCaller, type Caller } from '../../src/caller.js';
import { loadConfig } from '../../src/config.js';
import { freePort } from '../../src/db/embedded.js';
import { openOrm } from '../../src/db/orm.js';
import { createLogger } from '../../src/logger.js';
import { createServices } from '../../src/services.js';
import { captureSql, type CapturedStatement } from '../support/capture-sql.js';

export const CONNECTIONS = 32;
export const BCRYPT_COST = 10;
export const JWT_SECRET = 'bench-secret-bench-secret-bench-secret-0123';

/** package.json's `config.serverNodeFlags`: the V8 heap limits `npm run start:prod` gives node (see "Memory" in the README). */
export function serverNodeFlags(): string[] {
  const { config } = JSON.parse(readFileSync('package.json', 'utf8')) as { config: { serverNodeFlags: string } };
  return config.serverNodeFlags.split(/\s+/);
}

/** The production server as `npm run start:prod` starts it, with any `extra` node flags. */
export function productionServer(extra: string[] = []): [command: string, args: string[]] {
  return ['node', [...serverNodeFlags(), ...extra, 'dist/src/server.js']];
}

/** The production server's environment over the benchmark's database. */
export function apiEnvironment(databaseUrl: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NODE_ENV: 'production',
    DATABASE_URL: databaseUrl,
    JWT_SECRET,
    BCRYPT_COST: String(BCRYPT_COST),
    LOG_LEVEL: 'warn',
    PUBLIC_URL: 'https://bench.invalid',
    // One account logs in over 32 connections at once: in-flight attempts count until they succeed.
    AUTH_FAILURES_PER_ACCOUNT: '1000000000',
    AUTH_FAILURES_BEFORE_SLOWDOWN: '1000000000',
    MIGRATE_ON_START: 'false',
  };
}

/** Signs the target in: the headers of its requests. */
export async function signIn(apiUrl: string, target: { email: string; password: string }) {
  const login = await postJson(`${apiUrl}/trpc/auth.login`, { email: target.email, password: target.password });
  const token = (login as { result: { data: { accessToken: string } } }).result.data.accessToken;
  return { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
}

export interface Row {
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

export interface Scenario {
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

/** 1 s of warm-up, then `seconds` of the scenario, sampling the server's peak RSS. */
export async function measure(scenario: Scenario, pid: number, seconds: number): Promise<Row> {
  const options = { ...scenario.options, connections: scenario.connections ?? CONNECTIONS };
  await autocannon({ ...options, duration: 1 });
  const rss = watchRss(pid);
  const result = await autocannon({ ...options, duration: seconds });
  const expected = (scenario.expectedStatuses ?? []).reduce((sum, status) => sum + (result.statusCodeStats?.[`${status}`]?.count ?? 0), 0);
  const errors = result.errors + result.timeouts + result.non2xx - expected;
  return { scenario: scenario.name, requests: result.requests.total, reqPerSec: Math.round(result.requests.average), p50: result.latency.p50, p99: result.latency.p99, errors, expected, rssMb: rss.stop() };
}

/** A scenario that served nothing, or failed more than 1% of its requests, measured nothing. */
export function isDead(row: Row): boolean {
  return row.requests === 0 || row.errors > row.requests * 0.01;
}

export function ratio(row: Row, base: Row): Row {
  return { ...row, baseline: base.scenario, baselineReqPerSec: base.reqPerSec, ratio: Math.round((row.reqPerSec / base.reqPerSec) * 100) / 100 };
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

/** The servers this process started: stopServers ends them. */
const children: ChildProcess[] = [];

export function stopServers(): void {
  for (const child of children.splice(0)) child.kill('SIGTERM');
}

/** Spawns a server on a free port and waits until its /health answers. */
export async function startServer(command: string, args: string[], env: NodeJS.ProcessEnv) {
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

export function run(command: string, args: string[]) {
  return new Promise<void>((resolve, reject) => {
    spawn(command, args, { stdio: 'inherit' }).once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} failed (${code})`))));
  });
}

export async function postJson(url: string, body: unknown, headers: Record<string, string> = { 'content-type': 'application/json' }) {
  const res = await fetch(url, { method: 'POST', headers, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`${url}: ${res.status} ${await res.text()}`);
  return res.json();
}

/**
 * The SQL statements one call sends as the target (signed in first), without the transaction's
 * begin and commit, and the target's user id: what a raw baseline replays.
 */
export async function captureCallSql(
  url: string,
  target: { email: string; password: string },
  call: (caller: Caller) => Promise<unknown>,
): Promise<{ userId: string; statements: CapturedStatement[] }> {
  const orm = await openOrm(url, { migrate: false });
  const config = loadConfig({ NODE_ENV: 'production', DATABASE_URL: url, JWT_SECRET, PUBLIC_URL: 'https://bench.invalid', BCRYPT_COST: String(BCRYPT_COST), LOG_LEVEL: 'silent' });
  const services = createServices(config, orm, createLogger('silent'));
  try {
    const { accessToken, user } = await createCaller(services).auth.login({ email: target.email, password: target.password });
    const statements = await captureSql(services, () => call(createCaller(services, { accessToken })));
    return { userId: user.id, statements: statements.filter(({ text }) => !/^(begin|commit|rollback)\b/i.test(text)) };
  } finally {
    await services.rateLimiter.close();
    await orm.close();
  }
}
