import { fromCents, percentOf, sumCents, toCents } from '../../src/core/money.js';
import { app } from './app.js';
import type { SignedUp } from './fixtures.js';
import { createItem } from './items.js';

type CreateSaleInput = Parameters<SignedUp['caller']['sales']['create']>[0];
type Seller = Pick<SignedUp, 'caller'>;

/** Sells `lines` ([itemId, quantity] or full lines) paid in one cash payment of exactly the total. */
export async function sell(who: Seller, lines: ([string, number] | CreateSaleInput['lines'][number])[], extra: Partial<CreateSaleInput> = {}) {
  const saleLines = lines.map((line) => (Array.isArray(line) ? { itemId: line[0], quantity: line[1] } : line));
  const quote = await totalOf(who, saleLines, extra);
  return who.caller.sales.create({ lines: saleLines, payments: [{ method: 'cash', amount: quote }], ...extra });
}

/** What the sale will cost (unit price defaults, discounts, tax), so a test can pay exactly the total. */
export async function totalOf(who: Seller, lines: CreateSaleInput['lines'], extra: Partial<CreateSaleInput>): Promise<string> {
  const items = await Promise.all(lines.map((line) => who.caller.items.get({ id: line.itemId })));
  const { taxRate } = await who.caller.vendors.current();
  const defaultPrice = (item: (typeof items)[number]) => (item.projectedPrice !== '0.00' ? item.projectedPrice : item.price);
  const lineTotals = lines.map((line, i) => BigInt(line.quantity) * toCents(line.unitPrice ?? defaultPrice(items[i]!)) - toCents(line.discount ?? '0'));
  const base = sumCents(lineTotals) - toCents(extra.discount ?? '0');
  return fromCents(base + percentOf(base, taxRate));
}

/** One item per quantity in the owner's default store, at `price` (no projected price) bought at `intakePrice`. */
export async function shopWithItems(owner: SignedUp, quantities: number[], price = '10.00', intakePrice = '4.00') {
  return Promise.all(quantities.map((quantity) => createItem(owner, { quantity, price, intakePrice })));
}

/** The sum of an item's ledger. */
export async function ledgerSum(itemId: string): Promise<number> {
  const [row] = await app().orm.em.fork().execute<{ sum: string }[]>('select coalesce(sum(delta), 0) as sum from stock_movements where item_id = ?', [itemId]);
  return Number(row!.sum);
}
