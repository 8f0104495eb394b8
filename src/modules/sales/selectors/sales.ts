import type { EntityManager } from '@mikro-orm/postgresql';
import { instant } from '../../../contract/text.js';
import { notFound } from '../../../core/errors.js';
import { fromCents, percentText, sumCents, toCents } from '../../../core/money.js';
import { decodeCursor, toPage } from '../../../core/pagination.js';
import { instantOf, sqlArray } from '../../../db/sql.js';
import type { Page } from '../../../contract/pagination.js';
import { canReadStore, readableStoreIds, storeScopeOf } from '../../vendors/selectors/store-scope.js';
import type { VendorActor } from '../../inventory/services/item-access.js';
import { saleNumberText, type ListSalesQuery, type PaymentMethod, type SaleOutput, type SaleStatus } from '../contract.js';

/** A sale as one row: money as numeric text, its lines, payments and returns as JSON arrays. */
interface SaleRow {
  id: string;
  number: number;
  storeId: string;
  status: SaleStatus;
  subtotal: string;
  discount: string;
  taxRate: string;
  tax: string;
  total: string;
  customerName: string | null;
  customerEmail: string | null;
  note: string | null;
  createdBy: string | null;
  createdAt: string;
  voidedAt: string | null;
  voidedBy: string | null;
  voidReason: string | null;
  lines: SaleOutput['lines'];
  payments: { method: PaymentMethod; amount: string; tendered: string | null }[];
  returns: (Omit<SaleOutput['returns'][number], 'createdAt'> & { createdAt: string })[];
}

// Money leaves PostgreSQL as text inside JSON too (a JSON number would become a float).
const saleColumns = `
  s.id, s.number, s.store_id as "storeId", s.status, s.subtotal, s.discount, s.tax_rate as "taxRate", s.tax, s.total,
  s.customer_name as "customerName", s.customer_email as "customerEmail", s.note, s.created_by_id as "createdBy",
  s.created_at as "createdAt", s.voided_at as "voidedAt", s.voided_by_id as "voidedBy", s.void_reason as "voidReason",
  coalesce((select json_agg(json_build_object('id', l.id, 'itemId', l.item_id, 'sku', l.sku, 'name', l.name, 'quantity', l.quantity,
      'unitPrice', l.unit_price::text, 'unitCost', l.unit_cost::text, 'discount', l.discount::text, 'lineTotal', l.line_total::text,
      'returnedQuantity', l.returned_quantity) order by l.position)
    from sale_lines l where l.sale_id = s.id), '[]') as lines,
  coalesce((select json_agg(json_build_object('method', p.method, 'amount', p.amount::text, 'tendered', p.tendered::text) order by p.position)
    from payments p where p.sale_id = s.id), '[]') as payments,
  coalesce((select json_agg(json_build_object('id', r.id, 'saleId', r.sale_id, 'restock', r.restock, 'refund', r.refund::text,
      'taxRefunded', r.tax_refunded::text, 'reason', r.reason, 'actorId', r.actor_id, 'createdAt', r.created_at,
      'lines', (select json_agg(json_build_object('lineId', rl.line_id, 'quantity', rl.quantity, 'refund', rl.refund::text) order by l.position)
        from sale_return_lines rl join sale_lines l on l.id = rl.line_id where rl.sale_return_id = r.id)) order by r.created_at, r.id)
    from sale_returns r where r.sale_id = s.id), '[]') as returns`;

const iso = (value: Date | string) => instantOf(value).toISOString();

/** Cash handed over beyond what it paid. */
const changeDueOf = (payments: SaleRow['payments']) =>
  fromCents(sumCents(payments.filter((p) => p.tendered !== null).map((p) => toCents(p.tendered!) - toCents(p.amount))));

