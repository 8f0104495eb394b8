import type { EntityManager } from '@mikro-orm/postgresql';
import { readableStoreIds, storeScopeOf } from '../../vendors/selectors/store-scope.js';
import type { ItemCategory, OverviewOutput } from '../contract.js';
import type { VendorActor } from '../services/item-access.js';

/** One grouping set's row: the store columns are set on 'store' rows, the category on 'category' rows. */
export interface OverviewRow {
  by: 'all' | 'store' | 'category';
  storeId: string;
  storeName: string;
  category: ItemCategory;
  totalSkus: string;
  totalUnits: string;
  valueAtCost: string;
  valueAtMarket: string;
  valueAtProjected: string;
  potentialProfit: string;
  lowStockCount: string;
  outOfStockCount: string;
}

const money = (expression: string) => `round(${expression}, 2)::text`;
const total = (column: string) => `coalesce(sum(t.${column}), 0)`;

/**
 * The vendor's stock in numbers, over active items in the stores the actor reads, from the
 * maintained totals (inventory_totals: a few rows per store and category, whatever the number of
 * items; see src/modules/inventory/totals-sql.ts): one query, whose grouping sets give the totals,
 * the per-store and the per-category rows at once. The sums are exact numerics, rounded on read
 * as a sum over the items would be (prices have two places, so both are exact). Stores and
 * categories without active items have no row, as before; the grand total always has one.
 */
const overviewSql = (storeFilter: string) => `
  select case when grouping(t.store_id, s.name) = 0 then 'store' when grouping(t.category) = 0 then 'category' else 'all' end as "by",
    t.store_id as "storeId", s.name as "storeName", t.category as "category",
    ${total('sku_count')} as "totalSkus", ${total('units')} as "totalUnits",
    ${money(total('value_at_cost'))} as "valueAtCost",
    ${money(total('value_at_market'))} as "valueAtMarket",
    ${money(total('value_at_projected'))} as "valueAtProjected",
    ${money(`${total('value_at_projected')} - ${total('value_at_cost')}`)} as "potentialProfit",
    ${total('low_stock_count')} as "lowStockCount",
    ${total('out_of_stock_count')} as "outOfStockCount"
  from inventory_totals t join stores s on s.id = t.store_id
  where t.vendor_id = ? ${storeFilter}
  group by grouping sets ((), (t.store_id, s.name), (t.category))
  having grouping(t.store_id, s.name, t.category) = 7 or sum(t.sku_count) > 0
  order by s.name nulls first, t.category nulls first`;

export async function inventoryOverview(em: EntityManager, actor: VendorActor): Promise<OverviewOutput> {
  const storeIds = readableStoreIds(await storeScopeOf(em, actor.member));
  const storeFilter = storeIds === undefined ? '' : storeIds.length ? 'and t.store_id in (?)' : 'and false';
  const params = [actor.vendor.id, ...(storeIds?.length ? [storeIds] : [])];
  return overviewOf(await em.execute<OverviewRow[]>(overviewSql(storeFilter), params));
}

/** The overview's answer from its grouping-set rows (also of the old full scan kept as the bench's reference). */
export function overviewOf(rows: OverviewRow[]): OverviewOutput {
  const totals = rows.find((r) => r.by === 'all');
  if (!totals) throw new Error('overview: the grand-total grouping set is always present');
  const counts = (r: OverviewRow) => ({ totalSkus: Number(r.totalSkus), totalUnits: Number(r.totalUnits), valueAtCost: r.valueAtCost, valueAtMarket: r.valueAtMarket });
  return {
    ...counts(totals),
    valueAtProjected: totals.valueAtProjected,
    potentialProfit: totals.potentialProfit,
    lowStockCount: Number(totals.lowStockCount),
    outOfStockCount: Number(totals.outOfStockCount),
    byStore: rows.filter((r) => r.by === 'store').map((r) => ({ storeId: r.storeId, name: r.storeName, ...counts(r) })),
    byCategory: rows.filter((r) => r.by === 'category').map((r) => ({ category: r.category, ...counts(r) })),
  };
}
