import { z } from 'zod';
import { createSaleInput, paymentMethods, type CreateSaleInput, type PaymentMethod } from '@api/modules/sales/contract';
import { fromCents, isMoney, toCents } from '../lib/money';
import { percentOf, sumCents } from '@api/contract/money';
import { numberText, optionalText } from '../lib/formSchemas';

/**
 * The till's cart as a react-hook-form form whose fields are named as sales.create's input
 * (`lines.2.discount`, `payments.1.tendered`), so the server's issues land on their own fields.
 * Amounts stay decimal strings and every sum runs on integer cents (the contract's arithmetic).
 */
export interface CartLine {
  itemId: string;
  sku: string;
  name: string;
  unitPrice: string;
  /** Units in stock when the item was added (the server checks again at the sale). */
  available: number;
  quantity: string;
  discount: string;
}
export interface CartPayment {
  method: PaymentMethod;
  amount: string;
  tendered: string;
}
export interface CartValues {
  storeId: string;
  lines: CartLine[];
  discount: string;
  payments: CartPayment[];
  customerName: string;
}

export const emptyCart = (storeId = ''): CartValues => ({ storeId, lines: [], discount: '', payments: [], customerName: '' });

const inputShape = createSaleInput.shape;
const lineShape = inputShape.lines.element.shape;

/** An amount field: empty is "none"; anything else must be an amount the API takes. */
const amountText = z.string().trim().refine((value) => value === '' || isMoney(value), 'must be an amount such as 12.50');
const cents = (value: string) => (value.trim() === '' || !isMoney(value) ? 0n : toCents(value.trim()));
/** Whole units typed into a stepper's box; anything else counts as none until it is fixed. */
const units = (value: string) => (/^\d{1,6}$/.test(value.trim()) ? BigInt(value.trim()) : 0n);

export interface CartTotals {
  lineTotals: string[];
  subtotal: string;
  discount: string;
  tax: string;
  total: string;
  paid: string;
  /** Total minus payments: what is still to pay (negative when overpaid). */
  due: string;
  changeDue: string;
}

/**
 * The sale's figures as the server will compute them: lineTotal = quantity × unitPrice − discount,
 * subtotal = Σ lineTotal, tax = round_half_up((subtotal − discount) × taxRate / 100, 2),
 * total = subtotal − discount + tax; change due = Σ (tendered − amount) over cash payments.
 */
export function cartTotals(values: Pick<CartValues, 'lines' | 'discount' | 'payments'>, taxRate: string): CartTotals {
  const lineTotals = values.lines.map((line) => units(line.quantity) * toCents(line.unitPrice) - cents(line.discount));
  const subtotal = sumCents(lineTotals);
  const discount = cents(values.discount);
  const taxable = subtotal - discount;
  const tax = taxable > 0n ? percentOf(taxable, taxRate) : 0n;
  const total = taxable + tax;
  const paid = sumCents(values.payments.map((payment) => cents(payment.amount)));
  const change = sumCents(
    values.payments.map((payment) => (payment.method === 'cash' && payment.tendered.trim() ? cents(payment.tendered) - cents(payment.amount) : 0n)),
  );
  return {
    lineTotals: lineTotals.map(fromCents),
    subtotal: fromCents(subtotal),
    discount: fromCents(discount),
    tax: fromCents(tax),
    total: fromCents(total),
    paid: fromCents(paid),
    due: fromCents(total - paid),
    changeDue: fromCents(change > 0n ? change : 0n),
  };
}

/**
 * The form's check before anything is sent, on the fields the server would name, then the
 * sales.create input it turns into (the contract's own schema has the last word).
 */
export const cartSchema = (taxRate: string) =>
  z
    .object({
      storeId: z.string(),
      lines: z
        .array(
          z.object({
            itemId: lineShape.itemId,
            sku: z.string(),
            name: z.string(),
            unitPrice: z.string(),
            available: z.number(),
            quantity: numberText(lineShape.quantity, true),
            discount: amountText,
          }),
        )
        .min(1, 'scan or search an item first'),
      discount: amountText,
      payments: z.array(z.object({ method: z.enum(paymentMethods), amount: amountText, tendered: amountText })),
      customerName: optionalText(inputShape.customerName),
    })
    .superRefine((values, ctx) => {
      const raw = { ...values, lines: values.lines.map((line) => ({ ...line, quantity: String(line.quantity ?? 0) })) };
      const totals = cartTotals(raw, taxRate);
      values.lines.forEach((line, index) => {
        if (totals.lineTotals[index]!.startsWith('-')) ctx.addIssue({ code: 'custom', path: ['lines', index, 'discount'], message: "must not exceed the line's amount" });
      });
      if (totals.subtotal.startsWith('-') || toCents(totals.subtotal) < cents(values.discount)) {
        ctx.addIssue({ code: 'custom', path: ['discount'], message: `must not exceed the subtotal ${totals.subtotal}` });
      }
      values.payments.forEach((payment, index) => {
        if (payment.amount === '') ctx.addIssue({ code: 'custom', path: ['payments', index, 'amount'], message: 'must not be empty' });
        if (payment.method !== 'cash' || payment.tendered === '') return;
        if (cents(payment.tendered) < cents(payment.amount)) ctx.addIssue({ code: 'custom', path: ['payments', index, 'tendered'], message: 'must be at least the amount' });
      });
      if (values.payments.length === 0) ctx.addIssue({ code: 'custom', path: ['payments'], message: 'add a payment: cash, card or another method' });
      else if (totals.due !== '0.00') {
        ctx.addIssue({ code: 'custom', path: ['payments'], message: `must add up to the total ${totals.total} (they add up to ${totals.paid})` });
      }
    })
    .transform(
      (values): Omit<CreateSaleInput, 'idempotencyKey'> => ({
        ...(values.storeId && { storeId: values.storeId }),
        lines: values.lines.map((line) => ({
          itemId: line.itemId,
          quantity: line.quantity!,
          unitPrice: line.unitPrice,
          ...(line.discount && { discount: line.discount }),
        })),
        ...(values.discount && { discount: values.discount }),
        payments: values.payments.map((payment) => ({
          method: payment.method,
          amount: payment.amount,
          ...(payment.method === 'cash' && payment.tendered && { tendered: payment.tendered }),
        })),
        customerName: values.customerName,
      }),
    );

export type CartOutput = z.output<ReturnType<typeof cartSchema>>;

/** A till's retry key, made once per cart. crypto.randomUUID needs a secure context; a LAN till on http may lack it. */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The default unit price, as sales.create would take it: the projected price, else the price. */
export const defaultUnitPrice = (item: { price: string; projectedPrice: string }) => (toCents(item.projectedPrice) > 0n ? item.projectedPrice : item.price);
