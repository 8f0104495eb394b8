import { createHash } from 'node:crypto';
import { conflict, invalidField, notFound } from '../../../core/errors.js';
import { newId } from '../../../core/ids.js';
import { insertRowsCte, joinSql, sqlArray } from '../../../db/sql.js';
import { write, type Transaction, type VendorWriteContext } from '../../../db/write.js';
import { changesOf } from '../../audit/changes.js';
import { findWritableStore } from '../../inventory/services/item-access.js';
import { changeStock } from '../../inventory/services/stock.js';
import { canReadStore, storeScopeOf, type StoreScope } from '../../vendors/selectors/store-scope.js';
import type { CreateSaleInput, SaleOutput } from '../contract.js';
import { saleById } from '../selectors/sales.js';
import { checkPayments, priceSale, type PricedItem } from './pricing.js';

interface SaleItem extends PricedItem {
  id: string;
  storeId: string;
  status: string;
  sku: string;
  name: string;
}

/**
 * sales.create, one transaction: the idempotency key is claimed, the lines' items locked and
 * checked, the money worked out exactly, the stock taken through the one stock path (CONFLICT
 * naming every short item), the sale audited, and last the sale written with the vendor's next
 * number. Locks are always taken in the order key → items (by id) → counter, so concurrent sales
 * queue instead of deadlocking.
 */
export async function createSale(wc: VendorWriteContext, input: CreateSaleInput): Promise<SaleOutput> {
  const saleId = await write(wc, async (tx) => {
    const scope = await storeScopeOf(tx.em, tx.member);
    const store = await findWritableStore(tx.em, tx, scope, input.storeId, 'sell');
    const { storeId: _given, idempotencyKey: _key, ...body } = input;
    const requestHash = hashOf({ storeId: store.id, ...body });
    if (input.idempotencyKey) {
      const earlier = await claimIdempotencyKey(tx, input.idempotencyKey, requestHash);
      if (earlier) return earlier;
    }
    const items = await lockItems(tx, input, store.id, scope);
    const priced = priceSale(input, (index) => items[index]!, tx.vendor.taxRate);
    checkPayments(input.payments, priced.total);
    const id = newId();
    await changeStock(
      tx,
      input.lines.map((line, index) => ({ itemId: items[index]!.id, delta: -line.quantity })),
      { reason: 'sale', reference: id, pathOf: (index) => ['lines', index, 'quantity'] },
    );
    tx.audit({
      entity: 'Sale',
      entityId: id,
      changes: changesOf(null, {
        storeId: store.id,
        lines: input.lines.map((line, i) => ({ itemId: items[i]!.id, quantity: line.quantity, unitPrice: priced.lines[i]!.unitPrice })),
        total: priced.total,
        payments: input.payments.map((p) => `${p.method} ${p.amount}`),
      }),
    });
    await tx.em.flush();
    await insertNumberedSale(tx, {
      sale: {
        id,
        vendor_id: tx.vendor.id,
        store_id: store.id,
        subtotal: priced.subtotal,
        discount: priced.discount,
        tax_rate: tx.vendor.taxRate,
        tax: priced.tax,
        total: priced.total,
        customer_name: input.customerName ?? null,
        customer_email: input.customerEmail ?? null,
        note: input.note ?? null,
        idempotency_key: input.idempotencyKey ?? null,
        request_hash: requestHash,
        created_by_id: tx.user?.id ?? null,
        created_at: new Date(),
      },
      lines: priced.lines.map((line, position) => ({
        id: newId(),
        sale_id: id,
        position,
        item_id: items[position]!.id,
        sku: items[position]!.sku,
        name: items[position]!.name,
        quantity: line.quantity,
        unit_price: line.unitPrice,
        unit_cost: line.unitCost,
        discount: line.discount,
        line_total: line.lineTotal,
        discount_share: line.discountShare,
        tax_share: line.taxShare,
      })),
      payments: input.payments.map((payment, position) => ({
        id: newId(),
        sale_id: id,
        position,
        method: payment.method,
        amount: payment.amount,
        tendered: payment.tendered ?? null,
      })),
    });
    return id;
  });
  // Read once committed: the item and counter locks are held no longer than the writes need.
  return (await saleById(wc.em, wc.vendor.id, saleId))!;
}

