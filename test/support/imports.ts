import type { RouterInputs, RouterOutputs } from '../../src/router.js';
import { startImportWorker } from '../../src/modules/imports/worker.js';
import type { LocalStorage } from '../../src/modules/media/storage/local.js';
import { app } from './app.js';
import type { SignedUp } from './fixtures.js';

type ImportJob = RouterOutputs['imports']['get'];
type Caller = SignedUp['caller'];

let working: Promise<void> | null = null;
/** This test process's import worker (pg-boss on the worker's own database), started once. */
export const withImportWorker = () => (working ??= startImportWorker(app()));

/** Polls imports.get until the job has ended (succeeded, failed, cancelled). */
export async function waitForImport(caller: Caller, id: string, timeoutMs = 30_000): Promise<ImportJob> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const job = await caller.imports.get({ id });
    if (!['queued', 'running'].includes(job.status)) return job;
    if (Date.now() > until) throw new Error(`import ${id} still ${job.status} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Creates an import through the API and waits for its end. */
export async function runImport(who: Pick<SignedUp, 'caller'>, input: Partial<RouterInputs['imports']['create']> & { csv?: string }): Promise<ImportJob> {
  await withImportWorker();
  const job = await who.caller.imports.create({ fileName: 'items.csv', preset: 'native', mode: 'apply', ...input } as RouterInputs['imports']['create']);
  return waitForImport(who.caller, job.id);
}

/** A CSV text from rows of cells (quoted where needed). */
export const csvOf = (rows: (string | number)[][], delimiter = ',') =>
  rows.map((row) => row.map((cell) => {
    const text = String(cell);
    return /[",;\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  }).join(delimiter)).join('\n') + '\n';

/** Stops this process's job queue (a running job is failed, to be retried) and starts a new worker. */
export async function restartImportWorker(): Promise<void> {
  await app().jobs.stop(1000);
  working = null;
  await withImportWorker();
}

/** Uploads bytes through imports.createUploadUrl and the local storage, answering the uploadId. */
export async function uploadCsv(who: Pick<SignedUp, 'caller'>, bytes: Buffer): Promise<string> {
  const storage = app().storage as LocalStorage;
  const upload = await who.caller.imports.createUploadUrl({ fileName: 'file.csv', contentType: 'text/csv', size: bytes.length });
  await storage.storeStream(storage.claimsOf(upload.uploadUrl.split('/').pop()!), (async function* () {
    yield bytes;
  })());
  return upload.uploadId;
}
