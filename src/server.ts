import cluster from 'node:cluster';
import { loadEnvFile } from './config.js';
import { createLogger, wantsPrettyLogs } from './logger.js';
import { configOrExit } from './server/startup.js';

/**
 * Process entry: config → port → database → app → graceful stop. With WEB_CONCURRENCY above 1
 * this process is the cluster's primary (src/server/primary.ts): it forks that many server
 * processes on the one port and serves nothing itself. Every start-up failure is one clear line
 * on stderr and exit code 1, never a stack trace.
 */
const startedAt = performance.now();
loadEnvFile();
const config = configOrExit();
const log = createLogger(config.logLevel, { pretty: wantsPrettyLogs(config.isProduction) });
if (cluster.isPrimary) log.info({ node: process.version, env: config.env }, 'starting Omni-Stock');

// Imported when needed: the primary never loads the app, the ORM or the web server (about 60 MB less).
if (cluster.isPrimary && config.webConcurrency > 1) await (await import('./server/primary.js')).runPrimary(config, log, startedAt);
else await (await import('./server/http.js')).runServer(config, log, startedAt);