/**
 * The request as a fingerprint: a retry must send the same sale (the same store, default or
 * named, lines, payments, ...). Keys come in the contract's order, so equal requests hash equal.
 */
const hashOf = (request: object) => createHash('sha256').update(JSON.stringify(request)).digest('hex');

/**
 * Takes the vendor's idempotency key for this transaction (a second request with the key waits
 * here until the first commits or rolls back), then answers the id of the sale it already made,
 * if any: for the same request; another request is CONFLICT.
 */
async function claimIdempotencyKey(tx: Transaction<VendorWriteContext>, key: string, requestHash: string): Promise<string | null> {
  await tx.em.execute('select pg_advisory_xact_lock(hashtextextended(?, 0))', [`sale:${tx.vendor.id}:${key}`]);
  const [earlier] = await tx.em.execute<{ id: string; request_hash: string }[]>(
    'select id, request_hash from sales where vendor_id = ? and idempotency_key = ?',
    [tx.vendor.id, key],
  );
  if (!earlier) return null;
  if (earlier.request_hash !== requestHash) throw conflict('This idempotency key was used for another sale', { field: 'idempotencyKey' });
  return earlier.id;
}

/**
 * The items of the lines, in line order, locked in id order (as the stock path locks them) and
 * checked: another vendor's item, or one in a store the actor cannot see, is NOT_FOUND; an
 * archived item or one of another store is a BAD_REQUEST on its line.
 */
async function lockItems(tx: Transaction<VendorWriteContext>, input: CreateSaleInput, storeId: string, scope: StoreScope): Promise<SaleItem[]> {
  // Ids as PostgreSQL writes them (lower case), whatever case the client sent.
  const idOfLine = input.lines.map((line) => line.itemId.toLowerCase());
  const ids = [...new Set(idOfLine)].sort();
  const rows = await tx.em.execute<SaleItem[]>(
    `select id, store_id as "storeId", status, sku, name, intake_price as "intakePrice", price, projected_price as "projectedPrice"
       from items where vendor_id = ? and id = any(?::uuid[]) order by id for update`,
    [tx.vendor.id, sqlArray(ids)],
  );
  const byId = new Map(rows.map((row) => [row.id, row]));
  return idOfLine.map((id, index) => {
    const item = byId.get(id);
    if (!item || !canReadStore(scope, item.storeId)) throw notFound('Item');
    if (item.storeId !== storeId) throw invalidField(['lines', index, 'itemId'], 'is an item of another store');
    if (item.status !== 'active') throw invalidField(['lines', index, 'itemId'], 'is archived');
    return item;
  });
}

type Row = Record<string, unknown>;

/**
 * The sale, its lines and payments, with the vendor's next number, in one statement (rows as
 * JSON, typed by their tables). The number comes from the vendor's counter row, which stays
 * locked until the commit, so numbers never skip or repeat; as the transaction's last statement
 * it holds that vendor-wide lock for one round trip and the commit only (every other statement
 * of the sale runs before it, outside the lock).
 */
async function insertNumberedSale(tx: Transaction<VendorWriteContext>, rows: { sale: Row; lines: Row[]; payments: Row[] }): Promise<void> {
  const sale = Object.keys(rows.sale).join(', ');
  const rest = joinSql([insertRowsCte('lines', 'sale_lines', rows.lines), insertRowsCte('paid', 'payments', rows.payments)], ', ');
  await tx.em.execute(
    `with counter as (
       insert into sale_counters (vendor_id, last_number) values (?, 1)
       on conflict (vendor_id) do update set last_number = sale_counters.last_number + 1
       returning last_number
     ),
     sale as (
       insert into sales (number, ${sale}) select counter.last_number, ${sale} from counter, json_populate_record(null::sales, ?::json)
     ),
     ${rest.text}
     select 1`,
    [rows.sale.vendor_id, JSON.stringify(rows.sale), ...rest.params],
    'run',
  );
}
