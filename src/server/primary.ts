import cluster, { type Worker } from 'node:cluster';
import { createServer } from 'node:net';
import type { Config } from '../config.js';
import { resolveDatabase, type DatabaseHandle } from '../db/database.js';
import type { Logger } from '../logger.js';
import type { ReadyMessage } from './http.js';
import { serverPoolSize } from './pool-size.js';
import { exitWith } from './startup.js';

/** A worker that died is started again after 1 s, doubled for each death in a row, at most 30 s. */
const RESTART_FIRST_MS = 1000;
const RESTART_MAX_MS = 30_000;
/** A worker that served this long before dying starts the back-off over. */
const STABLE_AFTER_MS = 60_000;
/** How long a stop waits for the workers to drain before it kills them. */
const STOP_TIMEOUT_MS = 15_000;

/**
 * The cluster's primary (WEB_CONCURRENCY > 1): checks the port, takes the one lease of the
 * embedded database (when DATABASE_URL is unset), sizes each worker's pool against the server's
 * max_connections, and forks the workers, which all listen on the one port (node:cluster hands
 * the connections round). It holds no HTTP server and no database pool of its own.
 *
 * Workers get the database as DATABASE_URL, their pool as DB_POOL_SIZE and their place as
 * OMNI_WORKER_INDEX (0 … N-1; a restarted worker keeps the index of the one it replaces).
 * Background jobs that must run once per deployment (the job queue's workers) belong in the
 * process with index 0, or in the single process of WEB_CONCURRENCY=1: see `runsBackgroundJobs`.
 *
 * SIGINT/SIGTERM: every worker drains and stops, then the database lease is released.
 */
export async function runPrimary(config: Config, log: Logger, startedAt: number): Promise<void> {
  await portIsFree(config).catch(exitWith);
  const database = await resolveDatabase(config, log).catch(exitWith);
  const poolSize = await serverPoolSize(config, database.url).catch(async (error: unknown) => {
    await database.stop();
    return exitWith(error);
  });
  const count = config.webConcurrency;
  // Workers run with this process's flags (tsx's loader under `npm start`) and its NODE_OPTIONS
  // (V8 flags such as --max-semi-space-size: see "Memory" in the README's Performance section).
  cluster.setupPrimary({ execArgv: process.execArgv });

  const env = (index: number) => ({ DATABASE_URL: database.url, DB_POOL_SIZE: String(poolSize), OMNI_WORKER_INDEX: String(index) });
  const indexOf = new Map<Worker, number>();
  const readyAt = new Map<Worker, number>();
  let deathsInARow = 0;
  let stopping = false;
  let started = false;

  const fork = (index: number) => {
    const worker = cluster.fork(env(index));
    indexOf.set(worker, index);
    worker.on('message', (message: ReadyMessage) => {
      if (message?.omni !== 'ready') return;
      readyAt.set(worker, performance.now());
      if (!started && readyAt.size === count) {
        started = true;
        log.info(
          {
            url: `http://${config.host}:${message.port}`,
            workers: count,
            database: database.embedded ? `embedded PostgreSQL on ${new URL(database.url).port}` : 'DATABASE_URL',
            poolSize,
            startupMs: Math.round(performance.now() - startedAt),
          },
          'Omni-Stock is listening',
        );
      } else if (started) {
        log.info({ pid: worker.process.pid, index }, 'a new server worker is serving');
      }
    });
  };

  cluster.on('exit', (worker, code, signal) => {
    const index = indexOf.get(worker)!;
    const servedMs = readyAt.has(worker) ? performance.now() - readyAt.get(worker)! : 0;
    indexOf.delete(worker);
    readyAt.delete(worker);
    if (stopping) return;
    if (!started) {
      // A worker that cannot start (its one line is on stderr) fails the whole start.
      void stop(database, log, 'a worker could not start', 1);
      return;
    }
    if (code === 0 && !signal) {
      // Only a stop ends a worker cleanly (a signal sent to it alone): the others carry on.
      log.warn({ pid: worker.process.pid, index }, 'a server worker stopped');
      if (indexOf.size === 0) void stop(database, log, 'every worker stopped', 0);
      return;
    }
    deathsInARow = servedMs >= STABLE_AFTER_MS ? 0 : deathsInARow + 1;
    const delay = Math.min(RESTART_FIRST_MS * 2 ** Math.max(0, deathsInARow - 1), RESTART_MAX_MS);
    log.error({ pid: worker.process.pid, index, code, signal, restartInMs: delay }, `server worker ${worker.process.pid} died (${signal ?? `exit code ${code}`}); starting another in ${delay / 1000} s`);
    setTimeout(() => stopping || fork(index), delay);
  });

  for (let index = 0; index < count; index++) fork(index);

  const onSignal = (signal: string) => {
    if (stopping) return;
    log.info({ signal }, 'shutting down');
    void stop(database, log, signal, 0);
  };
  process.on('SIGINT', () => onSignal('SIGINT'));
  process.on('SIGTERM', () => onSignal('SIGTERM'));

  /** Stops every worker (each drains its requests in flight), then releases the database. */
  async function stop(database: DatabaseHandle, log: Logger, reason: string, exitCode: number) {
    if (stopping) return;
    stopping = true;
    const workers = Object.values(cluster.workers ?? {}).filter((w): w is Worker => Boolean(w) && !w!.isDead());
    const gone = workers.map((w) => new Promise((resolve) => (w.isDead() ? resolve(null) : w.once('exit', resolve))));
    for (const worker of workers) worker.process.kill('SIGTERM');
    const kill = setTimeout(() => {
      log.warn('server workers still running after 15 s: killing them');
      for (const worker of workers) if (!worker.isDead()) worker.process.kill('SIGKILL');
    }, STOP_TIMEOUT_MS);
    await Promise.all(gone);
    clearTimeout(kill);
    await database.stop().catch((error: unknown) => log.error({ err: error }, 'releasing the database failed'));
    if (exitCode === 0) log.info({ reason }, 'stopped');
    process.exit(exitCode);
  }
}

/** Whether this process runs the deployment's once-only background work: a single server, or worker 0 of a cluster. */
export const runsBackgroundJobs = (): boolean => (process.env.OMNI_WORKER_INDEX ?? '0') === '0';

/** The workers' port is free (checked before the database is touched, as a single server does). */
function portIsFree({ port, host }: Config): Promise<void> {
  if (port === 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(port, host, () => probe.close(() => resolve()));
  });
}
