// Demo sales for scripts/seed-demo.ts: `await seedDemoSales(services, vendorId, plan)` sells the
// vendor's active items over `plan.days` days through the same services as the API (sales.create,
// sales.return, sales.void, a weekly restock with items.adjustStock), as the given members: shop
// hours every day, the convention booth on weekends; card, cash with change, split payments, some
// discounts, a few returns and one void. Each event is written at its own moment by moving the
// process's clock there (`plan.setClock`), so sales, stock movements, returns and audit events
// agree in every report. Deterministic: the same catalogue gives the same sales.
import { mock } from 'node:test';
import { fromCents, toCents } from '../src/core/money.js';
import { memberWriteContext, type MemberWriteContext } from '../src/db/write.js';
import { adjustStock } from '../src/modules/inventory/services/adjust-stock.js';
import type { CreateSaleInput, SaleOutput } from '../src/modules/sales/contract.js';
import { createSale } from '../src/modules/sales/services/create-sale.js';
import { priceSale, type PricedItem } from '../src/modules/sales/services/pricing.js';
import { returnSale } from '../src/modules/sales/services/return-sale.js';
import { voidSale } from '../src/modules/sales/services/void-sale.js';
import type { AppServices } from '../src/services.js';
import { randomFrom } from './seed-inventory.js';

export interface SalesPlan {
  /** The first day (UTC midnight); the items must exist by then. */
  start: Date;
  days: number;
  /** Who sells where: a member and the stores they sell in. The first one also restocks and voids. */
  sellers: { memberId: string; storeIds: string[] }[];
  /** A store open on weekends only (a convention booth). */
  weekendStoreId?: string;
  /** Moves the process's clock to the moment of the next event. */
  setClock(at: Date): void;
}

interface StockedItem extends PricedItem {
  id: string;
  storeId: string;
  quantity: number;
}

