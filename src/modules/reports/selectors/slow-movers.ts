import type { EntityManager } from '@mikro-orm/postgresql';
import { instant } from '../../../contract/text.js';
import { decodeCursor, toPage } from '../../../core/pagination.js';
import { instantOf } from '../../../db/sql.js';
import type { VendorActor } from '../../inventory/services/item-access.js';
import type { SlowMoversQuery } from '../contract.js';
import { reportStores } from './sales-events.js';

interface SlowMoverRow {
  id: string;
  sku: string;
  name: string;
  storeId: string;
  quantity: number;
  lastSoldAt: string | null;
  /** The last sale, or the item's creation when it never sold: what the list is ordered by. */
  idleSince: string;
  daysSinceLastSale: number | null;
  valueAtCost: string;
  total: string;
}

/**
 * reports.slowMovers: active items in stock whose last sale (voided sales do not count) is more
 * than `days` days ago, or that never sold and were created before that; longest idle first,
 * keyset on (idle since, id). One statement: the vendor's last sale per item, aggregated once.
 */
export async function slowMovers(em: EntityManager, actor: VendorActor, q: SlowMoversQuery) {
  const stores = await reportStores(em, actor, q.storeId, 'i.store_id');
  const after = q.cursor ? decodeCursor(q.cursor, instant()) : null;
  const rows = await em.execute<SlowMoverRow[]>(
    `with last_sales as (
       select l.item_id, max(s.created_at) as sold_at from sales s join sale_lines l on l.sale_id = s.id
        where s.vendor_id = ? and s.status = 'completed' group by l.item_id
     ),
     idle as (
       select i.id, i.sku, i.name, i.store_id as "storeId", i.quantity, ls.sold_at as "lastSoldAt",
              coalesce(ls.sold_at, i.created_at) as "idleSince",
              floor(extract(epoch from now() - ls.sold_at) / 86400)::int as "daysSinceLastSale",
              (i.quantity * i.intake_price)::numeric(20,2)::text as "valueAtCost"
         from items i left join last_sales ls on ls.item_id = i.id
        where i.vendor_id = ? and i.status = 'active' and i.quantity > 0 ${stores.filter}
          and coalesce(ls.sold_at, i.created_at) < now() - make_interval(days => ?)
     )
     -- The count and the page in one answer: a page past the end is one row with the count alone.
     select counted.total, page.* from (select count(*) as total from idle) counted
       left join lateral (
         select * from idle where ${after ? '("idleSince", id) > (?, ?)' : 'true'} order by "idleSince", id limit ?
       ) page on true`,
    [actor.vendor.id, actor.vendor.id, ...stores.params, q.days, ...(after ? [after.value, after.id] : []), q.limit + 1],
  );
  const page = rows.filter((row) => row.id !== null);
  return toPage(page, q.limit, Number(rows[0]!.total), (row) => instantOf(row.idleSince).toISOString(), (row) => ({
    itemId: row.id,
    sku: row.sku,
    name: row.name,
    storeId: row.storeId,
    quantity: row.quantity,
    lastSoldAt: row.lastSoldAt && instantOf(row.lastSoldAt).toISOString(),
    daysSinceLastSale: row.daysSinceLastSale,
    valueAtCost: row.valueAtCost,
  }));
}
