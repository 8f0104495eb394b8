// npm run worker: the background jobs (imports) without the HTTP server, e.g. next to servers
// started with JOBS_WORKER=false. Stops gracefully on SIGINT/SIGTERM: a running job gets 10 s to
// finish, else it is failed and retried later (by this or another worker).
import { startWorkers } from '../src/jobs/workers.js';
import { openRuntime } from '../src/runtime.js';

const runtime = await openRuntime().catch((error: unknown) => {
  console.error(`worker could not start: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
  process.exit(1);
});
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
