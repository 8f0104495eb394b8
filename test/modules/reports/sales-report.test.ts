import { expect } from 'chai';
import { app } from '../../support/app.js';
import { expectTRPCError, issuePaths, signUp, type SignedUp } from '../../support/fixtures.js';
import { createItem } from '../../support/items.js';
import { joinVendor } from '../../support/members.js';

/** Moves a sale (or a return) to a chosen instant: reports bucket by these timestamps. */
const backdate = (table: 'sales' | 'sale_returns', id: string, at: string) =>
  app().orm.em.fork().execute(`update ${table} set created_at = ? where id = ?`, [new Date(at), id]);

/**
 * The hand-computed fixture, in a vendor on New York time (UTC−5 in January) at 10% tax:
 * - S1, 2026-01-10T04:30Z (Jan 9, 23:30 local): A 2 × 10.00 − 1.00 = 19.00, B 1 × 50.00; subtotal
 *   69.00, sale discount 4.00 (A's share 1.10, B's 2.90), tax 6.50 (A 1.79, B 4.71), total 71.50,
 *   paid 50.00 card + 21.50 cash.
 * - S2, 2026-01-10T05:30Z (Jan 10, 00:30 local): A 1 × 10.00, tax 1.00, total 11.00 by card.
 * - S3, Jan 10: B 1 × 50.00, voided: counts nowhere.
 * - R1, 2026-01-11T15:00Z (Jan 11 local): one unit of S1's A line back: refund 19.00 / 2 = 9.50,
 *   tax refunded 0.95.
 * A costs 4.00, B 20.00.
 */
async function fixture() {
  const owner = await signUp();
  await owner.caller.vendors.update({ timeZone: 'America/New_York', taxRate: '10', currency: 'EUR' });
  const a = await createItem(owner, { quantity: 10, intakePrice: '4.00', price: '10.00', category: 'trading_card' });
  const b = await createItem(owner, { quantity: 10, intakePrice: '20.00', price: '50.00', category: 'video_game' });
  const s1 = await owner.caller.sales.create({
    lines: [{ itemId: a.id, quantity: 2, discount: '1.00' }, { itemId: b.id, quantity: 1 }],
    discount: '4.00',
    payments: [{ method: 'card', amount: '50.00' }, { method: 'cash', amount: '21.50', tendered: '25.00' }],
  });
  const s2 = await owner.caller.sales.create({ lines: [{ itemId: a.id, quantity: 1 }], payments: [{ method: 'card', amount: '11.00' }] });
  const s3 = await owner.caller.sales.create({ lines: [{ itemId: b.id, quantity: 1 }], payments: [{ method: 'card', amount: '55.00' }] });
  await owner.caller.sales.void({ id: s3.id, reason: 'wrong item' });
  const { return: r1 } = await owner.caller.sales.return({ id: s1.id, lines: [{ lineId: s1.lines[0]!.id, quantity: 1 }] });
  await backdate('sales', s1.id, '2026-01-10T04:30:00Z');
  await backdate('sales', s2.id, '2026-01-10T05:30:00Z');
  await backdate('sales', s3.id, '2026-01-10T12:00:00Z');
  await backdate('sale_returns', r1.id, '2026-01-11T15:00:00Z');
  return { owner, a, b, s1, s2 };
}

const period = { from: '2026-01-09T05:00:00Z', to: '2026-01-12T05:00:00Z' };
const report = (who: SignedUp, groupBy: Parameters<SignedUp['caller']['reports']['sales']>[0]['groupBy'], extra = {}) =>
  who.caller.reports.sales({ ...period, groupBy, ...extra });

const figures = (saleCount: number, units: number, revenue: string, discounts: string, tax: string, returns: string, costOfGoods: string, grossProfit: string, margin: string, averageSale: string) =>
  ({ saleCount, units, revenue, discounts, tax, returns, costOfGoods, grossProfit, margin, averageSale });