interface Event {
  at: number;
  run: () => Promise<void>;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** 15:00 UTC: the morning in the Americas; shops stay open ten hours. */
const OPENING = 15 * HOUR;

/** Writes the plan's sales, returns, void and restocks; answers how many of each it made. */
export async function seedDemoSales(services: AppServices, vendorId: string, plan: SalesPlan) {
  const rng = randomFrom(7);
  const sellers = await Promise.all(plan.sellers.map(async (s) => ({ storeIds: s.storeIds, wc: await memberWriteContext(services, 'script:seed-demo', s.memberId) })));
  const manager = sellers[0]!.wc;
  const stock = new Map((await stockedItems(manager, vendorId)).map((item) => [item.id, item]));
  const counts = { sales: 0, returns: 0, voids: 0 };
  const pending: Event[] = [];
  const moveStock = (sale: SaleOutput, lines: { lineId: string; quantity: number }[], sign: 1 | -1) => {
    for (const { lineId, quantity } of lines) stock.get(sale.lines.find((l) => l.id === lineId)!.itemId)!.quantity += sign * quantity;
  };

  const sellOnce = async (wc: MemberWriteContext, storeId: string, at: number) => {
    const input = basket(rng, [...stock.values()].filter((item) => item.storeId === storeId && item.quantity > 0));
    if (!input) return;
    const { total } = priceSale(input, (i) => stock.get(input.lines[i]!.itemId)!, wc.vendor.taxRate);
    const sale = await createSale(wc, { ...input, storeId, payments: payments(rng, total) });
    const all = sale.lines.map((line) => ({ lineId: line.id, quantity: line.quantity }));
    moveStock(sale, all, -1);
    counts.sales++;
    if (counts.sales === 12) {
      pending.push({
        at: at + 30 * MINUTE,
        run: async () => {
          await voidSale(manager, { id: sale.id, reason: 'Rang up twice' });
          moveStock(sale, all, 1);
          counts.voids++;
        },
      });
    } else if (rng.next() < 0.05) {
      const returned = [{ lineId: sale.lines[0]!.id, quantity: 1 }];
      const restock = rng.next() < 0.7;
      pending.push({
        at: at + rng.int(1, 3) * DAY,
        run: async () => {
          await returnSale(wc, { id: sale.id, lines: returned, restock, reason: restock ? 'Changed their mind' : 'Damaged in its sleeve' });
          if (restock) moveStock(sale, returned, 1);
          counts.returns++;
        },
      });
    }
  };

  for (let day = 0; day < plan.days; day++) {
    const opening = plan.start.getTime() + day * DAY + OPENING;
    const weekday = new Date(opening).getUTCDay();
    const weekend = weekday === 0 || weekday === 6;
    const today: Event[] = weekday === 1 ? [{ at: opening - HOUR, run: () => restock(manager, [...stock.values()]) }] : [];
    for (const { wc, storeIds } of sellers) {
      for (const storeId of storeIds) {
        if (storeId === plan.weekendStoreId && !weekend) continue;
        for (let n = weekend ? rng.int(2, 4) : rng.int(1, 3); n > 0; n--) {
          const at = opening + rng.int(0, 10 * 60) * MINUTE;
          today.push({ at, run: () => sellOnce(wc, storeId, at) });
        }
      }
    }
    // Events of the day run in time order; voids and returns they schedule run on their own day.
    const due = pending.filter((event) => event.at < opening + DAY);
    pending.splice(0, pending.length, ...pending.filter((event) => !due.includes(event)));
    for (const event of [...today, ...due].sort((a, b) => a.at - b.at)) {
      plan.setClock(new Date(event.at));
      await event.run();
    }
  }
  return counts;
}

const stockedItems = (wc: MemberWriteContext, vendorId: string) =>
  wc.em.execute<StockedItem[]>(
    `select id, store_id as "storeId", quantity, intake_price as "intakePrice", price, projected_price as "projectedPrice"
       from items where vendor_id = ? and status = 'active' order by sku`,
    [vendorId],
  );

/** One to three different items, mostly one unit each; now and then a line discount, or a sale discount on a big sale. */
function basket(rng: ReturnType<typeof randomFrom>, available: StockedItem[]): Pick<CreateSaleInput, 'lines' | 'discount'> | null {
  if (!available.length) return null;
  const picked = [...new Set(Array.from({ length: rng.pick([1, 1, 1, 2, 2, 3]) }, () => rng.pick(available)))];
  const lines = picked.map((item) => ({
    itemId: item.id,
    quantity: item.quantity > 1 && rng.next() < 0.2 ? 2 : 1,
    ...(toCents(item.price) > 500n && rng.next() < 0.1 ? { discount: '1.00' } : {}),
  }));
  const gross = picked.reduce((sum, item) => sum + toCents(item.price), 0n);
  return { lines, ...(gross > 10_000n && rng.next() < 0.15 ? { discount: '5.00' } : {}) };
}

/** Card mostly; cash with change (tendered rounded up to 5.00); now and then card plus 20.00 in cash or in trade. */
function payments(rng: ReturnType<typeof randomFrom>, total: string): CreateSaleInput['payments'] {
  const cents = toCents(total);
  const roll = rng.next();
  if (roll < 0.25) return [{ method: 'cash', amount: total, tendered: fromCents(((cents + 499n) / 500n) * 500n) }];
  if (roll < 0.45 && cents > 2_000n) return [{ method: 'card', amount: fromCents(cents - 2_000n) }, { method: roll < 0.4 ? 'cash' : 'trade', amount: '20.00' }];
  return [{ method: 'card', amount: total }];
}

/** Mondays before opening: five more of every item that sold out. */
async function restock(wc: MemberWriteContext, items: StockedItem[]) {
  for (const item of items.filter((i) => i.quantity === 0)) {
    await adjustStock(wc, { id: item.id, delta: 5, reason: 'intake', note: 'Weekly restock' });
    item.quantity += 5;
  }
}

/**
 * Runs `work` with the process's clock (Date only: timers run as usual) at UTC midnight `days`
 * days ago, movable forward with `setClock`, so what it writes carries the moments it describes.
 */
export async function asOfPast<T>(days: number, work: (setClock: (at: Date) => void, start: Date) => Promise<T>): Promise<T> {
  const start = new Date(Math.floor(Date.now() / DAY) * DAY - days * DAY);
  mock.timers.enable({ apis: ['Date'], now: start });
  try {
    return await work((at) => mock.timers.setTime(at.getTime()), start);
  } finally {
    mock.timers.reset();
  }
}
