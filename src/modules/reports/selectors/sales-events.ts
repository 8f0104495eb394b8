import type { EntityManager } from '@mikro-orm/postgresql';
import { sqlArray } from '../../../db/sql.js';
import type { VendorActor } from '../../inventory/services/item-access.js';
import { readableStoreIds, storeScopeOf } from '../../vendors/selectors/store-scope.js';

/**
 * The stores a report covers, as a condition on `s.store_id` with its parameters: the stores the
 * actor reads, narrowed to `storeId` when given (a store outside them leaves nothing, as a list
 * filter does).
 */
export async function reportStores(em: EntityManager, actor: VendorActor, storeId: string | undefined, column = 's.store_id') {
  const readable = readableStoreIds(await storeScopeOf(em, actor.member));
  const conditions: string[] = [];
  const params: unknown[] = [];
  if (readable) {
    conditions.push(`and ${column} = any(?::uuid[])`);
    params.push(sqlArray(readable));
  }
  if (storeId) {
    conditions.push(`and ${column} = ?`);
    params.push(storeId);
  }
  return { filter: conditions.join(' '), params };
}

/**
 * Every sales event of a period as signed figures per line, for the reports to group: a sale
 * line counts at its sale's moment, a returned line at the return's. Voided sales (and their
 * returns) count nowhere. revenue = line total − the line's share of the sale discount, less
 * refunds; tax = the line's share of the sale tax, less tax refunded; cost = unit cost × units.
 */
export function salesEvents(vendorId: string, from: Date, to: Date, stores: { filter: string; params: unknown[] }) {
  const sql = `
    select s.id as sale_id, s.store_id, s.created_by_id as staff_id, l.item_id, s.created_at as at, true as is_sale,
           l.quantity as units, l.line_total - l.discount_share as revenue, l.discount + l.discount_share as discounts,
           l.tax_share as tax, 0::numeric as returns, l.unit_cost * l.quantity as cost
      from sales s join sale_lines l on l.sale_id = s.id
     where s.vendor_id = ? and s.status = 'completed' and s.created_at >= ? and s.created_at < ? ${stores.filter}
    union all
    select s.id, s.store_id, s.created_by_id, l.item_id, r.created_at, false,
           -rl.quantity, -rl.refund, 0, -rl.tax_refunded, rl.refund, -(l.unit_cost * rl.quantity)
      from sale_returns r join sales s on s.id = r.sale_id
      join sale_return_lines rl on rl.sale_return_id = r.id join sale_lines l on l.id = rl.line_id
     where r.vendor_id = ? and s.status = 'completed' and r.created_at >= ? and r.created_at < ? ${stores.filter}`;
  const branch = [vendorId, from, to, ...stores.params];
  return { sql, params: [...branch, ...branch] };
}
