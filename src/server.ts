import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { resolveDatabase } from './db/database.js';
import { openOrm } from './db/orm.js';
import { createLogger } from './logger.js';
import { createServices } from './services.js';

const startedAt = performance.now();
let config;
try {
  config = loadConfig();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(error.message);
  process.exit(1);
}
const log = createLogger(config.logLevel);
log.info({ node: process.version, env: config.env }, 'starting Omni-Stock');

const database = await resolveDatabase(config, log);
const orm = await openOrm(database.url, { migrate: config.migrateOnStart, statementTimeoutMs: config.statementTimeoutMs });
const services = createServices(config, orm, log);
const app = createApp(services);

const server: Server = app.listen(config.port, config.host, () => {
  const { port } = server.address() as AddressInfo;
  log.info(
    {
      url: `http://${config.host}:${port}`,
      database: database.embedded ? `embedded PostgreSQL on ${new URL(database.url).port}` : 'DATABASE_URL',
      startupMs: Math.round(performance.now() - startedAt),
    },
    'Omni-Stock is listening',
  );
});

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  log.info({ signal }, 'shutting down');
  const force = setTimeout(() => process.exit(1), 10_000);
  force.unref();
  server.close();
  server.closeIdleConnections();
  await new Promise((resolve) => server.once('close', resolve));
  await services.rateLimiter.close();
  await orm.close();
  await database.stop();
  log.info('stopped');
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
