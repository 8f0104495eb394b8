import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from './app.js';
import { ConfigError, loadConfig, loadEnvFile, type Config } from './config.js';
import { DatabaseStartError } from './db/orm.js';
import { startWorkers } from './jobs/workers.js';
import { createLogger, wantsPrettyLogs } from './logger.js';
import { openRuntime, type Runtime } from './runtime.js';
import { createWebApp } from './web/serve.js';

/**
 * Process entry: config → port → database → app → graceful stop. The port is taken before the
 * database is touched, so a second `npm start` on a busy port leaves everything of the first alone.
 * Every start-up failure is one clear line on stderr and exit code 1, never a stack trace.
 */
const startedAt = performance.now();
loadEnvFile();
const config = configOrExit();
const log = createLogger(config.logLevel, { pretty: wantsPrettyLogs(config.isProduction) });
log.info({ node: process.version, env: config.env }, 'starting Omni-Stock');

let handle: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => {
  res.writeHead(503, { 'content-type': 'application/json', 'retry-after': '1' }).end('{"status":"starting"}');
};
const server = createServer((req, res) => handle(req, res));
await listen(config).catch(exitWith);
const runtime: Runtime = await openRuntime({ config, log }).catch(exitWith);
const web = createWebApp(config, log, server);
handle = createApp(runtime.services, { web: web?.handler });
// Background jobs (imports) run here too unless JOBS_WORKER=false (then `npm run worker` does).
if (config.jobs.worker) await startWorkers(runtime.services).catch(exitWith);
const { port } = server.address() as AddressInfo;
log.info(
  {
    url: `http://${config.host}:${port}`,
    database: runtime.database.embedded ? `embedded PostgreSQL on ${new URL(runtime.database.url).port}` : 'DATABASE_URL',
    startupMs: Math.round(performance.now() - startedAt),
  },
  'Omni-Stock is listening',
);

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  log.info({ signal }, 'shutting down');
  const force = setTimeout(() => process.exit(1), 10_000);
  force.unref();
  const closed = new Promise((resolve) => server.once('close', resolve));
  server.close();
  server.closeIdleConnections();
  await web?.close(); // its hot-reload sockets would keep the server open
  await closed;
  await runtime.close(); // stops the job queue first: a running job gets a few seconds, then is retried later
  log.info('stopped');
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));

function configOrExit(): Config {
  try {
    return loadConfig();
  } catch (error) {
    return exitWith(error);
  }
}

function listen({ port, host }: Config): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

function exitWith(error: unknown): never {
  console.error(startupProblem(error));
  process.exit(1);
}

function startupProblem(error: unknown): string {
  if (error instanceof ConfigError || error instanceof DatabaseStartError) return `Omni-Stock could not start: ${error.message}`;
  const { code, syscall, port, address } = error as NodeJS.ErrnoException & { port?: number; address?: string };
  if (syscall === 'listen' && code === 'EADDRINUSE') {
    return `Omni-Stock could not start: port ${port} on ${address} is already in use by another server; choose another one, e.g. PORT=${Number(port) + 1} npm start`;
  }
  if (syscall === 'listen' && code === 'EACCES') {
    return `Omni-Stock could not start: no permission to listen on port ${port}; choose a port above 1023 with PORT=`;
  }
  return `Omni-Stock could not start: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`;
}
