// inventory.overview as it was before the maintained totals (issue 16): one GROUPING SETS
// statement over all of the vendor's active items per call. Kept as the reference the totals are
// checked against (test/modules/inventory/totals.test.ts) and as the benchmark's raw baseline
// (npm run bench -- --overview).
import type { EntityManager } from '@mikro-orm/postgresql';
import { readableStoreIds, storeScopeOf } from '../../src/modules/vendors/selectors/store-scope.js';
import type { OverviewOutput } from '../../src/modules/inventory/contract.js';
import { overviewOf, type OverviewRow } from '../../src/modules/inventory/selectors/overview.js';
import type { VendorActor } from '../../src/modules/inventory/services/item-access.js';

// Unbounded numeric: a stock of 10^9 units at a price of 10^10 is worth more than any numeric(p,2).
const money = (expression: string) => `round(coalesce(sum(${expression}), 0), 2)::text`;

/**
 * The vendor's stock in numbers, over active items in the stores the actor reads: one query,
 * whose grouping sets give the totals, the per-store and the per-category rows at once. All
 * money arithmetic happens in PostgreSQL numerics; counts come back as bigint text.
 */
export const fullScanOverviewSql = (storeFilter: string) => `
  select case when grouping(i.store_id, s.name) = 0 then 'store' when grouping(i.category) = 0 then 'category' else 'all' end as "by",
    i.store_id as "storeId", s.name as "storeName", i.category as "category",
    count(*) as "totalSkus", coalesce(sum(i.quantity), 0) as "totalUnits",
    ${money('i.quantity * i.intake_price')} as "valueAtCost",
    ${money('i.quantity * i.price')} as "valueAtMarket",
    ${money('i.quantity * i.projected_price')} as "valueAtProjected",
    ${money('i.quantity * (i.projected_price - i.intake_price)')} as "potentialProfit",
    count(*) filter (where i.quantity > 0 and i.quantity <= ?) as "lowStockCount",
    count(*) filter (where i.quantity = 0) as "outOfStockCount"
  from items i join stores s on s.id = i.store_id
  where i.vendor_id = ? and i.status = 'active' ${storeFilter}
  group by grouping sets ((), (i.store_id, s.name), (i.category))
  order by s.name nulls first, i.category nulls first`;

export async function fullScanOverview(em: EntityManager, actor: VendorActor): Promise<OverviewOutput> {
  const storeIds = readableStoreIds(await storeScopeOf(em, actor.member));
  const storeFilter = storeIds === undefined ? '' : storeIds.length ? 'and i.store_id in (?)' : 'and false';
  const params = [actor.vendor.lowStockThreshold, actor.vendor.id, ...(storeIds?.length ? [storeIds] : [])];
  return overviewOf(await em.execute<OverviewRow[]>(fullScanOverviewSql(storeFilter), params));
}
