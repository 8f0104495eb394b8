import { expect } from 'chai';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { clusterPaths, processIsAlive, useEmbeddedCluster } from '../../src/db/embedded.js';
import { createLogger } from '../../src/logger.js';
import { serverDatabase } from '../support/database.js';
import { startThrowawayPostgres } from '../support/throwaway-postgres.js';

// WEB_CONCURRENCY=2: a primary and two worker processes on one port, on the embedded PostgreSQL
// in a private DATA_DIR (the primary's one lease) or on a database of the run.

interface Reply {
  status: number;
  pid: number;
  headers: Record<string, string | string[] | undefined>;
}

/** One request on a connection of its own, so node:cluster hands each to the next worker. */
function call(base: string, path: string, body?: unknown): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(`${base}${path}`, { method: body === undefined ? 'GET' : 'POST', agent: false, headers: { 'content-type': 'application/json' } }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode!, pid: Number(res.headers['x-omni-pid']), headers: res.headers }));
    });
    req.on('error', reject);
    req.end(body === undefined ? undefined : JSON.stringify(body));
  });
}

describe('WEB_CONCURRENCY: one port, several server processes', function () {
  this.timeout(240_000);
  let dataDir: string;
  const children = new Set<ChildProcess>();

  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'omni-cluster-'));
  });
  afterEach(async () => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) process.kill(-child.pid!, 'SIGKILL');
    children.clear();
    if (existsSync(join(clusterPaths(dataDir).cluster, 'postmaster.pid'))) await (await useEmbeddedCluster(dataDir, createLogger('silent'))).release();
    await rm(dataDir, { recursive: true, force: true });
  });

  /** The server in a process group of its own; `waitFor` answers once its output matches. */
  function start(env: Record<string, string>) {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
      detached: true,
      env: { PATH: process.env.PATH!, HOME: process.env.HOME ?? tmpdir(), DATA_DIR: dataDir, PORT: '0', NODE_ENV: 'test', LOG_LEVEL: 'info', BCRYPT_COST: '4', ...env },
    });
    children.add(child);
    let output = '';
    let stderr = '';
    const waiters: (() => void)[] = [];
    const onData = (chunk: Buffer) => {
      output += chunk;
      for (const waiter of waiters.splice(0)) waiter();
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk: Buffer) => ((stderr += chunk), onData(chunk)));
    const ended = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const waitFor = (pattern: RegExp) =>
      new Promise<RegExpExecArray>((resolve, reject) => {
        const check = () => {
          const match = pattern.exec(output);
          if (match) return resolve(match);
          if (child.exitCode !== null) return reject(new Error(`the server exited (${child.exitCode}) before printing ${pattern}:\n${output}`));
          waiters.push(check);
        };
        void ended.then(() => waiters.length && check());
        check();
      });
    return { child, ended, waitFor, output: () => output, stderr: () => stderr };
  }

  it('forks two workers that answer on one port and share rate limits; a killed worker is replaced; SIGTERM stops all, frees the port and the database', async () => {
    const server = start({ WEB_CONCURRENCY: '2', AUTH_FAILURES_PER_IP: '3' });
    const [line, base] = await server.waitFor(/^.*"url":"(http:\/\/[^"]+)".*"Omni-Stock is listening".*$/m);
    expect(line).to.include('"workers":2');
    expect(server.output().match(/Omni-Stock is listening/g), 'one line for the whole cluster').to.have.length(1);
    const primary = server.child.pid!;

    // The embedded database was started once, by the primary: its lease is the only one.
    expect(readdirSync(clusterPaths(dataDir).leases).map((name) => Number(name.split('-')[0]))).to.deep.equal([primary]);

    const pids = new Set<number>();
    for (let i = 0; i < 8 && pids.size < 2; i++) pids.add((await call(base!, '/health')).pid);
    expect(pids.size, 'two distinct workers answered').to.equal(2);
    expect(pids.has(primary), 'the primary serves nothing itself').to.equal(false);

    // Failed logins from one address, over both workers, count against one limit (in PostgreSQL).
    const failed = { email: 'nobody@example.test', password: 'not the password' };
    const attempts = [];
    for (let i = 0; i < 3; i++) attempts.push(await call(base!, '/trpc/auth.login', failed));
    expect(attempts.map((a) => a.status)).to.deep.equal([401, 401, 401]);
    expect(new Set(attempts.map((a) => a.pid)).size, 'the failures landed on both workers').to.equal(2);
    const limited = await call(base!, '/trpc/auth.login', failed);
    expect(limited.status).to.equal(429);
    expect(Number(limited.headers['retry-after'])).to.be.greaterThan(800);

    // A crashed worker is replaced, after a back-off, and says so.
    const [victim] = pids;
    process.kill(victim!, 'SIGKILL');
    await server.waitFor(new RegExp(`server worker ${victim} died \\(SIGKILL\\); starting another in 1 s`));
    await server.waitFor(/a new server worker is serving/);
    const after = new Set<number>();
    for (let i = 0; i < 8 && after.size < 2; i++) after.add((await call(base!, '/health')).pid);
    expect(after.size).to.equal(2);
    expect(after.has(victim!)).to.equal(false);

    // SIGTERM to the primary alone stops every worker, then releases the database.
    process.kill(primary, 'SIGTERM');
    expect(await server.ended, server.output()).to.equal(0);
    for (const pid of after) expect(processIsAlive(pid), `worker ${pid} stopped`).to.equal(false);
    const port = Number(new URL(base!).port);
    await new Promise<void>((resolve, reject) => {
      const probe = createServer().once('error', reject);
      probe.listen(port, '127.0.0.1', () => probe.close(() => resolve()));
    });
    expect(existsSync(join(clusterPaths(dataDir).cluster, 'postmaster.pid')), 'the last lease went with the primary: PostgreSQL stopped').to.equal(false);
    expect(server.stderr()).to.equal('');
  });

  it('SIGTERM while the database is frozen stops every process before the forced exit (10 s)', async () => {
    const postgres = await startThrowawayPostgres();
    try {
      const server = start({ WEB_CONCURRENCY: '2', DATABASE_URL: postgres.url, JOBS_POLL_SECONDS: '0.5' });
      const [, base] = await server.waitFor(/^.*"url":"(http:\/\/[^"]+)".*"Omni-Stock is listening".*$/m);
      expect((await call(base!, '/ready')).status).to.equal(200);
      await postgres.freeze();
      await new Promise((resolve) => setTimeout(resolve, 1_500)); // the job worker's next fetch is in flight, unanswered
      const started = performance.now();
      process.kill(server.child.pid!, 'SIGTERM');
      expect(await server.ended, server.output()).to.equal(0);
      expect(performance.now() - started, 'stopped before the forced exit').to.be.below(9_000);
    } finally {
      await postgres.destroy();
    }
  });

  it('refuses, in one line, more connections than PostgreSQL allows', async () => {
    const server = start({ WEB_CONCURRENCY: '3', DB_POOL_SIZE: '1000', DATABASE_URL: await serverDatabase('budget'), LOG_LEVEL: 'silent' });
    expect(await server.ended).to.equal(1);
    expect(server.stderr()).to.match(
      /^Omni-Stock could not start: WEB_CONCURRENCY=3 needs 3 × \(DB_POOL_SIZE=1000 \+ 2 for rate limits\) \+ 5 reserved = 3011 database connections, more than PostgreSQL's max_connections \(\d+\); lower WEB_CONCURRENCY or DB_POOL_SIZE \(at most \d+ here\) or raise max_connections\n$/,
    );
  });
});
