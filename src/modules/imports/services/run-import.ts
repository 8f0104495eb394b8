import type { EntityManager } from '@mikro-orm/postgresql';
import pg from 'pg';
import { Readable } from 'node:stream';
import { hasRole } from '../../../core/roles.js';
import { sqlArray, sqlTextArray } from '../../../db/sql.js';
import type { VendorWriteContext } from '../../../db/write.js';
import type { AppServices } from '../../../services.js';
import { Store, Vendor, VendorMember } from '../../vendors/entities.js';
import { storeScopeOf } from '../../vendors/selectors/store-scope.js';
import { KEPT_ERRORS, MAX_CELL_LENGTH, type ImportErrorOutput, type ImportSummary, type MappableField } from '../contract.js';
import { ImportJob, type IImportJob } from '../entities.js';
import { applyImport, ImportCancelled } from './apply.js';
import { ImportFileError, readCsv } from './csv-reader.js';
import { countsSql, planSql } from './plan.js';
import { readerFor } from './presets.js';
import { attributeProblem, validateRow, type ValidRow } from './rows.js';
import { createStagingSql, StagingWriter, stagingTableOf } from './staging.js';

/** Test seams: a pause at each phase and apply step, so a test can cancel or stop a worker at a known point. */
export interface ImportHooks {
  onPhase?: (phase: string, jobId: string) => Promise<void>;
}
let hooks: ImportHooks = {};
export const setImportHooks = (next: ImportHooks) => {
  hooks = next;
};

const PROGRESS_EVERY_MS = 250;
const ERROR_BATCH = 5000;

/** How long each stage of the last jobs took (ms), for the benchmark. */
export const lastTimings = new Map<string, Record<string, number>>();

/**
 * Runs one import job to its end: reads the file (inline or uploaded) as it streams, validates
 * every row, COPYs the valid ones into the job's staging table, then counts (dry run) or applies
 * (one transaction) them, and records the outcome on the job. Safe to run again for the same job
 * (a pg-boss retry after a stop or crash): a finished job is left alone, an unfinished one starts
 * over from the file, and the apply commits at most once (see applyImport).
 *
 * Returns normally when the job reached an end (succeeded, failed, cancelled); throws only when
 * the worker is stopping (`signal`), so that the queue retries the job.
 */
export async function runImportJob(services: AppServices, jobId: string, signal: AbortSignal): Promise<void> {
  const em = services.orm.em.fork();
  const job = await em.findOne(ImportJob, jobId, { populate: ['csv'] });
  if (!job || !['queued', 'running'].includes(job.status)) return;
  const started = await em.execute<{ id: string }[]>(
    `update import_jobs set status = 'running', phase = 'reading', started_at = coalesce(started_at, now()), rows_done = 0, rows_total = null,
            bytes_done = 0, summary = null, would_apply = null, errors = '[]', error_count = 0, failure = null
      where id = ? and status in ('queued', 'running') returning id`,
    [jobId],
  );
  if (!started.length) return;
  await em.execute('delete from import_errors where job_id = ?', [jobId]);
  const timings: Record<string, number> = {};
  lastTimings.set(jobId, timings);
  // Only the latest few are kept: this is for the benchmark, never a growing map in a server.
  for (const old of [...lastTimings.keys()].slice(0, -20)) lastTimings.delete(old);
  const client = new pg.Client({ connectionString: services.orm.config.get('clientUrl'), application_name: 'omni-stock:import' });
  const staging = stagingTableOf(jobId);
  try {
    await client.connect();
    await client.query('set statement_timeout = 0');
    await client.query(`drop table if exists ${staging}`);
    await client.query(createStagingSql(staging));
    await new ImportRun(services, job, client, staging, signal, timings).run();
  } catch (error) {
    if (signal.aborted) throw error; // the worker is stopping: the queue retries the job
    if (error instanceof ImportCancelled) return; // the cancel already set the status
    const message = error instanceof ImportFileError || isClientError(error) ? (error as Error).message : 'The import failed unexpectedly; try it again';
    if (!(error instanceof ImportFileError)) services.log.error({ err: error, jobId }, 'import failed');
    await em.execute(
      "update import_jobs set status = 'failed', phase = null, failure = ?, finished_at = now(), csv = null where id = ? and status = 'running'",
      [message, jobId],
    );
  } finally {
    await client.query(`drop table if exists ${staging}`).catch(() => undefined);
    await client.end().catch(() => undefined);
    if (job.uploadPath) {
      const [row] = await em.execute<{ status: string }[]>('select status from import_jobs where id = ?', [jobId]);
      if (row && !['queued', 'running'].includes(row.status)) await services.storage.deleteObjects([job.uploadPath]);
    }
  }
}