describe('reports.sales', () => {
  it('matches the hand-computed totals, and buckets days in the vendor time zone (a sale at 23:30 counts that day)', async () => {
    const { owner } = await fixture();
    const byDay = await report(owner, 'day');
    expect(byDay).to.deep.include({ currency: 'EUR', timeZone: 'America/New_York', groupBy: 'day', from: '2026-01-09T05:00:00.000Z' });
    // revenue 79.00 − 4.00 − 9.50; tax 6.50 + 1.00 − 0.95; cost 4.00 × 2 + 20.00; margin 37.50 / 65.50
    expect(byDay.totals).to.deep.equal(figures(2, 3, '65.50', '5.00', '6.55', '9.50', '28.00', '37.50', '0.5725', '32.75'));
    expect(byDay.groups).to.deep.equal([
      { key: '2026-01-09', label: '2026-01-09', ...figures(1, 3, '65.00', '5.00', '6.50', '0.00', '28.00', '37.00', '0.5692', '65.00') },
      { key: '2026-01-10', label: '2026-01-10', ...figures(1, 1, '10.00', '0.00', '1.00', '0.00', '4.00', '6.00', '0.6000', '10.00') },
      { key: '2026-01-11', label: '2026-01-11', ...figures(0, -1, '-9.50', '0.00', '-0.95', '9.50', '-4.00', '-5.50', '0.5789', '0.00') },
    ]);
    await owner.caller.vendors.update({ timeZone: 'UTC' });
    const inUtc = await report(owner, 'day');
    expect(inUtc.groups.map((g) => [g.key, g.saleCount, g.revenue])).to.deep.equal([['2026-01-10', 2, '75.00'], ['2026-01-11', 0, '-9.50']]);
    expect(inUtc.totals).to.deep.equal(byDay.totals);
  });

  it('groups by week and month, category, item, store, staff and payment method, each adding up to the totals', async () => {
    const { owner, a, b } = await fixture();
    const totals = (await report(owner, 'day')).totals;
    const week = await report(owner, 'week');
    expect(week.groups.map((g) => [g.key, g.label])).to.deep.equal([['2026-01-05', 'Week of 2026-01-05']]);
    expect((await report(owner, 'month')).groups.map((g) => [g.key, g.label])).to.deep.equal([['2026-01', 'January 2026']]);
    const byCategory = await report(owner, 'category');
    expect(byCategory.groups).to.deep.equal([
      { key: 'video_game', label: 'video_game', ...figures(1, 1, '47.10', '2.90', '4.71', '0.00', '20.00', '27.10', '0.5754', '47.10') },
      { key: 'trading_card', label: 'trading_card', ...figures(2, 2, '18.40', '2.10', '1.84', '9.50', '8.00', '10.40', '0.5652', '9.20') },
    ]);
    const byItem = await report(owner, 'item');
    expect(byItem.groups.map((g) => [g.key, g.label, g.revenue])).to.deep.equal([[b.id, `${b.sku} ${b.name}`, '47.10'], [a.id, `${a.sku} ${a.name}`, '18.40']]);
    const byStore = await report(owner, 'store');
    expect(byStore.groups).to.deep.equal([{ key: a.storeId, label: (await owner.caller.stores.list())[0]!.name, ...totals }]);
    const byStaff = await report(owner, 'staff');
    expect(byStaff.groups).to.deep.equal([{ key: owner.user.id, label: owner.email, ...totals }]);
    // S1 is split 50.00 / 21.50 of 71.50 between card and cash; S2 is all card.
    const byPayment = await report(owner, 'paymentMethod');
    expect(byPayment.groups.map((g) => [g.key, g.saleCount, g.revenue])).to.deep.equal([['card', 2, '48.81'], ['cash', 1, '16.69']]);
    expect(byPayment.totals).to.deep.equal(totals);
  });

  it('counts only the period [from, to), only the caller’s stores, and answers zeros for nothing', async () => {
    const { owner } = await fixture();
    const oneDay = await owner.caller.reports.sales({ from: '2026-01-10T05:00:00Z', to: '2026-01-11T05:00:00Z', groupBy: 'day' });
    expect(oneDay.totals).to.include({ saleCount: 1, revenue: '10.00' });
    const booth = await owner.caller.stores.create({ name: 'Booth' });
    const boothViewer = await joinVendor(owner, 'viewer', [{ storeId: booth.id, role: 'view_only' }]);
    const stranger = await signUp();
    const zeros = figures(0, 0, '0.00', '0.00', '0.00', '0.00', '0.00', '0.00', '0.0000', '0.00');
    for (const empty of [await report(boothViewer, 'day'), await report(owner, 'day', { storeId: booth.id }), await report(stranger, 'item'), await report(stranger, 'day', { storeId: booth.id })]) {
      expect(empty.totals).to.deep.equal(zeros);
      expect(empty.groups).to.deep.equal([]);
    }
    const error = await expectTRPCError(owner.caller.reports.sales({ from: period.to, to: period.from, groupBy: 'day' }), 'BAD_REQUEST');
    expect(issuePaths(error)).to.deep.equal(['to']);
  });
});

describe('reports.topSellers', () => {
  it('ranks the period’s items by net units or by revenue, in the caller’s stores', async () => {
    const { owner, a, b } = await fixture();
    const byUnits = await owner.caller.reports.topSellers({ ...period, by: 'units' });
    expect(byUnits).to.deep.equal([
      { itemId: a.id, sku: a.sku, name: a.name, units: 2, revenue: '18.40' },
      { itemId: b.id, sku: b.sku, name: b.name, units: 1, revenue: '47.10' },
    ]);
    expect((await owner.caller.reports.topSellers({ ...period, by: 'revenue', limit: 1 })).map((r) => r.itemId)).to.deep.equal([b.id]);
    const staff = await joinVendor(owner, 'staff');
    expect(await staff.caller.reports.topSellers(period)).to.deep.equal([]);
    const stranger = await signUp();
    expect(await stranger.caller.reports.topSellers({ ...period, storeId: a.storeId })).to.deep.equal([]);
  });
});
