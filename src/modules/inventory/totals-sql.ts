import type { TriggerDef } from '@mikro-orm/core';

/**
 * The maintained inventory totals (`inventory_totals`, see InventoryTotal): what inventory.overview
 * answers, kept per (vendor, store, category, shard) over the vendor's active items, in the same
 * transaction as every change of an item, whoever writes it (the ORM, changeStock's raw SQL, a
 * set-based INSERT ... ON CONFLICT of an import, a cascade). Statement-level AFTER triggers on
 * `items` read the statement's transition tables (OLD TABLE / NEW TABLE), group them, and add the
 * net deltas with one INSERT ... ON CONFLICT DO UPDATE: one statement per write statement, whatever
 * its row count, and groups whose deltas net to zero (a rename) touch no row.
 *
 * Shards: an item's shard is fixed by its id (the UUID's last byte, random in v4 and v7, mod
 * SHARDS), so concurrent sales of one vendor's items in one store and category mostly update
 * different rows instead of queueing on one; readers sum the shards. Deltas are added in key
 * order, so two statements never take two totals rows in opposite orders.
 *
 * Low stock (`0 < quantity <= vendors.low_stock_threshold`) is counted with the vendor's threshold
 * at write time; a threshold change recomputes the vendor's totals (recomputeTotals). To keep the
 * two exact under concurrency, writers hold a shared advisory lock per vendor (totalsLockKey) from
 * their first item write to their commit, and read the threshold after taking it; a recompute
 * takes the exclusive one. A writer that changed rows but has not yet run its trigger waits for the
 * recompute to commit and then adds its delta (old → new, counted with the new threshold) on top
 * of a recompute that saw neither: exact either way.
 */
export const SHARDS = 8;

/** The shard of an item, from its id (SQL over an `items` row alias). */
export const shardOf = (alias: string) => `(get_byte(uuid_send(${alias}.id), 15) % ${SHARDS})`;

/** The advisory lock key of a vendor's totals (SQL; `vendorId` is an SQL uuid or text expression). */
export const totalsLockKey = (vendorId: string) => `hashtextextended('inventory_totals:' || ${vendorId}, 0)`;

/** The summed columns of `inventory_totals`, in order. */
export const totalsColumns = ['sku_count', 'units', 'value_at_cost', 'value_at_market', 'value_at_projected', 'low_stock_count', 'out_of_stock_count'] as const;

/**
 * The totals' column values over a set of item rows `alias`, each weighted by `sign` (1, or -1 for
 * rows leaving), low stock with the threshold expression `threshold`: aggregate SQL, in
 * totalsColumns order.
 */
export function totalsAggregates(alias: string, sign: string, threshold: string): string[] {
  const weighted = (expression: string) => `coalesce(sum(${sign} * ${expression}), 0)`;
  return [
    `coalesce(sum(${sign}), 0)`,
    weighted(`${alias}.quantity`),
    weighted(`${alias}.quantity * ${alias}.intake_price`),
    weighted(`${alias}.quantity * ${alias}.price`),
    weighted(`${alias}.quantity * ${alias}.projected_price`),
    `coalesce(sum(${sign}) filter (where ${alias}.quantity > 0 and ${alias}.quantity <= ${threshold}), 0)`,
    `coalesce(sum(${sign}) filter (where ${alias}.quantity = 0), 0)`,
  ];
}

const keyColumns = ['vendor_id', 'store_id', 'category', 'shard'];

type ItemsEvent = 'insert' | 'update' | 'delete';

/** The trigger function's body for one event: the rows that leave (old) and enter (new) the totals. */
function triggerBody(event: ItemsEvent): string {
  const sides = [
    ...(event === 'insert' ? [] : [{ table: 'old_rows', sign: -1 }]),
    ...(event === 'delete' ? [] : [{ table: 'new_rows', sign: 1 }]),
  ];
  const rows = sides
    .map(({ table, sign }) => `select ${sign} as sign, r.vendor_id, r.store_id, r.category, ${shardOf('r')} as shard, r.quantity, r.intake_price, r.price, r.projected_price from ${table} r where r.status = 'active'`)
    .join(' union all ');
  const vendors = sides.map(({ table }) => `select distinct vendor_id from ${table}`).join(' union ');
  const aggregates = totalsAggregates('d', 'd.sign', 'v.low_stock_threshold').map((sql, i) => `${sql} as ${totalsColumns[i]}`);
  return [
    // Shared: writers of one vendor never wait for each other here, only for a recompute of its totals.
    `perform pg_advisory_xact_lock_shared(${totalsLockKey('w.vendor_id::text')}) from (${vendors}) w order by w.vendor_id;`,
    `insert into inventory_totals as t (${[...keyColumns, ...totalsColumns].join(', ')})`,
    `select * from (select d.vendor_id, d.store_id, d.category, d.shard, ${aggregates.join(', ')}`,
    `  from (${rows}) d join vendors v on v.id = d.vendor_id`,
    '  group by d.vendor_id, d.store_id, d.category, d.shard) g',
    `where (${totalsColumns.map((c) => `g.${c}`).join(', ')}) <> (${totalsColumns.map(() => '0').join(', ')})`,
    'order by g.vendor_id, g.store_id, g.category, g.shard',
    `on conflict (${keyColumns.join(', ')}) do update set ${totalsColumns.map((c) => `${c} = t.${c} + excluded.${c}`).join(', ')};`,
    'return null;',
  ].join('\n  ');
}

const referencing: Record<ItemsEvent, string> = {
  insert: 'referencing new table as new_rows',
  update: 'referencing old table as old_rows new table as new_rows',
  delete: 'referencing old table as old_rows',
};

/**
 * The three statement-level triggers on `items` (a trigger with transition tables fires for one
 * event only). Declared as raw DDL (`expression`): MikroORM generates them into a migration and
 * the drift test sees them by name, but does not compare their text: a change of the body needs
 * a hand-written migration that replaces the function.
 */
export const inventoryTotalsTriggers: TriggerDef[] = (['insert', 'update', 'delete'] as const).map((event) => {
  const name = `inventory_totals_${event}`;
  const fn = `items_${name}_fn`;
  return {
    name,
    timing: 'after',
    events: [event],
    forEach: 'statement',
    expression: [
      `create or replace function "${fn}"() returns trigger as $$ begin\n  ${triggerBody(event)}\nend; $$ language plpgsql;`,
      `create trigger "${name}" after ${event} on "items" ${referencing[event]} for each statement execute function "${fn}"();`,
    ].join('\n'),
  };
});