const isClientError = (error: unknown) => error instanceof Error && 'code' in error && ['BAD_REQUEST', 'CONFLICT', 'FORBIDDEN', 'NOT_FOUND'].includes(String((error as { code: unknown }).code));

class ImportRun {
  private readonly em: EntityManager;
  private kept: ImportErrorOutput[] = [];
  private pending: ImportErrorOutput[] = [];
  private errorCount = 0;
  private readonly errorLines = new Set<number>();
  private lastProgress = 0;

  constructor(
    private readonly services: AppServices,
    private readonly job: IImportJob,
    private readonly client: pg.Client,
    private readonly staging: string,
    private readonly signal: AbortSignal,
    private readonly timings: Record<string, number>,
  ) {
    this.em = services.orm.em.fork();
  }

  private time<T>(stage: string, work: () => Promise<T>): Promise<T> {
    const started = performance.now();
    return work().finally(() => {
      this.timings[stage] = (this.timings[stage] ?? 0) + (performance.now() - started);
    });
  }

  async run(): Promise<void> {
    const wc = await this.writeContext();
    const vendorId = wc.vendor.id;
    const stores = await this.em.find(Store, { vendor: vendorId, isActive: true });
    const defaultStore = (await this.em.findOne(Store, { vendor: vendorId, isDefault: true }))!;
    await hooks.onPhase?.('reading', this.job.id);
    const rowsTotal = await this.read(wc, new Map(stores.map((s) => [s.slug.toLowerCase(), s.id])));
    await hooks.onPhase?.('checking', this.job.id);
    await this.time('checks', () => this.check(wc, defaultStore.id));
    await this.flushErrors();
    const errorRows = this.errorLines.size;
    const wouldApply = errorRows === 0 || this.job.partial;
    await this.progress({ phase: this.job.mode === 'apply' && wouldApply ? 'applying' : null, rowsDone: rowsTotal }, true);

    if (this.job.mode === 'dryRun' || !wouldApply) {
      const [counts] = (await this.time('plan', () =>
        this.client.query(countsSql(`(${planSql(this.staging, { defaultStore: '$1', vendor: '$2' })})`), [defaultStore.id, vendorId]))).rows as Omit<ImportSummary, 'error'>[];
      const summary = { ...counts!, error: errorRows };
      // Apply with rows in error and without `partial` writes nothing and says why.
      const failed = this.job.mode === 'apply';
      await this.finish(failed ? 'failed' : 'succeeded', summary, wouldApply, failed ? `${errorRows} row${errorRows === 1 ? ' is' : 's are'} in error, so nothing was written (partial: true writes the valid rows)` : null);
      return;
    }
    await hooks.onPhase?.('applying', this.job.id);
    await applyImport(wc, {
      jobId: this.job.id,
      staging: this.staging,
      defaultStoreId: defaultStore.id,
      errorRows,
      describe: { fileName: this.job.fileName, preset: this.job.preset, partial: this.job.partial, rows: rowsTotal },
      checkpoint: (step) => this.checkpoint(step),
      timings: this.timings,
    });
  }

  /** Who the job acts as: its creator as they are now (still an active staff member of the vendor), or the system for a script's job. */
  private async writeContext(): Promise<VendorWriteContext> {
    const vendor = await this.em.findOneOrFail(Vendor, this.job.vendor.id);
    const base = { em: this.em, services: this.services, action: 'imports.apply', requestId: `import:${this.job.id}`, ip: null, userAgent: null, log: this.services.log };
    if (!this.job.createdBy) return { ...base, user: null, vendor, member: null };
    const member = await this.em.findOne(VendorMember, { vendor, user: this.job.createdBy.id, status: 'active' }, { populate: ['user'] });
    if (!member || !member.user.isActive || !hasRole(member.role, 'staff')) {
      throw new ImportFileError('The member who started this import can no longer import into this vendor');
    }
    return { ...base, user: member.user, vendor, member };
  }

