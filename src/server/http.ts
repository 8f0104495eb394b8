import cluster from 'node:cluster';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from '../app.js';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { startWorkers } from '../jobs/workers.js';
import { openRuntime, type Runtime } from '../runtime.js';
import { createWebApp } from '../web/serve.js';
import { exitWith } from './startup.js';
import { serverPoolSize } from './pool-size.js';
import { runsBackgroundJobs } from './primary.js';

/** What a worker tells the primary once it serves requests. */
export interface ReadyMessage {
  omni: 'ready';
  port: number;
}

/**
 * One HTTP server process: the whole server (WEB_CONCURRENCY=1), or a worker of the cluster
 * (src/server/primary.ts), which then says `ready` to the primary instead of logging the start.
 * The port is taken before the database is touched, so a second `npm start` on a busy port leaves
 * everything of the first alone. SIGINT/SIGTERM: stop accepting, drain the requests in flight,
 * close the database, exit 0.
 */
export async function runServer(config: Config, log: Logger, startedAt: number): Promise<void> {
  const worker = cluster.isWorker;
  let handle: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => {
    res.writeHead(503, { 'content-type': 'application/json', 'retry-after': '1' }).end('{"status":"starting"}');
  };
  // Tests tell the processes of a cluster apart by this header; nothing else sees a pid.
  const pid = config.env === 'test' ? String(process.pid) : undefined;
  const server = createServer((req, res) => {
    if (pid) res.setHeader('x-omni-pid', pid);
    handle(req, res);
  });
  await listen(server, config).catch(exitWith);
  // A worker's pool was sized by the primary (DB_POOL_SIZE in its environment) for all of them.
  const runtime: Runtime = await openRuntime({ config, log, poolSize: worker ? undefined : (url) => serverPoolSize(config, url) }).catch(exitWith);
  const web = createWebApp(config, log, server);
  handle = createApp(runtime.services, { web: web?.handler });
  // Background jobs (imports) run in one process (the only one, or the cluster's first worker),
  // unless JOBS_WORKER=false: then `npm run worker` runs them.
  if (config.jobs.worker && runsBackgroundJobs()) await startWorkers(runtime.services).catch(exitWith);
  const { port } = server.address() as AddressInfo;
  if (worker) {
    process.send!({ omni: 'ready', port } satisfies ReadyMessage);
    log.debug({ port }, 'worker serving');
  } else {
    log.info(
      {
        url: `http://${config.host}:${port}`,
        workers: 1,
        database: runtime.database.embedded ? `embedded PostgreSQL on ${new URL(runtime.database.url).port}` : 'DATABASE_URL',
        startupMs: Math.round(performance.now() - startedAt),
      },
      'Omni-Stock is listening',
    );
  }

  let stopping = false;
  async function shutdown(signal: string) {
    if (stopping) return;
    stopping = true;
    (worker ? log.debug : log.info).call(log, { signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    const closed = new Promise((resolve) => server.once('close', resolve));
    server.close();
    server.closeIdleConnections();
    await web?.close(); // its hot-reload sockets would keep the server open
    await closed;
    await runtime.close();
    (worker ? log.debug : log.info).call(log, 'stopped');
    process.exit(0);
  }
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  // A worker whose primary is gone (killed with SIGKILL) stops too, rather than serve on alone.
  if (worker) process.on('disconnect', () => void shutdown('disconnect'));
}

function listen(server: ReturnType<typeof createServer>, { port, host }: Config): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}