const toSaleDto = (row: SaleRow): SaleOutput => ({
  id: row.id,
  number: saleNumberText(row.number),
  storeId: row.storeId,
  status: row.status,
  lines: row.lines,
  subtotal: row.subtotal,
  discount: row.discount,
  taxRate: percentText(row.taxRate),
  tax: row.tax,
  total: row.total,
  payments: row.payments,
  changeDue: changeDueOf(row.payments),
  customerName: row.customerName,
  customerEmail: row.customerEmail,
  note: row.note,
  createdBy: row.createdBy,
  createdAt: iso(row.createdAt),
  voidedAt: row.voidedAt && iso(row.voidedAt),
  voidedBy: row.voidedBy,
  voidReason: row.voidReason,
  returns: row.returns.map((r) => ({ ...r, createdAt: iso(r.createdAt) })),
});

/** The vendor's sale with this id as the API shows it (its store unchecked: callers check scope). */
export async function saleById(em: EntityManager, vendorId: string, id: string): Promise<SaleOutput | null> {
  const [row] = await em.execute<SaleRow[]>(`select ${saleColumns} from sales s where s.vendor_id = ? and s.id = ?`, [vendorId, id]);
  return row ? toSaleDto(row) : null;
}

/** sales.get: a sale in a store the actor reads; anything else (another vendor's, another store's) is NOT_FOUND. */
export async function getSale(em: EntityManager, actor: VendorActor, id: string): Promise<SaleOutput> {
  const [sale, scope] = await Promise.all([saleById(em, actor.vendor.id, id), storeScopeOf(em, actor.member)]);
  if (!sale || !canReadStore(scope, sale.storeId)) throw notFound('Sale');
  return sale;
}

/** A sale number as typed at a till: "S-000042", "s42" or "42". */
const SALE_NUMBER = /^(?:s-?)?0*(\d{1,9})$/i;

/** sales.list: newest first, keyset on (createdAt, id), in the stores the actor reads. */
export async function listSales(em: EntityManager, actor: VendorActor, q: ListSalesQuery): Promise<Page<SaleOutput>> {
  const storeIds = readableStoreIds(await storeScopeOf(em, actor.member));
  const where: string[] = ['s.vendor_id = ?'];
  const params: unknown[] = [actor.vendor.id];
  const add = (condition: string, ...values: unknown[]) => (where.push(condition), params.push(...values));
  if (storeIds) add('s.store_id = any(?::uuid[])', sqlArray(storeIds));
  if (q.storeId) add('s.store_id = ?', q.storeId);
  if (q.status) add('s.status = ?', q.status);
  if (q.from) add('s.created_at >= ?', q.from);
  if (q.to) add('s.created_at < ?', q.to);
  if (q.paymentMethod) add('exists (select 1 from payments p where p.sale_id = s.id and p.method = ?)', q.paymentMethod);
  if (q.itemId) add('exists (select 1 from sale_lines l where l.sale_id = s.id and l.item_id = ?)', q.itemId);
  if (q.createdBy) add('s.created_by_id = ?', q.createdBy);
  if (q.search) {
    const needle = q.search.toLowerCase();
    const number = SALE_NUMBER.exec(q.search)?.[1];
    add(`(s.number = ? or strpos(lower(s.customer_name), ?) > 0 or strpos(lower(s.customer_email), ?) > 0)`, number ? Number(number) : null, needle, needle);
  }
  const filter = where.join(' and ');
  const after = q.cursor ? decodeCursor(q.cursor, instant()) : null;
  const [rows, [count]] = await Promise.all([
    em.execute<SaleRow[]>(
      `select ${saleColumns} from sales s where ${filter} ${after ? 'and (s.created_at, s.id) < (?, ?)' : ''}
        order by s.created_at desc, s.id desc limit ?`,
      [...params, ...(after ? [after.value, after.id] : []), q.limit + 1],
    ),
    em.execute<{ total: string }[]>(`select count(*) as total from sales s where ${filter}`, params),
  ]);
  return toPage(rows, q.limit, Number(count!.total), (row) => iso(row.createdAt), toSaleDto);
}
