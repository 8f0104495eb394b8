import { randomUUID } from 'node:crypto';
import { conflict, forbidden, invalidInput, notFound } from '../../../core/errors.js';
import { write, type VendorWriteContext } from '../../../db/write.js';
import { changesOf } from '../../audit/changes.js';
import { CSV_TYPE } from '../../media/contract.js';
import { importPath } from '../../media/images.js';
import { storeScopeOf } from '../../vendors/selectors/store-scope.js';
import { importInputIssues, type CreateImportInput } from '../contract.js';
import { ImportJob } from '../entities.js';
import { findImportJob, importJobDto } from '../selectors/jobs.js';

/** Importing changes items, so it takes what changing items takes: a manager grant for some store (or admin). */
async function assertMayImport(wc: VendorWriteContext): Promise<void> {
  const scope = await storeScopeOf(wc.em, wc.member);
  if (!scope.all && scope.manage.length === 0) throw forbidden('Importing items needs a manager grant for a store');
}

/**
 * A new import job, queued: the file inline or an upload made through createUploadUrl (in the
 * vendor's folder, so another vendor's upload id is simply not found). The job is sent to the
 * queue after the commit, under the job's own id, so sending it again (the workers' sweep of
 * queued jobs at start) is harmless.
 */
export async function createImport(wc: VendorWriteContext, input: CreateImportInput) {
  const issues = importInputIssues(input);
  if (issues.length) throw invalidInput(issues);
  await assertMayImport(wc);
  const uploadPath = input.uploadId ? importPath(wc.vendor.id, input.uploadId) : null;
  if (uploadPath && !(await wc.services.storage.hasObject(uploadPath))) throw notFound('Upload');
  const job = await write(wc, async (tx) => {
    const created = tx.em.create(ImportJob, {
      vendor: tx.vendor,
      createdBy: tx.user,
      fileName: input.fileName,
      preset: input.preset,
      mapping: input.mapping ?? null,
      mode: input.mode,
      partial: input.partial ?? false,
      csv: input.csv ?? null,
      uploadPath,
      bytesTotal: input.csv !== undefined ? Buffer.byteLength(input.csv) : null,
      errors: [],
    });
    tx.audit({
      entity: 'ImportJob',
      entityId: created.id,
      changes: changesOf(null, { fileName: created.fileName, preset: created.preset, mode: created.mode, partial: created.partial, status: 'queued' }),
    });
    tx.afterCommit(() => wc.services.jobs.send('imports', { importJobId: created.id }, { id: created.id }));
    return created;
  });
  return importJobDto(job);
}

/** A signed URL to upload one CSV file (up to 50 MB) for a later imports.create. */
export async function createImportUploadUrl(wc: VendorWriteContext, input: { size: number }) {
  await assertMayImport(wc);
  const uploadId = randomUUID();
  const upload = await wc.services.storage.createUploadUrl({ path: importPath(wc.vendor.id, uploadId), contentType: CSV_TYPE, size: input.size });
  return { uploadId, uploadUrl: upload.uploadUrl, ...(upload.token ? { token: upload.token } : {}), expiresAt: upload.expiresAt.toISOString() };
}

/**
 * Cancels a queued or running import. A running one stops at its next step and its apply
 * transaction rolls back; one that already committed (or ended) answers CONFLICT.
 */
export async function cancelImport(wc: VendorWriteContext, id: string) {
  await assertMayImport(wc);
  const job = await findImportJob(wc.em, wc.vendor.id, id);
  return write(wc, async (tx) => {
    const rows = await tx.em.execute<{ id: string }[]>(
      "update import_jobs set status = 'cancelled', phase = null, finished_at = now(), csv = null where id = ? and status in ('queued', 'running') returning id",
      [job.id],
    );
    if (!rows.length) throw conflict(`This import has already ${job.status === 'cancelled' ? 'been cancelled' : 'finished'}`, { status: job.status });
    tx.audit({ entity: 'ImportJob', entityId: job.id, changes: changesOf({ status: job.status }, { status: 'cancelled' }) });
    tx.afterCommit(async () => {
      if (job.uploadPath) await wc.services.storage.deleteObjects([job.uploadPath]);
    });
    return importJobDto(await findImportJob(tx.em, tx.vendor.id, job.id));
  });
}
