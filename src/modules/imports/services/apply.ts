import { uuidV7Sql } from '../../../db/sql.js';
import { conflict } from '../../../core/errors.js';
import { write, type Transaction, type VendorWriteContext } from '../../../db/write.js';
import { changesOf } from '../../audit/changes.js';
import { writeStockLevels } from '../../inventory/services/stock.js';
import type { ImportSummary } from '../contract.js';
import { cardColumnList, countsSql, itemWriteColumns, planSql } from './plan.js';

export class ImportCancelled extends Error {
  constructor() {
    super('The import was cancelled');
  }
}

export interface ApplyRequest {
  jobId: string;
  staging: string;
  defaultStoreId: string;
  /** Rows in error (already left out of the staging table), for the summary. */
  errorRows: number;
  describe: Record<string, unknown>;
  /** Between statements: throws ImportCancelled when the job was cancelled or its worker is stopping. */
  checkpoint: (step: string) => Promise<void>;
  timings: Record<string, number>;
}

/**
 * Applies a staged import in one transaction through the write path: all of it, or (on any
 * error, a cancel, or a stop) nothing. Every step is one set-based statement over the staging
 * table; none takes a list of bind parameters, so the row count never meets PostgreSQL's
 * 65,535-parameter limit. The job row is marked succeeded by the same transaction, only while it
 * is still running: a cancelled job rolls back, and a retried job that already committed is never
 * applied again (run-import.ts checks its status first; the transaction-scoped advisory lock makes
 * two attempts of one job queue rather than overlap).
 */
export async function applyImport(wc: VendorWriteContext, request: ApplyRequest): Promise<ImportSummary> {
  const { jobId, staging, timings } = request;
  return write(wc, async (tx) => {
    const step = async <T>(name: string, work: () => Promise<T>): Promise<T> => {
      await request.checkpoint(name);
      const started = performance.now();
      const result = await work();
      timings[name] = (timings[name] ?? 0) + (performance.now() - started);
      return result;
    };
    const run = (sql: string, params: unknown[] = []) => tx.em.execute(sql, params, 'run') as unknown as Promise<{ affectedRows: number }>;
    await run("set local statement_timeout = '10min'");
    await run("select pg_advisory_xact_lock(hashtextextended('import:' || ?, 0))", [jobId]);

    // The vendor's items this file touches, locked in id order first (like every stock change), so the
    // upsert below never waits on a sale holding one of them while it holds another.
    await step('lock', () =>
      run(`select count(*) from (select i.id from items i join ${staging} s on lower(i.sku) = lower(s.sku)
             where i.vendor_id = ? order by i.id for update of i) locked`, [tx.vendor.id]));
    await step('plan', async () => {
      await run(`create temporary table import_plan on commit drop as ${planSql(staging, { defaultStore: '?', vendor: '?' })}`, [request.defaultStoreId, tx.vendor.id]);
      await run('analyze import_plan');
    });
    const [counts] = await tx.em.execute<{ create: number; update: number; unchanged: number }[]>(countsSql('import_plan'));
    const summary: ImportSummary = { create: counts!.create, update: counts!.update, unchanged: counts!.unchanged, error: request.errorRows };

    await step('items', () => upsertItems(tx, jobId));
    await step('cardDetails', () =>
      run(`insert into card_details (id, item_id, ${cardColumnList})
           select coalesce(p.card_id, ${uuidV7Sql}), p.item_id, ${cardColumnList.split(', ').map((c) => `p.${c}`).join(', ')}
             from import_plan p where p.card_changed
           on conflict (item_id) do update set ${cardColumnList.split(', ').map((c) => `${c} = excluded.${c}`).join(', ')}`));
    await step('images', () =>
      // A new imageUrl is a gallery of one, as in items.update (stored objects are not deleted by imports).
      run(`with gone as (delete from item_images ii using import_plan p where p.image_changed and ii.item_id = p.item_id)
           insert into item_images (id, item_id, url, position, is_primary)
           select ${uuidV7Sql}, p.item_id, p.image_url, 0, true from import_plan p where p.image_changed`));
    await step('priceHistory', () =>
      run(`insert into price_changes (id, item_id, field, old_value, new_value, actor_id, source, created_at)
           select ${uuidV7Sql}, p.item_id, f.field, f.old_value, f.new_value, ?, 'import', now()
             from import_plan p
             cross join lateral (values ('intakePrice', p.old_intake_price, p.intake_price),
                                        ('price', p.old_price, p.price),
                                        ('projectedPrice', p.old_projected_price, p.projected_price)) as f(field, old_value, new_value)
            where (p.creating or p.item_changed) and f.new_value is distinct from f.old_value and not (f.old_value is null and f.new_value = 0)`,
      [tx.user?.id ?? null]));
    await step('finish', async () => {
      tx.audit({ entity: 'ImportJob', entityId: jobId, action: 'imports.apply', changes: changesOf(null, { ...request.describe, ...summary }) });
      const marked = await run(
        `update import_jobs set status = 'succeeded', phase = null, summary = ?::jsonb, would_apply = true, finished_at = now(), csv = null
          where id = ? and status = 'running'`,
        [JSON.stringify(summary), jobId],
      );
      if (marked.affectedRows !== 1) throw new ImportCancelled();
    });
    return summary;
  });
}

/**
 * One INSERT ... ON CONFLICT (vendor, lower(sku)) DO UPDATE for the new and the changed items,
 * with the merged values of the plan (so an absent field keeps its value), quantities included,
 * and in the same statement their `import` movements through the stock primitive
 * (writeStockLevels): `before` is the plan's quantity, read after the items were locked. An item
 * created by someone else since the plan was made (a SKU that was free) is not overwritten: the
 * count differs and the transaction rolls back with CONFLICT.
 */
async function upsertItems(tx: Transaction<VendorWriteContext>, jobId: string): Promise<void> {
  const columns = itemWriteColumns;
  await writeStockLevels(
    tx,
    {
      ctes: `upserted as (
        insert into items (id, vendor_id, created_by_id, sku, quantity, search_text, version, created_at, updated_at, ${columns.join(', ')})
        select p.item_id, ?, ?, p.sku, p.quantity,
               lower(concat_ws(' ', p.name, p.sku, nullif(p.description, ''), nullif(p.set_name, ''))), 1, now(), now(),
               ${columns.map((c) => `p.${c}`).join(', ')}
          from import_plan p where p.creating or p.item_changed or p.card_changed or p.quantity_changed
        on conflict (vendor_id, lower(sku)) do update
           set ${columns.map((c) => `${c} = excluded.${c}`).join(', ')}, quantity = excluded.quantity, search_text = excluded.search_text,
               version = items.version + 1, updated_at = excluded.updated_at
         where items.id = excluded.id
        returning items.id, items.store_id, items.quantity
      ),
      moved as (
        select u.id, u.store_id, p.old_quantity as before, u.quantity as after from upserted u join import_plan p on p.item_id = u.id
      )`,
      params: [tx.vendor.id, tx.user?.id ?? null],
    },
    { reason: 'import', reference: jobId },
  );
  // Only a new item can have been skipped (its SKU taken meanwhile by another item).
  const [skipped] = await tx.em.execute<{ n: number }[]>(
    'select count(*)::int as n from import_plan p where p.creating and not exists (select 1 from items i where i.id = p.item_id)',
  );
  if (skipped!.n > 0) {
    throw conflict('Items with SKUs of this file were created while it was being imported; run the import again');
  }
}
