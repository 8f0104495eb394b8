import { invalidField } from '../../../core/errors.js';
import { allocate, fromCents, MAX_AMOUNT, percentOf, sumCents, toCents } from '../../../core/money.js';
import type { CreateSaleInput } from '../contract.js';

/** What a sale needs of each item: its prices when the sale was made. */
export interface PricedItem {
  intakePrice: string;
  price: string;
  projectedPrice: string;
}

export interface PricedLine {
  quantity: number;
  unitPrice: string;
  unitCost: string;
  discount: string;
  lineTotal: string;
  discountShare: string;
  taxShare: string;
}

export interface PricedSale {
  lines: PricedLine[];
  subtotal: string;
  discount: string;
  tax: string;
  total: string;
}

const tooLarge = (path: (string | number)[]) => invalidField(path, `makes an amount above ${fromCents(MAX_AMOUNT)}`);

/**
 * The sale's money, exactly (integer cents): line totals (quantity × unitPrice − discount), the
 * subtotal, the sale discount, tax = round_half_up((subtotal − discount) × taxRate / 100, 2) and
 * the total; the sale discount and the tax are split over the lines (`allocate`), so line-level
 * reports add up to the sale. Every broken rule is a BAD_REQUEST on its input field.
 */
export function priceSale(input: Pick<CreateSaleInput, 'lines' | 'discount'>, itemOfLine: (index: number) => PricedItem, taxRate: string): PricedSale {
  const lines = input.lines.map((line, index) => {
    const item = itemOfLine(index);
    const unitPrice = toCents(line.unitPrice ?? (toCents(item.projectedPrice) > 0n ? item.projectedPrice : item.price));
    const gross = BigInt(line.quantity) * unitPrice;
    const discount = toCents(line.discount ?? '0');
    if (discount > gross) throw invalidField(['lines', index, 'discount'], `must not exceed the line's ${fromCents(gross)}`);
    if (gross - discount > MAX_AMOUNT) throw tooLarge(['lines', index, 'quantity']);
    return { quantity: line.quantity, unitPrice, unitCost: toCents(item.intakePrice), discount, lineTotal: gross - discount };
  });
  const lineTotals = lines.map((line) => line.lineTotal);
  const subtotal = sumCents(lineTotals);
  if (subtotal > MAX_AMOUNT) throw tooLarge(['lines']);
  const discount = toCents(input.discount ?? '0');
  if (discount > subtotal) throw invalidField(['discount'], `must not exceed the subtotal ${fromCents(subtotal)}`);
  const discountShares = allocate(discount, lineTotals);
  const tax = percentOf(subtotal - discount, taxRate);
  const taxShares = allocate(tax, lineTotals.map((total, i) => total - discountShares[i]!));
  const total = subtotal - discount + tax;
  if (total > MAX_AMOUNT) throw tooLarge(['lines']);
  return {
    lines: lines.map((line, i) => ({
      quantity: line.quantity,
      unitPrice: fromCents(line.unitPrice),
      unitCost: fromCents(line.unitCost),
      discount: fromCents(line.discount),
      lineTotal: fromCents(line.lineTotal),
      discountShare: fromCents(discountShares[i]!),
      taxShare: fromCents(taxShares[i]!),
    })),
    subtotal: fromCents(subtotal),
    discount: fromCents(discount),
    tax: fromCents(tax),
    total: fromCents(total),
  };
}

/** Payments must add up to the total; only cash may be tendered, at least its amount. */
export function checkPayments(payments: CreateSaleInput['payments'], total: string): void {
  payments.forEach((payment, index) => {
    if (payment.tendered === undefined) return;
    if (payment.method !== 'cash') throw invalidField(['payments', index, 'tendered'], 'is only for cash payments');
    if (toCents(payment.tendered) < toCents(payment.amount)) throw invalidField(['payments', index, 'tendered'], 'must be at least the amount');
  });
  const paid = sumCents(payments.map((payment) => toCents(payment.amount)));
  if (paid !== toCents(total)) throw invalidField(['payments'], `must add up to the total ${total} (they add up to ${fromCents(paid)})`);
}
