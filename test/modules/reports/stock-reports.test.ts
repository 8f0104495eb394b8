import { expect } from 'chai';
import { app } from '../../support/app.js';
import { signUp } from '../../support/fixtures.js';
import { createItem } from '../../support/items.js';
import { joinVendor } from '../../support/members.js';
import { sell } from '../../support/sales.js';

const fork = () => app().orm.em.fork();
/** A moment strictly after every write so far (timestamps are milliseconds). */
const nextMillisecond = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('reports.inventoryValue', () => {
  it('values the stock now by store and category, and as of a past instant exactly as it was then', async () => {
    const owner = await signUp();
    const booth = await owner.caller.stores.create({ name: 'Booth' });
    const card = await createItem(owner, { quantity: 4, intakePrice: '2.50', price: '6.00', projectedPrice: '7.00', category: 'trading_card' });
    const game = await createItem(owner, { quantity: 2, intakePrice: '15.00', price: '30.00', category: 'video_game', storeId: booth.id });
    await owner.caller.items.update({ id: card.id, price: '6.50' });
    const now = await owner.caller.reports.inventoryValue();
    // card 4 × (2.50, 6.50, 7.00); game 2 × (15.00, 30.00, 0.00)
    expect(now.totals).to.deep.equal({ units: 6, valueAtCost: '40.00', valueAtMarket: '86.00', valueAtProjected: '28.00' });
    expect(now.byStore.map((s) => [s.storeId, s.units, s.valueAtCost])).to.have.deep.members([[card.storeId, 4, '10.00'], [booth.id, 2, '30.00']]);
    expect(now.byCategory.map((c) => [c.category, c.units, c.valueAtMarket])).to.deep.equal([['trading_card', 4, '26.00'], ['video_game', 2, '60.00']]);
    await nextMillisecond();

    // Afterwards: sales, a return, a void, price changes, an adjustment, a new item, an archive.
    const sale = await sell(owner, [[card.id, 3]]);
    await owner.caller.sales.return({ id: sale.id, lines: [{ lineId: sale.lines[0]!.id, quantity: 1 }] });
    const voided = await sell(owner, [[game.id, 1]], { storeId: booth.id });
    await owner.caller.sales.void({ id: voided.id, reason: 'test' });
    await owner.caller.items.update({ id: card.id, intakePrice: '3.00', price: '9.00', projectedPrice: '9.50' });
    await owner.caller.items.update({ id: game.id, price: '35.00' });
    await owner.caller.items.adjustStock({ id: game.id, delta: 5, reason: 'intake' });
    await createItem(owner, { quantity: 9, intakePrice: '1.00', price: '2.00' });
    await owner.caller.items.archive({ id: card.id });

    expect(await owner.caller.reports.inventoryValue({ asOf: now.asOf })).to.deep.equal(now);
    const later = await owner.caller.reports.inventoryValue();
    await nextMillisecond();
    expect(await owner.caller.reports.inventoryValue({ asOf: later.asOf })).to.deep.equal(later);
    // card 2 × 3.00 (archived stock still counts), game 7 × 15.00, new item 9 × 1.00
    expect(later.totals).to.include({ units: 18, valueAtCost: '120.00' });
    // Before anything existed: nothing.
    const before = await owner.caller.reports.inventoryValue({ asOf: '2000-01-01T00:00:00Z' });
    expect(before.totals).to.deep.equal({ units: 0, valueAtCost: '0.00', valueAtMarket: '0.00', valueAtProjected: '0.00' });
    expect(before.byStore).to.deep.equal([]);
  });

  it('covers only the stores a member reads, and only their vendor', async () => {
    const owner = await signUp();
    const booth = await owner.caller.stores.create({ name: 'Booth' });
    await createItem(owner, { quantity: 1, intakePrice: '1.00' });
    await createItem(owner, { quantity: 2, intakePrice: '5.00', storeId: booth.id });
    const viewer = await joinVendor(owner, 'viewer', [{ storeId: booth.id, role: 'view_only' }]);
    expect((await viewer.caller.reports.inventoryValue()).totals).to.include({ units: 2, valueAtCost: '10.00' });
    expect((await viewer.caller.reports.inventoryValue({ asOf: new Date().toISOString() })).byStore.map((s) => s.storeId)).to.deep.equal([booth.id]);
    const stranger = await signUp();
    expect((await stranger.caller.reports.inventoryValue()).totals.units).to.equal(0);
    expect((await stranger.caller.reports.inventoryValue({ storeId: booth.id })).totals.units).to.equal(0);
  });
});

describe('reports.slowMovers', () => {
  it('lists items in stock idle for more than N days, longest first, with the value they tie up', async () => {
    const owner = await signUp();
    const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000);
    const make = async (quantity: number, createdDaysAgo: number) => {
      const item = await createItem(owner, { quantity, intakePrice: '2.00', price: '5.00' });
      await fork().execute('update items set created_at = ? where id = ?', [daysAgo(createdDaysAgo), item.id]);
      return item;
    };
    const soldLongAgo = await make(3, 90);
    const neverSold = await make(2, 60);
    const soldRecently = await make(3, 90);
    const soldOut = await make(1, 90);
    await make(4, 1); // new: not idle yet
    for (const [item, days] of [[soldLongAgo, 40], [soldRecently, 5], [soldOut, 50]] as const) {
      const sale = await sell(owner, [[item.id, 1]]);
      await fork().execute('update sales set created_at = ? where id = ?', [daysAgo(days), sale.id]);
    }
    const voided = await sell(owner, [[neverSold.id, 1]]);
    await owner.caller.sales.void({ id: voided.id, reason: 'does not count' });

    const page = await owner.caller.reports.slowMovers({ days: 30 });
    expect(page.total).to.equal(2);
    expect(page.items.map((i) => [i.itemId, i.quantity, i.daysSinceLastSale, i.valueAtCost])).to.deep.equal([
      [neverSold.id, 2, null, '4.00'],
      [soldLongAgo.id, 2, 40, '4.00'],
    ]);
    expect(page.items[0]!.lastSoldAt).to.equal(null);
    expect(page.items[1]!.lastSoldAt).to.be.a('string');
    const first = await owner.caller.reports.slowMovers({ days: 30, limit: 1 });
    const second = await owner.caller.reports.slowMovers({ days: 30, limit: 1, cursor: first.nextCursor! });
    expect([...first.items, ...second.items]).to.deep.equal(page.items);
    expect(second).to.include({ total: 2, nextCursor: null });
    // Sold between two pages: the next page is empty, the total says what is left.
    await sell(owner, [[soldLongAgo.id, 1]]);
    expect(await owner.caller.reports.slowMovers({ days: 30, limit: 1, cursor: first.nextCursor! })).to.deep.equal({ items: [], total: 1, nextCursor: null });
    const staff = await joinVendor(owner, 'staff');
    const stranger = await signUp();
    for (const outsider of [staff, stranger]) {
      expect(await outsider.caller.reports.slowMovers({ days: 30, storeId: neverSold.storeId })).to.deep.equal({ items: [], total: 0, nextCursor: null });
    }
  });
});
