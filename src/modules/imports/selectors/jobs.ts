import type { EntityManager } from '@mikro-orm/postgresql';
import { notFound } from '../../../core/errors.js';
import { decodeCursor, encodeCursor } from '../../../core/pagination.js';
import type { Page } from '../../../contract/pagination.js';
import { count } from '../../../contract/query.js';
import { instant } from '../../../contract/text.js';
import type { ImportErrorOutput, ImportJobOutput, ImportStatus } from '../contract.js';
import { ImportError, ImportJob, type IImportJob } from '../entities.js';

const iso = (date: Date | null | undefined) => (date ? date.toISOString() : null);

export const importJobDto = (job: IImportJob): ImportJobOutput => ({
  id: job.id,
  vendorId: job.vendor.id,
  createdBy: job.createdBy?.id ?? null,
  fileName: job.fileName,
  preset: job.preset,
  mapping: job.mapping ?? null,
  mode: job.mode,
  partial: job.partial,
  status: job.status,
  phase: job.phase ?? null,
  rowsTotal: job.rowsTotal ?? null,
  rowsDone: job.rowsDone,
  bytesTotal: job.bytesTotal ?? null,
  bytesDone: job.bytesDone,
  summary: job.summary ?? null,
  wouldApply: job.wouldApply ?? null,
  errors: job.errors,
  errorCount: job.errorCount,
  failure: job.failure ?? null,
  createdAt: job.createdAt.toISOString(),
  startedAt: iso(job.startedAt),
  finishedAt: iso(job.finishedAt),
});

/** One of the vendor's import jobs, fresh from the database; another vendor's answers NOT_FOUND. */
export async function findImportJob(em: EntityManager, vendorId: string, id: string): Promise<IImportJob> {
  const job = await em.findOne(ImportJob, { id, vendor: vendorId }, { refresh: true });
  if (!job) throw notFound('Import');
  return job;
}

export async function getImportJob(em: EntityManager, vendorId: string, id: string): Promise<ImportJobOutput> {
  return importJobDto(await findImportJob(em, vendorId, id));
}

/** The vendor's imports, newest first (keyset on createdAt, id). */
export async function listImportJobs(
  em: EntityManager,
  vendorId: string,
  query: { status?: ImportStatus; limit: number; cursor?: string },
): Promise<Page<ImportJobOutput>> {
  const where = { vendor: vendorId, ...(query.status ? { status: query.status } : {}) };
  const after = query.cursor ? decodeCursor(query.cursor, instant()) : null;
  const keyset = after
    ? { $or: [{ createdAt: { $lt: after.value } }, { createdAt: after.value, id: { $lt: after.id } }] }
    : {};
  const [rows, total] = await Promise.all([
    em.find(ImportJob, { ...where, ...keyset }, { orderBy: { createdAt: 'desc', id: 'desc' }, limit: query.limit + 1 }),
    em.count(ImportJob, where),
  ]);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map(importJobDto),
    total,
    nextCursor: rows.length > query.limit && last ? encodeCursor(last.createdAt.toISOString(), last.id) : null,
  };
}

// `import_errors.position` is a PostgreSQL integer.
const MAX_POSITION = 2 ** 31 - 1;

/** A job's errors in the order they were found (file order, then the checks over the whole file), paged on their position. */
export async function listImportErrors(em: EntityManager, vendorId: string, query: { id: string; limit: number; cursor?: string }): Promise<Page<ImportErrorOutput>> {
  const job = await findImportJob(em, vendorId, query.id);
  const after = query.cursor ? decodeCursor(query.cursor, count(0, MAX_POSITION)) : null;
  const rows = await em.find(
    ImportError,
    { job, ...(after ? { position: { $gt: after.value } } : {}) },
    { orderBy: { position: 'asc' }, limit: query.limit + 1 },
  );
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map((e) => ({ row: e.line, column: e.column ?? null, message: e.message })),
    total: job.errorCount,
    nextCursor: rows.length > query.limit && last ? encodeCursor(last.position, job.id) : null,
  };
}
