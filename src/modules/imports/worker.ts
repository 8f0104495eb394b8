import type { AppServices } from '../../services.js';
import { ImportJob } from './entities.js';
import { runImportJob } from './services/run-import.js';

/**
 * Works the `imports` queue in this process. Queued jobs are re-sent first (under their own id,
 * so that is harmless): a job whose send was lost (the process stopped right after the commit
 * that created it) is queued again.
 */
export async function startImportWorker(services: AppServices): Promise<void> {
  await services.jobs.work('imports', async (data, job) => {
    await runImportJob(services, String(data.importJobId ?? job.id), job.signal);
  });
  const queued = await services.orm.em.fork().find(ImportJob, { status: 'queued' }, { fields: ['id'], limit: 10_000 });
  for (const { id } of queued) await services.jobs.send('imports', { importJobId: id }, { id });
}
