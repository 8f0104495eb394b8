// npm run worker: the background jobs (imports) without the HTTP server, e.g. next to servers
// started with JOBS_WORKER=false. Stops gracefully on SIGINT/SIGTERM: a running job gets 10 s to
// finish, else it is failed and retried later (by this or another worker).
import { startWorkers } from '../src/jobs/workers.js';
import { openRuntime } from '../src/runtime.js';
import { exitWithError } from './support/exit.js';

const runtime = await openRuntime().catch((error: unknown) => exitWithError(error, 'worker could not start: '));
await startWorkers(runtime.services);
runtime.log.warn('worker started: working queued jobs');
let stopping = false;
const stop = async (signal: string) => {
  if (stopping) return;
  stopping = true;
  runtime.log.warn({ signal }, 'worker stopping');
  await runtime.close();
  process.exit(0);
};
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));
