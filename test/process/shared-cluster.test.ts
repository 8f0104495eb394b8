import { expect } from 'chai';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { clusterPaths, processIsAlive, useEmbeddedCluster } from '../../src/db/embedded.js';
import { createLogger } from '../../src/logger.js';

// Real processes on one embedded cluster in a private temporary DATA_DIR (mode 700: as root, this
// is the folder the postgres user could not reach before).

interface Started {
  child: ChildProcess;
  base: string;
  output: () => string;
}

const children = new Set<ChildProcess>();

/** The environment of a newcomer's shell: no DATABASE_URL, the data folder of the test. */
const envFor = (dataDir: string, extra: Record<string, string> = {}) => ({ PATH: process.env.PATH!, HOME: process.env.HOME ?? tmpdir(), DATA_DIR: dataDir, ...extra });

/** `node src/server.ts` in a process group of its own, answered once it listens. */
function startServer(dataDir: string): Promise<Started> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    detached: true,
    env: envFor(dataDir, { PORT: '0', LOG_LEVEL: 'info', BCRYPT_COST: '4' }),
  });
  children.add(child);
  let output = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk;
      const url = /"url":"(http:\/\/[^"]+)".*Omni-Stock is listening/.exec(output)?.[1];
      if (url) resolve({ child, base: url, output: () => output });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`the server exited (${code}) before listening:\n${output}`)));
  });
}

function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

async function stopServer(child: ChildProcess): Promise<number | null> {
  process.kill(-child.pid!, 'SIGTERM');
  return exited(child);
}

function runSeed(dataDir: string): Promise<{ code: number | null; output: string }> {
  const child = spawn('npm', ['run', 'seed'], { detached: true, env: envFor(dataDir, { BCRYPT_COST: '4' }) });
  children.add(child);
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk));
  return exited(child).then((code) => ({ code, output }));
}

async function register(base: string, email: string): Promise<string> {
  const response = await fetch(`${base}/trpc/auth.register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: 'a long enough password', passwordConfirm: 'a long enough password' }),
  });
  expect(response.status).to.equal(200);
  return ((await response.json()) as { result: { data: { accessToken: string } } }).result.data.accessToken;
}

async function me(base: string, token: string): Promise<{ status: number; email?: string }> {
  const response = await fetch(`${base}/trpc/users.me`, { headers: { authorization: `Bearer ${token}` } });
  const body = (await response.json()) as { result?: { data: { user: { email: string } } } };
  return { status: response.status, email: body.result?.data.user.email };
}

const readyStatus = async (base: string) => (await fetch(`${base}/ready`)).status;

const postmasterPid = (dataDir: string) => {
  const pidFile = join(clusterPaths(dataDir).cluster, 'postmaster.pid');
  return existsSync(pidFile) ? Number(readFileSync(pidFile, 'utf8').split('\n')[0]) : null;
};

describe('embedded PostgreSQL shared by real processes', function () {
  this.timeout(180_000);
  let dataDir: string;

  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'omni-shared-'));
  });

  afterEach(async () => {
    for (const child of children) {
      if (child.exitCode === null && child.signalCode === null) process.kill(-child.pid!, 'SIGKILL');
    }
    children.clear();
    // Whatever a failed test left running: attaching and releasing as the last user stops it.
    if (postmasterPid(dataDir)) await (await useEmbeddedCluster(dataDir, createLogger('silent'))).release();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('`npm run seed` and a second server attach to the running cluster and leave it running; the last one out stops it', async () => {
    const first = await startServer(dataDir);
    const token = await register(first.base, 'first@example.test');
    const postmaster = postmasterPid(dataDir);

    const seed = await runSeed(dataDir);
    expect(seed.code, seed.output).to.equal(0);
    expect(seed.output).to.include('Demo vendor');

    const second = await startServer(dataDir);
    expect(second.base).to.not.equal(first.base);
    expect(await readyStatus(second.base)).to.equal(200);
    expect(await stopServer(second.child), second.output()).to.equal(0);

    expect(await me(first.base, token)).to.deep.equal({ status: 200, email: 'first@example.test' });
    expect(await readyStatus(first.base)).to.equal(200);
    expect(postmasterPid(dataDir), 'still the cluster the first server started').to.equal(postmaster);

    expect(await stopServer(first.child), first.output()).to.equal(0);
    expect(postmasterPid(dataDir), 'the last user stopped the cluster').to.equal(null);
  });

  it('a SIGKILLed server leaves its cluster running; the next one attaches to it and, as the last user, stops it', async () => {
    const killed = await startServer(dataDir);
    const token = await register(killed.base, 'survivor@example.test');
    const postmaster = postmasterPid(dataDir)!;
    process.kill(-killed.child.pid!, 'SIGKILL');
    await exited(killed.child);
    expect(processIsAlive(postmaster)).to.equal(true);

    const next = await startServer(dataDir);
    expect(postmasterPid(dataDir)).to.equal(postmaster);
    expect(await me(next.base, token)).to.deep.equal({ status: 200, email: 'survivor@example.test' });
    expect(await stopServer(next.child), next.output()).to.equal(0);
    expect(postmasterPid(dataDir), 'the killed server left a lease that did not keep it running').to.equal(null);
  });

  (process.getuid?.() === 0 ? it : it.skip)('as root where user namespaces are unavailable, start-up fails with one line saying what to do', async () => {
    // A PATH without `unshare`, as on a machine without util-linux.
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], { detached: true, env: { PATH: dataDir, DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'silent' } });
    children.add(child);
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
    expect(await exited(child)).to.equal(1);
    expect(stderr).to.equal(
      'Omni-Stock could not start: the embedded PostgreSQL cannot run as root here: `unshare --user --map-user` (util-linux 2.38 or later) failed: spawn unshare ENOENT; run as a normal user or set DATABASE_URL\n',
    );
    expect(existsSync(join(dataDir, 'pg'))).to.equal(false);
  });
});
