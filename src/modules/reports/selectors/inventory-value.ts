import type { EntityManager } from '@mikro-orm/postgresql';
import type { VendorActor } from '../../inventory/services/item-access.js';
import type { InventoryValueOutput, InventoryValueQuery } from '../contract.js';
import { reportStores } from './sales-events.js';

/**
 * Each item's units and prices now: the items table itself (its quantity is its ledger's sum).
 * Archived items count too: their stock is still owned.
 */
const stockNow = (stores: string) => `
  select i.id, i.store_id, i.category, i.quantity as units, i.intake_price as cost, i.price as market, i.projected_price as projected
    from items i where i.vendor_id = ? ${stores}`;

/**
 * Each item's units and prices at `asOf`, from the ledgers: units are the sum of its stock
 * movements up to that instant; each price is the newest price change up to it, else the value
 * the first later change replaced, else (no history at all) the current one. Items keep their
 * current store and category (moving an item between stores is not a stock movement).
 */
const stockAsOf = (stores: string) => `
  with stock as (
    select m.item_id, sum(m.delta) as units from stock_movements m
     where m.vendor_id = ? and m.created_at <= ? group by m.item_id having sum(m.delta) <> 0
  ),
  prices as (
    select distinct on (pc.item_id, pc.field) pc.item_id, pc.field,
           case when pc.created_at <= ? then pc.new_value else pc.old_value end as value
      from price_changes pc join stock on stock.item_id = pc.item_id
     order by pc.item_id, pc.field, (pc.created_at <= ?) desc,
              case when pc.created_at <= ? then pc.created_at end desc, case when pc.created_at <= ? then pc.id end desc,
              pc.created_at, pc.id
  )
  select i.id, i.store_id, i.category, stock.units,
         coalesce(max(p.value) filter (where p.field = 'intakePrice'), i.intake_price) as cost,
         coalesce(max(p.value) filter (where p.field = 'price'), i.price) as market,
         coalesce(max(p.value) filter (where p.field = 'projectedPrice'), i.projected_price) as projected
    from stock join items i on i.id = stock.item_id left join prices p on p.item_id = i.id
   where i.vendor_id = ? ${stores}
   group by i.id, stock.units`;

interface ValueRow {
  by: 'all' | 'store' | 'category';
  storeId: string;
  storeName: string;
  category: InventoryValueOutput['byCategory'][number]['category'];
  units: string;
  valueAtCost: string;
  valueAtMarket: string;
  valueAtProjected: string;
}

const money = (expression: string) => `coalesce(sum(${expression}), 0)::numeric(20,2)::text`;

/**
 * reports.inventoryValue: units and value at cost, market and projected price, in all, per store
 * and per category (grouping sets, one statement), now or as they were at `asOf`.
 */
export async function inventoryValue(em: EntityManager, actor: VendorActor, q: InventoryValueQuery): Promise<InventoryValueOutput> {
  const stores = await reportStores(em, actor, q.storeId, 'i.store_id');
  const asOf = q.asOf ?? new Date();
  const valued = q.asOf
    ? { sql: stockAsOf(stores.filter), params: [actor.vendor.id, asOf, asOf, asOf, asOf, asOf, actor.vendor.id, ...stores.params] }
    : { sql: stockNow(stores.filter), params: [actor.vendor.id, ...stores.params] };
  const rows = await em.execute<ValueRow[]>(
    `with valued as (${valued.sql})
     select case when grouping(v.store_id, s.name) = 0 then 'store' when grouping(v.category) = 0 then 'category' else 'all' end as "by",
            v.store_id as "storeId", s.name as "storeName", v.category,
            coalesce(sum(v.units), 0) as units, ${money('v.units * v.cost')} as "valueAtCost",
            ${money('v.units * v.market')} as "valueAtMarket", ${money('v.units * v.projected')} as "valueAtProjected"
       from valued v join stores s on s.id = v.store_id
      where v.units <> 0
      group by grouping sets ((), (v.store_id, s.name), (v.category))
      order by s.name nulls first, v.category nulls first`,
    valued.params,
  );
  const figures = (r: ValueRow) => ({ units: Number(r.units), valueAtCost: r.valueAtCost, valueAtMarket: r.valueAtMarket, valueAtProjected: r.valueAtProjected });
  return {
    asOf: asOf.toISOString(),
    totals: figures(rows.find((r) => r.by === 'all')!),
    byStore: rows.filter((r) => r.by === 'store').map((r) => ({ storeId: r.storeId, name: r.storeName, ...figures(r) })),
    byCategory: rows.filter((r) => r.by === 'category').map((r) => ({ category: r.category, ...figures(r) })),
  };
}