  private async openSource(): Promise<AsyncIterable<Buffer | string>> {
    if (this.job.csv !== null && this.job.csv !== undefined) {
      const text = this.job.csv;
      await this.progress({ bytesTotal: Buffer.byteLength(text) }, true);
      // Inline files are fed in slices, like a stream, so progress and cancellation work alike.
      return (function* () {
        for (let i = 0; i < text.length; i += 64 * 1024) yield text.slice(i, i + 64 * 1024);
      })() as unknown as AsyncIterable<string>;
    }
    const stream = this.job.uploadPath ? await this.services.storage.openObject(this.job.uploadPath) : null;
    if (!stream) throw new ImportFileError('The uploaded file is missing: upload it again (imports.createUploadUrl) and start a new import');
    return stream as Readable;
  }

  /** Parse, validate and stage every row; answers the number of data rows. */
  private async read(wc: VendorWriteContext, stores: Map<string, string>): Promise<number> {
    const source = await this.openSource();
    const progress = { bytesRead: 0 };
    const records = readCsv(source, progress);
    const first = await records.next();
    if (first.done) throw new ImportFileError('The file is empty: its first line must be the header');
    const reader = readerFor(this.job.preset, (this.job.mapping ?? null) as Record<string, MappableField> | null, first.value.cells);
    const rules = { vendorId: wc.vendor.id, imagePolicy: this.services.imageUrlPolicy, stores };
    const writer = new StagingWriter(this.client, this.staging);
    const seen = new Map<string, number>();
    let rows = 0;
    let parseMs = 0;
    let validateMs = 0;
    let copyMs = 0;
    let mark = performance.now();
    for await (const record of records) {
      const parsed = performance.now();
      parseMs += parsed - mark;
      rows++;
      const long = record.cells.findIndex((cell) => cell.length > MAX_CELL_LENGTH);
      let valid: ValidRow | null = null;
      if (long >= 0) {
        this.addError(record.line, first.value.cells[long] ?? null, `is longer than ${MAX_CELL_LENGTH.toLocaleString('en')} characters`);
      } else {
        const { row, problems } = reader.read(record.cells);
        const result = problems.length ? { issues: problems } : validateRow(row, record.line, rules);
        if ('row' in result) valid = result.row;
        else for (const issue of result.issues) this.addError(record.line, issue.field ? reader.columnOf(issue.field) : null, issue.message);
      }
      if (valid) {
        const key = valid.sku.toLowerCase();
        const earlier = seen.get(key);
        if (earlier !== undefined) {
          this.addError(record.line, reader.columnOf('sku'), `duplicate SKU "${valid.sku}": line ${earlier} has it already`);
          valid = null;
        } else seen.set(key, record.line);
      }
      const validated = performance.now();
      validateMs += validated - parsed;
      if (valid) await writer.add(valid);
      mark = performance.now();
      copyMs += mark - validated;
      if (mark - this.lastProgress >= PROGRESS_EVERY_MS) await this.progress({ rowsDone: rows, bytesDone: progress.bytesRead });
    }
    const finishing = performance.now();
    await writer.finish();
    copyMs += performance.now() - finishing;
    Object.assign(this.timings, { parse: parseMs, validate: validateMs, copy: copyMs });
    await this.progress({ rowsDone: rows, rowsTotal: rows, bytesDone: progress.bytesRead, bytesTotal: progress.bytesRead }, true);
    return rows;
  }

  /**
   * Rules that need the database, over the whole staging table at once: a SKU twice by
   * PostgreSQL's lower() (besides JavaScript's), a store the member does not manage, attributes
   * of an update without a category (checked against the stored category). Rows that break one
   * leave the staging table and join the errors.
   */
  private async check(wc: VendorWriteContext, defaultStoreId: string): Promise<void> {
    const failed: number[] = [];
    const fail = (line: number, column: string | null, message: string) => {
      failed.push(line);
      this.addError(line, column, message);
    };
    const dupes = await this.client.query<{ line: number; sku: string; first: number }>(
      `select line, sku, first from (select line, sku, row_number() over w as n, first_value(line) over w as first
         from ${this.staging} window w as (partition by lower(sku) order by line)) d where n > 1`,
    );
    for (const d of dupes.rows) fail(d.line, 'sku', `duplicate SKU "${d.sku}": line ${d.first} has it already`);
    const scope = await storeScopeOf(this.em, wc.member);
    if (!scope.all) {
      const outside = await this.client.query<{ line: number; existing: boolean }>(
        `select s.line, i.id is not null and not (i.store_id = any($2::uuid[])) as existing
           from ${this.staging} s left join items i on i.vendor_id = $1 and lower(i.sku) = lower(s.sku)
          where (i.id is not null and not (i.store_id = any($2::uuid[])))
             or not (coalesce(s.store_id, i.store_id, $3::uuid) = any($2::uuid[]))`,
        [wc.vendor.id, scope.manage, defaultStoreId],
      );
      for (const row of outside.rows) {
        if (row.existing) fail(row.line, 'sku', 'this SKU is an item in a store you cannot manage');
        else fail(row.line, 'store', 'importing into this store needs a manager grant for it');
      }
    }
    const attributes = await this.client.query<{ line: number; category: string | null; attributes: Record<string, unknown> }>(
      `select s.line, i.category, s.attributes from ${this.staging} s left join items i on i.vendor_id = $1 and lower(i.sku) = lower(s.sku)
        where s.attributes is not null and s.category is null`,
      [wc.vendor.id],
    );
    for (const row of attributes.rows) {
      const problem = attributeProblem((row.category ?? 'other') as never, row.attributes);
      if (problem) fail(row.line, 'attributes', problem.message);
    }
    if (failed.length) await this.client.query(`delete from ${this.staging} where line = any($1::int[])`, [failed]);
    this.kept.sort((a, b) => a.row - b.row);
  }

