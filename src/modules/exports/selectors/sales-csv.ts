import type { EntityManager } from '@mikro-orm/postgresql';
import { escapeFormulaCell as text } from '../../../contract/csv-cells.js';
import { notFound } from '../../../core/errors.js';
import type { VendorActor } from '../../inventory/services/item-access.js';
import { saleNumberText } from '../../sales/contract.js';
import { Store } from '../../vendors/entities.js';
import type { ExportSalesQuery } from '../contract.js';
import { EXPORT_CHUNK_ROWS } from './items-csv.js';

/** One event row of the sales export, in src/modules/exports/contract.ts's salesColumns order (money as numeric text). */
interface SaleEventRow {
  type: 'sale' | 'return';
  number: number;
  status: string;
  localTime: string;
  timeZone: string;
  instant: string;
  store: string;
  sku: string;
  name: string;
  quantity: number;
  unitPrice: string;
  lineDiscount: string | null;
  lineTotal: string | null;
  saleDiscountShare: string | null;
  net: string;
  tax: string;
  gross: string;
  returnedQuantity: number | null;
  payments: string | null;
  customerName: string | null;
  customerEmail: string | null;
  voidedAt: string | null;
  voidReason: string | null;
  returnReason: string | null;
}

const ISO = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`;

/**
 * Sale lines at their sale's moment and returned lines at their return's, in [from, to), oldest
 * first (then by sale number and line), as reports.sales dates them; every amount computed in
 * numerics by PostgreSQL, so it is exact. Voided sales are included (marked).
 */
const SQL = (storeFilter: string) => `
  select e.type, s.number, s.status::text as status,
         to_char(e.at at time zone v.time_zone, 'YYYY-MM-DD HH24:MI:SS') as "localTime", v.time_zone as "timeZone",
         to_char(e.at at time zone 'UTC', ${ISO}) as instant, st.slug as store, l.sku, l.name,
         e.quantity, l.unit_price::text as "unitPrice", e.line_discount as "lineDiscount", e.line_total as "lineTotal",
         e.discount_share as "saleDiscountShare", e.net::text as net, e.tax::text as tax, (e.net + e.tax)::text as gross,
         e.returned_quantity as "returnedQuantity",
         (select string_agg(p.method::text || ' ' || p.amount::text, '; ' order by p.position) from payments p where p.sale_id = s.id) as payments,
         s.customer_name as "customerName", s.customer_email as "customerEmail",
         to_char(s.voided_at at time zone 'UTC', ${ISO}) as "voidedAt", s.void_reason as "voidReason", e.return_reason as "returnReason"
    from (
      select 'sale' as type, 0 as kind, s.id as sale_id, l.id as line_id, s.created_at as at, l.quantity,
             l.discount::text as line_discount, l.line_total::text as line_total, l.discount_share::text as discount_share,
             l.line_total - l.discount_share as net, l.tax_share as tax, l.returned_quantity, null::text as return_reason, l.id as key
        from sales s join sale_lines l on l.sale_id = s.id
       where s.vendor_id = ? and s.created_at >= ? and s.created_at < ? ${storeFilter}
      union all
      select 'return', 1, s.id, rl.line_id, r.created_at, -rl.quantity,
             null, null, null, -rl.refund, -rl.tax_refunded, null, r.reason, rl.id
        from sale_returns r join sales s on s.id = r.sale_id join sale_return_lines rl on rl.sale_return_id = r.id
       where r.vendor_id = ? and r.created_at >= ? and r.created_at < ? ${storeFilter}
    ) e
    join sales s on s.id = e.sale_id
    join sale_lines l on l.id = e.line_id
    join stores st on st.id = s.store_id
    join vendors v on v.id = s.vendor_id
   order by e.at, s.number, e.kind, l.position, e.key`;

/**
 * The sales export's rows through a server-side cursor (one pooled connection until the last row
 * or until the iteration stops). A `storeId` that is not one of the vendor's stores is NOT_FOUND.
 * Admins only (src/core/permissions.ts), who read every store: no store scope to apply.
 */
export async function salesForExport(em: EntityManager, actor: VendorActor, q: ExportSalesQuery): Promise<AsyncIterable<SaleEventRow>> {
  if (q.storeId !== undefined && !(await em.count(Store, { id: q.storeId, vendor: actor.vendor }))) throw notFound('Store');
  const storeFilter = q.storeId !== undefined ? 'and s.store_id = ?' : '';
  const branch = [actor.vendor.id, q.from, q.to, ...(q.storeId !== undefined ? [q.storeId] : [])];
  return em.getConnection().stream<SaleEventRow>(SQL(storeFilter), [...branch, ...branch], undefined, undefined, EXPORT_CHUNK_ROWS) as AsyncIterable<SaleEventRow>;
}

/** A row as its CSV record: text cells escaped against formulas; numbers (signed on return rows) as they are. */
export const saleRecord = (r: SaleEventRow): (string | number | null)[] => [
  r.type, saleNumberText(r.number), r.status, r.localTime, r.timeZone, r.instant, text(r.store), text(r.sku), text(r.name),
  r.quantity, r.unitPrice, r.lineDiscount, r.lineTotal, r.saleDiscountShare, r.net, r.tax, r.gross, r.returnedQuantity,
  r.payments, r.customerName && text(r.customerName), r.customerEmail && text(r.customerEmail), r.voidedAt,
  r.voidReason && text(r.voidReason), r.returnReason && text(r.returnReason),
];
