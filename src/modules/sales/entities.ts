import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { idColumn } from '../../db/columns.js';
import { User } from '../identity/entities.js';
import { Item } from '../inventory/entities.js';
import { Store, Vendor } from '../vendors/entities.js';
import { paymentMethods, saleStatuses } from './contract.js';

// numeric(12,2), as every amount of the schema (MikroORM's decimal defaults to scale 0).
const money = () => p.decimal().precision(12).scale(2);
// Millisecond timestamps, so a keyset cursor carrying a JS Date matches the stored value exactly.
const timestamp = () => p.datetime(3);

/**
 * A completed (or voided) sale. `number` is the vendor's sequence (shown as S-000001), drawn from
 * its SaleCounter row in the sale's transaction, so numbers have no gaps and no duplicates.
 * `taxRate` is the vendor's rate when the sale was made: returns refund tax at it.
 */
export const Sale = defineEntity({
  name: 'Sale',
  tableName: 'sales',
  uniques: [
    { properties: ['vendor', 'number'] },
    { properties: ['vendor', 'idempotencyKey'] },
  ],
  indexes: [
    { properties: ['vendor', 'createdAt', 'id'] },
    { properties: ['store', 'createdAt'] },
  ],
  checks: [
    { name: 'sales_money_check', expression: 'discount >= 0 and discount <= subtotal and tax >= 0 and total = subtotal - discount + tax' },
    { name: 'sales_tax_rate_check', expression: 'tax_rate >= 0 and tax_rate <= 100' },
  ],
  properties: {
    id: idColumn(),
    vendor: () => p.manyToOne(Vendor).deleteRule('cascade'),
    store: () => p.manyToOne(Store),
    number: p.integer(),
    status: p.enum(saleStatuses).default('completed'),
    subtotal: money(),
    discount: money(),
    taxRate: p.decimal().precision(6).scale(3),
    tax: money(),
    total: money(),
    customerName: p.string().length(255).nullable(),
    customerEmail: p.string().length(320).nullable(),
    note: p.text().nullable(),
    idempotencyKey: p.string().length(200).nullable(),
    /** SHA-256 of the request that made the sale: a reused idempotency key must carry the same. */
    requestHash: p.string().length(64).nullable(),
    createdBy: () => p.manyToOne(User).nullable().deleteRule('set null'),
    createdAt: timestamp(),
    voidedAt: timestamp().nullable(),
    voidedBy: () => p.manyToOne(User).nullable().deleteRule('set null'),
    voidReason: p.text().nullable(),
  },
});
export type ISale = InferEntity<typeof Sale>;

/**
 * One line of a sale, with the item's sku and name as they were. `discountShare` and `taxShare`
 * are the line's exact part of the sale's discount and tax (they add up to the sale's), so
 * reports by item or category add up to their totals.
 */
export const SaleLine = defineEntity({
  name: 'SaleLine',
  tableName: 'sale_lines',
  indexes: [{ properties: ['item'] }],
  uniques: [{ properties: ['sale', 'position'] }],
  checks: [
    { name: 'sale_lines_quantity_check', expression: 'quantity > 0 and returned_quantity >= 0 and returned_quantity <= quantity' },
    { name: 'sale_lines_money_check', expression: 'unit_price >= 0 and unit_cost >= 0 and discount >= 0 and line_total >= 0 and discount_share >= 0 and tax_share >= 0' },
  ],
  properties: {
    id: idColumn(),
    sale: () => p.manyToOne(Sale).deleteRule('cascade'),
    position: p.smallint(),
    // Never cascades: an item with sales cannot be deleted (items.delete answers CONFLICT).
    item: () => p.manyToOne(Item),
    sku: p.string().length(64),
    name: p.string().length(255),
    quantity: p.integer(),
    unitPrice: money(),
    unitCost: money(),
    discount: money(),
    lineTotal: money(),
    discountShare: money(),
    taxShare: money(),
    returnedQuantity: p.integer().default(0),
  },
});
export type ISaleLine = InferEntity<typeof SaleLine>;

export const Payment = defineEntity({
  name: 'Payment',
  tableName: 'payments',
  uniques: [{ properties: ['sale', 'position'] }],
  checks: [{ name: 'payments_money_check', expression: 'amount >= 0 and (tendered is null or tendered >= amount)' }],
  properties: {
    id: idColumn(),
    sale: () => p.manyToOne(Sale).deleteRule('cascade'),
    position: p.smallint(),
    method: p.enum(paymentMethods),
    amount: money(),
    /** Cash handed over; the change due is tendered − amount. */
    tendered: money().nullable(),
  },
});
export type IPayment = InferEntity<typeof Payment>;

/** Units given back from one sale: the refund (tax-exclusive) and the tax refunded with it. */
export const SaleReturn = defineEntity({
  name: 'SaleReturn',
  tableName: 'sale_returns',
  indexes: [{ properties: ['vendor', 'createdAt'] }, { properties: ['sale'] }],
  checks: [{ name: 'sale_returns_money_check', expression: 'refund >= 0 and tax_refunded >= 0' }],
  properties: {
    id: idColumn(),
    vendor: () => p.manyToOne(Vendor).deleteRule('cascade'),
    sale: () => p.manyToOne(Sale).deleteRule('cascade'),
    restock: p.boolean(),
    refund: money(),
    taxRefunded: money(),
    reason: p.text().nullable(),
    actor: () => p.manyToOne(User).nullable().deleteRule('set null'),
    createdAt: timestamp(),
  },
});
export type ISaleReturn = InferEntity<typeof SaleReturn>;

/** One returned line: its units and its exact part of the return's refund and tax refunded. */
export const SaleReturnLine = defineEntity({
  name: 'SaleReturnLine',
  tableName: 'sale_return_lines',
  indexes: [{ properties: ['saleReturn'] }, { properties: ['line'] }],
  checks: [{ name: 'sale_return_lines_check', expression: 'quantity > 0 and refund >= 0 and tax_refunded >= 0' }],
  properties: {
    id: idColumn(),
    saleReturn: () => p.manyToOne(SaleReturn).deleteRule('cascade'),
    line: () => p.manyToOne(SaleLine).deleteRule('cascade'),
    quantity: p.integer(),
    refund: money(),
    taxRefunded: money(),
  },
});
export type ISaleReturnLine = InferEntity<typeof SaleReturnLine>;

/** The last sale number of each vendor; its row lock, held to the sale's commit, keeps numbers gapless. */
export const SaleCounter = defineEntity({
  name: 'SaleCounter',
  tableName: 'sale_counters',
  properties: {
    vendor: () => p.oneToOne(Vendor).owner().primary().deleteRule('cascade'),
    lastNumber: p.integer(),
  },
});

export const salesEntities = [Sale, SaleLine, Payment, SaleReturn, SaleReturnLine, SaleCounter];