  private addError(line: number, column: string | null, message: string) {
    const error = { row: line, column, message };
    this.errorCount++;
    this.errorLines.add(line);
    if (this.kept.length < KEPT_ERRORS) this.kept.push(error);
    this.pending.push(error);
    if (this.pending.length >= ERROR_BATCH) void this.flushErrors();
  }

  private flushing: Promise<void> = Promise.resolve();
  /** Errors go to import_errors in batches (one statement each, three array parameters). */
  private flushErrors(): Promise<void> {
    const batch = this.pending;
    this.pending = [];
    const first = this.errorCount - batch.length;
    this.flushing = this.flushing.then(async () => {
      if (!batch.length) return;
      await this.em.execute(
        `insert into import_errors (job_id, position, line, "column", message)
         select ?, ? + n, e.line, e.col, e.message from unnest(?::int[], ?::text[], ?::text[]) with ordinality as e(line, col, message, n)`,
        [this.job.id, first, sqlArray(batch.map((e) => e.row)), sqlTextArray(batch.map((e) => e.column)), sqlTextArray(batch.map((e) => e.message))],
      );
    });
    return this.flushing;
  }

  /** Progress outside any transaction (visible to imports.get at once), at most every 250 ms; a cancel or a stop is noticed here. */
  private async progress(fields: Partial<Record<'rowsDone' | 'rowsTotal' | 'bytesDone' | 'bytesTotal', number>> & { phase?: string | null }, force = false): Promise<void> {
    const now = performance.now();
    if (!force && now - this.lastProgress < PROGRESS_EVERY_MS) return;
    this.lastProgress = now;
    const started = performance.now();
    const columns = { rowsDone: 'rows_done', rowsTotal: 'rows_total', bytesDone: 'bytes_done', bytesTotal: 'bytes_total', phase: 'phase' } as const;
    const entries = Object.entries(fields).filter(([, v]) => v !== undefined) as [keyof typeof columns, unknown][];
    const sets = [...entries.map(([key]) => `${columns[key]} = ?`), 'error_count = ?', 'errors = ?::jsonb'];
    const [row] = await this.em.execute<{ status: string }[]>(
      `update import_jobs set ${sets.join(', ')} where id = ? returning status`,
      [...entries.map(([, v]) => v), this.errorCount, JSON.stringify(this.kept), this.job.id],
    );
    this.timings.progress = (this.timings.progress ?? 0) + (performance.now() - started);
    if (row?.status !== 'running' || this.signal.aborted) throw new ImportCancelled();
  }

  /** Between the apply's statements: the job still running and this worker not stopping. */
  private async checkpoint(step: string): Promise<void> {
    await hooks.onPhase?.(`apply:${step}`, this.job.id);
    const [row] = await this.em.fork().execute<{ status: string }[]>('select status from import_jobs where id = ?', [this.job.id]);
    if (row?.status !== 'running' || this.signal.aborted) throw new ImportCancelled();
  }

  private async finish(status: 'succeeded' | 'failed', summary: ImportSummary, wouldApply: boolean, failure: string | null) {
    await this.em.execute(
      `update import_jobs set status = ?, phase = null, summary = ?::jsonb, would_apply = ?, failure = ?, finished_at = now(), csv = null,
              errors = ?::jsonb, error_count = ? where id = ? and status = 'running'`,
      [status, JSON.stringify(summary), wouldApply, failure, JSON.stringify(this.kept), this.errorCount, this.job.id],
    );
  }
}
