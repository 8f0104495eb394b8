import type { EntityManager } from '@mikro-orm/postgresql';
import { conflict } from '../../../core/errors.js';
import type { ItemCategory } from '../contract.js';
import { shardOf, totalsAggregates, totalsColumns } from '../totals-sql.js';

type TotalsColumn = (typeof totalsColumns)[number];
/** One totals row's values, as PostgreSQL prints them (bigint and numeric text). */
export type TotalsValues = Record<TotalsColumn, string>;

/** A totals row recomputeTotals changed: what it held, and what the vendor's items say. */
export interface TotalsFix {
  storeId: string;
  category: ItemCategory;
  shard: number;
  before: TotalsValues;
  after: TotalsValues;
}

const expected = totalsAggregates('i', '1', 'threshold.value').map((sql, i) => `${sql} as ${totalsColumns[i]}`);
const zeroed = (side: string, prefix = '') => totalsColumns.map((c) => `coalesce(${side}.${c}, 0) as ${prefix}${c}`);
const row = (side: string) => `(${totalsColumns.map((c) => `coalesce(${side}.${c}, 0)`).join(', ')})`;

/**
 * One statement: the vendor's totals from its items (its threshold, or `threshold` when given),
 * compared with the stored rows; rows that differ are overwritten (missing ones inserted, rows
 * whose items are gone zeroed), and come back as the fixes.
 */
const recomputeSql = `
  with threshold as (select coalesce(?::int, (select low_stock_threshold from vendors where id = ?::uuid)) as value),
  expected as (
    select i.store_id, i.category, ${shardOf('i')} as shard, ${expected.join(', ')}
      from items i, threshold where i.vendor_id = ?::uuid and i.status = 'active' group by 1, 2, 3
  ),
  stored as (select * from inventory_totals where vendor_id = ?::uuid),
  fixed as (
    select store_id, category, shard, ${zeroed('e').join(', ')}, ${zeroed('s', 'was_').join(', ')}
      from expected e full join stored s using (store_id, category, shard)
     where ${row('e')} is distinct from ${row('s')}
  ),
  written as (
    insert into inventory_totals as t (vendor_id, store_id, category, shard, ${totalsColumns.join(', ')})
    select ?::uuid, store_id, category, shard, ${totalsColumns.join(', ')} from fixed order by store_id, category, shard
    on conflict (vendor_id, store_id, category, shard) do update set ${totalsColumns.map((c) => `${c} = excluded.${c}`).join(', ')}
  )
  select store_id as "storeId", category, shard, ${totalsColumns.map((c) => `${c}::text, was_${c}::text`).join(', ')}
    from fixed order by store_id, category, shard`;

/**
 * Takes the vendor's totals lock exclusively, for the caller's transaction: item writes of the
 * vendor wait at their trigger until it commits (see totals-sql.ts), so what a recompute reads
 * and writes cannot interleave with their deltas. Reads never wait.
 */
export async function lockTotals(em: EntityManager, vendorId: string, options: { timeoutMs?: number } = {}): Promise<void> {
  if (options.timeoutMs === undefined) {
    await em.execute('select pg_advisory_xact_lock(hashtextextended(?, 0))', [`inventory_totals:${vendorId}`]);
    return;
  }
  // Queued behind a long writer (an import holds the shared lock to its commit), this lock would
  // also hold up every later writer of the vendor: give up after the timeout instead.
  await em.execute(`set local lock_timeout = ${Math.round(options.timeoutMs)}`, [], 'run');
  try {
    await em.execute('select pg_advisory_xact_lock(hashtextextended(?, 0))', [`inventory_totals:${vendorId}`]);
  } catch (error) {
    if ((error as { code?: string }).code === '55P03') throw conflict('The inventory is being changed right now (an import?); try again in a moment');
    throw error;
  }
  await em.execute('set local lock_timeout to default', [], 'run');
}

/**
 * Recomputes one vendor's totals from its items, inside the caller's transaction (which it locks,
 * see lockTotals): one set-based statement over the vendor's items, returning the rows it fixed.
 * `lowStockThreshold` is the threshold to count with when the caller is changing it (its row is
 * not written yet); by default the vendor's. With `lockTimeoutMs`, a lock not had in that time is
 * a CONFLICT (for a request; the repair waits).
 */
export async function recomputeTotals(em: EntityManager, vendorId: string, options: { lowStockThreshold?: number; lockTimeoutMs?: number } = {}): Promise<TotalsFix[]> {
  const { lowStockThreshold } = options;
  await lockTotals(em, vendorId, { timeoutMs: options.lockTimeoutMs });
  const rows = await em.execute<(Record<string, string> & { storeId: string; category: ItemCategory; shard: number })[]>(
    recomputeSql,
    [lowStockThreshold ?? null, vendorId, vendorId, vendorId, vendorId],
  );
  return rows.map((r) => ({
    storeId: r.storeId,
    category: r.category,
    shard: r.shard,
    before: Object.fromEntries(totalsColumns.map((c) => [c, r[`was_${c}`]!])) as TotalsValues,
    after: Object.fromEntries(totalsColumns.map((c) => [c, r[c]!])) as TotalsValues,
  }));
}

export interface VendorRepair {
  vendorId: string;
  slug: string;
  fixes: TotalsFix[];
}

/**
 * Recomputes the totals of every vendor (or of the one with `slug`), each in its own transaction
 * so a vendor's writers wait only for their own vendor's recompute. Derived data: no audit event.
 */
export async function repairTotals(em: EntityManager, options: { slug?: string } = {}): Promise<VendorRepair[]> {
  const vendors = await em.execute<{ id: string; slug: string }[]>(
    `select id, slug from vendors ${options.slug === undefined ? '' : 'where slug = ?'} order by slug`,
    options.slug === undefined ? [] : [options.slug],
  );
  const repairs: VendorRepair[] = [];
  for (const vendor of vendors) {
    const fixes = await em.fork().transactional(async (tx) => {
      // Maintenance over all of a vendor's items: no request's statement timeout.
      await tx.execute('set local statement_timeout = 0', [], 'run');
      return recomputeTotals(tx, vendor.id);
    });
    repairs.push({ vendorId: vendor.id, slug: vendor.slug, fixes });
  }
  return repairs;
}

/** A decimal's text without trailing zeros, so 0 and 0.00 compare equal. */
const canonical = (value: string) => (value.includes('.') ? value.replace(/\.?0+$/, '') : value);

/** A fix in words: the row, and each column that changed (stored → recomputed). */
export function describeFix(fix: TotalsFix): string {
  const changed = totalsColumns.filter((c) => canonical(fix.before[c]) !== canonical(fix.after[c]));
  return `store ${fix.storeId} ${fix.category} shard ${fix.shard}: ${changed.map((c) => `${c} ${fix.before[c]} → ${fix.after[c]}`).join(', ')}`;
}
