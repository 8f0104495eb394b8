import { z } from 'zod';
import { timestampOutput } from '../../contract/common.js';
import { idSchema } from '../../contract/ids.js';
import { divideHalfUp, moneySchema, toCents, type Cents } from '../../contract/money.js';
import { pageOf, paginationFields } from '../../contract/pagination.js';
import { emailSchema, instant, label, text } from '../../contract/text.js';
import { MAX_STOCK_CHANGE } from '../inventory/contract.js';

export const paymentMethods = ['cash', 'card', 'trade', 'store_credit', 'other'] as const;
export type PaymentMethod = (typeof paymentMethods)[number];
export const saleStatuses = ['completed', 'voided'] as const;
export type SaleStatus = (typeof saleStatuses)[number];

export const MAX_SALE_LINES = 100;
export const MAX_PAYMENTS = 10;

/** "S-000042": the vendor's sale number as people read it. */
export const saleNumberText = (number: number) => `S-${String(number).padStart(6, '0')}`;

/**
 * The default refund for `quantity` more units of a line of which `returnedQuantity` are back
 * already: the returned units' share of the line total, half up. For a line's first return that
 * is round_half_up(quantity × lineTotal / line quantity); later returns of the same line take the
 * difference to what was refunded before, so a line returned in parts refunds exactly its total.
 * In the contract, so the return screen shows the default the server will apply.
 */
export function lineRefund(line: { quantity: number; lineTotal: string; returnedQuantity: number }, quantity: number): Cents {
  const total = toCents(line.lineTotal);
  const sold = BigInt(line.quantity);
  const before = BigInt(line.returnedQuantity);
  return divideHalfUp(total * (before + BigInt(quantity)), sold) - divideHalfUp(total * before, sold);
}

// Inputs
const saleLineInput = z
  .object({
    itemId: idSchema,
    quantity: z.number().int().min(1).max(MAX_STOCK_CHANGE),
    /** Default: the item's projectedPrice, else its price (when the projected price is 0). */
    unitPrice: moneySchema.optional(),
    discount: moneySchema.optional(),
  })
  .strict();
const paymentInput = z
  .object({
    method: z.enum(paymentMethods),
    amount: moneySchema,
    /** Cash only: what the customer handed over (at least the amount); the sale answers the change due. */
    tendered: moneySchema.optional(),
  })
  .strict();

export const createSaleInput = z
  .object({
    storeId: idSchema.optional(),
    lines: z.array(saleLineInput).min(1).max(MAX_SALE_LINES),
    discount: moneySchema.optional(),
    payments: z.array(paymentInput).min(1).max(MAX_PAYMENTS),
    customerName: text(255).nullable().optional(),
    customerEmail: emailSchema.nullable().optional(),
    note: text(1000).nullable().optional(),
    /** A till's retry key: the same key again answers the same sale; with another body, CONFLICT. */
    idempotencyKey: label(200).optional(),
  })
  .strict();
export type CreateSaleInput = z.output<typeof createSaleInput>;

export const saleIdInput = z.object({ id: idSchema }).strict();
export const voidSaleInput = z.object({ id: idSchema, reason: label(1000) }).strict();
export const returnSaleInput = z
  .object({
    id: idSchema,
    lines: z
      .array(z.object({ lineId: idSchema, quantity: z.number().int().min(1).max(MAX_STOCK_CHANGE) }).strict())
      .min(1)
      .max(MAX_SALE_LINES),
    restock: z.boolean().default(true),
    reason: text(1000).nullable().optional(),
    /** Tax-exclusive; at most the default (the returned units' share of their line totals). */
    refund: moneySchema.optional(),
  })
  .strict();
export type ReturnSaleInput = z.output<typeof returnSaleInput>;

export const listSalesInput = z
  .object({
    from: instant().optional(),
    to: instant().optional(),
    storeId: idSchema.optional(),
    status: z.enum(saleStatuses).optional(),
    paymentMethod: z.enum(paymentMethods).optional(),
    itemId: idSchema.optional(),
    createdBy: idSchema.optional(),
    /** A sale number ("S-000042" or "42"), or part of the customer's name or email. */
    search: label(200).optional(),
    ...paginationFields,
  })
  .strict()
  .default({ limit: 50 });
export type ListSalesQuery = z.output<typeof listSalesInput>;

// Outputs
const money = z.string();
export const saleLineOutput = z.object({
  id: idSchema,
  itemId: idSchema,
  sku: z.string(),
  name: z.string(),
  quantity: z.number().int(),
  unitPrice: money,
  unitCost: money,
  discount: money,
  lineTotal: money,
  returnedQuantity: z.number().int(),
});
export const paymentOutput = z.object({ method: z.enum(paymentMethods), amount: money, tendered: money.nullable() });
export const saleReturnOutput = z.object({
  id: idSchema,
  saleId: idSchema,
  lines: z.array(z.object({ lineId: idSchema, quantity: z.number().int(), refund: money })),
  restock: z.boolean(),
  refund: money,
  taxRefunded: money,
  reason: z.string().nullable(),
  actorId: idSchema.nullable(),
  createdAt: timestampOutput,
});
export const saleOutput = z.object({
  id: idSchema,
  number: z.string(),
  storeId: idSchema,
  status: z.enum(saleStatuses),
  lines: z.array(saleLineOutput),
  subtotal: money,
  discount: money,
  taxRate: z.string(),
  tax: money,
  total: money,
  payments: z.array(paymentOutput),
  changeDue: money,
  customerName: z.string().nullable(),
  customerEmail: z.string().nullable(),
  note: z.string().nullable(),
  createdBy: idSchema.nullable(),
  createdAt: timestampOutput,
  voidedAt: timestampOutput.nullable(),
  voidedBy: idSchema.nullable(),
  voidReason: z.string().nullable(),
  returns: z.array(saleReturnOutput),
});
export const salePageOutput = pageOf(saleOutput);
export const returnSaleOutput = z.object({ sale: saleOutput, return: saleReturnOutput });

export type SaleOutput = z.infer<typeof saleOutput>;
export type SaleReturnOutput = z.infer<typeof saleReturnOutput>;
