import { startImportWorker } from '../modules/imports/worker.js';
import type { AppServices } from '../services.js';

/** Every queue's worker, in this process (the server unless JOBS_WORKER=false, and `npm run worker`). */
export async function startWorkers(services: AppServices): Promise<void> {
  await startImportWorker(services);
}
