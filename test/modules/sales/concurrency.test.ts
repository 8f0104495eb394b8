import { TRPCError } from '@trpc/server';
import { expect } from 'chai';
import fc from 'fast-check';
import { pino } from 'pino';
import { createCaller } from '../../../src/caller.js';
import { app } from '../../support/app.js';
import { signUp, type SignedUp } from '../../support/fixtures.js';
import { ledgerSum, shopWithItems } from '../../support/sales.js';

/**
 * A caller whose server logs warnings into `warnings`: the write path logs every deadlock or
 * serialization failure it retries, so a test sees one even when the retry hides it.
 */
function watchedCaller(who: SignedUp) {
  const warnings: string[] = [];
  const log = pino({ level: 'warn' }, { write: (line: string) => warnings.push(line) });
  return { caller: createCaller({ ...app(), log }, { accessToken: who.accessToken }), warnings };
}

/** Each outcome as 'ok' or its code; any other error (a bug) fails the test with its message. */
const outcomes = (calls: Promise<unknown>[]) =>
  Promise.all(calls.map((call) => call.then(() => 'ok', (error: unknown) => (error instanceof TRPCError ? error.code : Promise.reject(error)))));

const saleNumbers = async (vendorId: string) =>
  (await app().orm.em.fork().execute<{ number: number }[]>('select number from sales where vendor_id = ? order by number', [vendorId])).map((r) => r.number);

describe('sales under concurrency', function () {
  this.timeout(120_000);

  it('200 one-unit sales of an item with 10 units: exactly 10 succeed with consecutive numbers, the rest CONFLICT', async () => {
    const owner = await signUp();
    const [item] = await shopWithItems(owner, [10]);
    const { caller, warnings } = watchedCaller(owner);
    const results = await outcomes(
      Array.from({ length: 200 }, () => caller.sales.create({ lines: [{ itemId: item!.id, quantity: 1 }], payments: [{ method: 'card', amount: '10.00' }] })),
    );
    expect(results.filter((r) => r === 'ok')).to.have.length(10);
    expect(results.filter((r) => r !== 'ok')).to.deep.equal(Array(190).fill('CONFLICT'));
    expect((await owner.caller.items.get({ id: item!.id })).quantity).to.equal(0);
    expect(await ledgerSum(item!.id)).to.equal(0);
    expect(await saleNumbers(owner.vendor.id)).to.deep.equal([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(warnings.filter((w) => /deadlock|serializ/i.test(w))).to.deep.equal([]);
  });

  it('100 multi-line sales over the same 5 items in random line orders: no deadlock, no unit lost', async () => {
    const owner = await signUp();
    const items = await shopWithItems(owner, [1000, 1000, 1000, 1000, 1000]);
    const { caller, warnings } = watchedCaller(owner);
    // Each sale takes 1-3 units of each of the 5 items, its lines shuffled (fixed seed: reproducible).
    const sales = fc.sample(
      fc.tuple(fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 5, maxLength: 5 }), fc.shuffledSubarray([0, 1, 2, 3, 4], { minLength: 5 })),
      { numRuns: 100, seed: 4242 },
    );
    const taken = [0, 0, 0, 0, 0];
    const calls = sales.map(([counts, order]) => {
      const lines = order.map((i) => ((taken[i]! += counts[i]!), { itemId: items[i]!.id, quantity: counts[i]! }));
      const total = `${counts.reduce((a, b) => a + b, 0) * 10}.00`;
      return caller.sales.create({ lines, payments: [{ method: 'cash', amount: total }] });
    });
    expect(await outcomes(calls)).to.deep.equal(Array(100).fill('ok'));
    for (const [i, item] of items.entries()) {
      expect((await owner.caller.items.get({ id: item.id })).quantity, `item ${i}`).to.equal(1000 - taken[i]!);
      expect(await ledgerSum(item.id), `ledger ${i}`).to.equal(1000 - taken[i]!);
    }
    expect(await saleNumbers(owner.vendor.id)).to.deep.equal(Array.from({ length: 100 }, (_, i) => i + 1));
    expect(warnings.filter((w) => /deadlock|serializ/i.test(w))).to.deep.equal([]);
  });

  it('concurrent returns and a void of one sale never restore more units than were sold', async () => {
    const owner = await signUp();
    const [item] = await shopWithItems(owner, [10]);
    const { caller, warnings } = watchedCaller(owner);
    const sale = await caller.sales.create({ lines: [{ itemId: item!.id, quantity: 6 }], payments: [{ method: 'card', amount: '60.00' }] });
    const lineId = sale.lines[0]!.id;
    const results = await outcomes([
      ...Array.from({ length: 8 }, () => caller.sales.return({ id: sale.id, lines: [{ lineId, quantity: 1 }] })),
      caller.sales.void({ id: sale.id, reason: 'concurrent' }),
    ]);
    expect(results.every((r) => ['ok', 'BAD_REQUEST', 'CONFLICT'].includes(r)), results.join()).to.equal(true);
    expect((await owner.caller.items.get({ id: item!.id })).quantity).to.equal(10);
    expect(await ledgerSum(item!.id)).to.equal(10);
    expect(warnings.filter((w) => /deadlock|serializ/i.test(w))).to.deep.equal([]);
  });
});
