import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { tableFingerprints } from '../../support/fingerprint.js';
import { expectTRPCError, signUp } from '../../support/fixtures.js';
import { createItem } from '../../support/items.js';
import { joinVendor } from '../../support/members.js';
import { sell, shopWithItems } from '../../support/sales.js';

/** A vendor with a main store and a booth, an item in each, and a sale in each. */
async function twoStores() {
  const owner = await signUp();
  const [mainItem] = await shopWithItems(owner, [20]);
  const booth = await owner.caller.stores.create({ name: 'Booth', type: 'popup' });
  const boothItem = await createItem(owner, { quantity: 20, price: '10.00', storeId: booth.id });
  const mainSale = await sell(owner, [[mainItem!.id, 1]]);
  const boothSale = await sell(owner, [[boothItem.id, 1]], { storeId: booth.id });
  return { owner, mainId: mainItem!.storeId, boothId: booth.id, mainItem: mainItem!, boothItem, mainSale, boothSale };
}

describe('sales and store access', () => {
  it('a sales grant sells and takes returns in its store; the other store looks missing', async () => {
    const { owner, boothId, mainItem, boothItem, mainSale, boothSale } = await twoStores();
    const seller = await joinVendor(owner, 'staff', [{ storeId: boothId, role: 'sales' }]);
    const sale = await sell(seller, [[boothItem.id, 2]], { storeId: boothId });
    expect(sale.createdBy).to.equal(seller.user.id);
    await seller.caller.sales.return({ id: sale.id, lines: [{ lineId: sale.lines[0]!.id, quantity: 1 }] });
    expect((await seller.caller.sales.list()).items.map((s) => s.id)).to.deep.equal([sale.id, boothSale.id]);
    await expectTRPCError(seller.caller.sales.get({ id: mainSale.id }), 'NOT_FOUND');
    await expectTRPCError(seller.caller.sales.return({ id: mainSale.id, lines: [{ lineId: mainSale.lines[0]!.id, quantity: 1 }] }), 'NOT_FOUND');
    // Selling from a store not granted: the store (default) and its item look missing.
    await expectTRPCError(seller.caller.sales.create({ lines: [{ itemId: mainItem.id, quantity: 1 }], payments: [{ method: 'cash', amount: '10.00' }] }), 'NOT_FOUND');
    await expectTRPCError(
      seller.caller.sales.create({ storeId: boothId, lines: [{ itemId: mainItem.id, quantity: 1 }], payments: [{ method: 'cash', amount: '10.00' }] }),
      'NOT_FOUND',
    );
  });

  it('view_only and viewers read sales of their stores but never sell or return (FORBIDDEN)', async () => {
    const { owner, boothId, boothItem, boothSale } = await twoStores();
    const readOnly = await joinVendor(owner, 'staff', [{ storeId: boothId, role: 'view_only' }]);
    const viewer = await joinVendor(owner, 'viewer', [{ storeId: boothId, role: 'manager' }]);
    const before = await tableFingerprints();
    for (const who of [readOnly, viewer]) {
      expect((await who.caller.sales.get({ id: boothSale.id })).id).to.equal(boothSale.id);
      expect((await who.caller.sales.list()).total).to.equal(1);
      await expectTRPCError(
        who.caller.sales.create({ storeId: boothId, lines: [{ itemId: boothItem.id, quantity: 1 }], payments: [{ method: 'cash', amount: '10.00' }] }),
        'FORBIDDEN',
      );
      await expectTRPCError(who.caller.sales.return({ id: boothSale.id, lines: [{ lineId: boothSale.lines[0]!.id, quantity: 1 }] }), 'FORBIDDEN');
      await expectTRPCError(who.caller.sales.void({ id: boothSale.id, reason: 'no' }), 'FORBIDDEN');
    }
    expect(await tableFingerprints()).to.deep.equal(before);
  });

  it("another vendor's sales, lines and items answer NOT_FOUND on every procedure, like missing ones", async () => {
    const { owner, mainSale, mainItem } = await twoStores();
    const stranger = await signUp();
    const [theirs] = await shopWithItems(stranger, [5]);
    const before = await tableFingerprints();
    for (const id of [mainSale.id, randomUUID()]) {
      await expectTRPCError(stranger.caller.sales.get({ id }), 'NOT_FOUND');
      await expectTRPCError(stranger.caller.sales.void({ id, reason: 'mine now' }), 'NOT_FOUND');
      await expectTRPCError(stranger.caller.sales.return({ id, lines: [{ lineId: mainSale.lines[0]!.id, quantity: 1 }] }), 'NOT_FOUND');
    }
    await expectTRPCError(stranger.caller.sales.create({ lines: [{ itemId: mainItem.id, quantity: 1 }], payments: [{ method: 'cash', amount: '10.00' }] }), 'NOT_FOUND');
    await expectTRPCError(
      stranger.caller.sales.create({ storeId: mainItem.storeId, lines: [{ itemId: theirs!.id, quantity: 1 }], payments: [{ method: 'cash', amount: '10.00' }] }),
      'NOT_FOUND',
    );
    expect(await stranger.caller.sales.list()).to.deep.equal({ items: [], total: 0, nextCursor: null });
    expect((await stranger.caller.sales.list({ itemId: mainItem.id })).total).to.equal(0);
    expect(await tableFingerprints()).to.deep.equal(before);
    expect((await owner.caller.sales.list()).total).to.equal(2);
  });
});

describe('sales.list', () => {
  it('filters by period, store, status, payment method, item, seller and search, newest first, in pages', async () => {
    const { owner, boothId, mainItem, boothItem, mainSale, boothSale } = await twoStores();
    const seller = await joinVendor(owner, 'staff', [{ storeId: boothId, role: 'sales' }]);
    const carded = await owner.caller.sales.create({
      lines: [{ itemId: mainItem.id, quantity: 2 }], payments: [{ method: 'card', amount: '15.00' }, { method: 'trade', amount: '5.00' }],
      customerName: 'Misty Waterflower', customerEmail: 'misty@cerulean.test',
    });
    const bySeller = await sell(seller, [[boothItem.id, 1]], { storeId: boothId });
    await owner.caller.sales.void({ id: mainSale.id, reason: 'test' });
    const ids = async (input: Parameters<typeof owner.caller.sales.list>[0]) => (await owner.caller.sales.list(input)).items.map((s) => s.id);
    expect(await ids({})).to.deep.equal([bySeller.id, carded.id, boothSale.id, mainSale.id]);
    expect(await ids({ storeId: boothId })).to.deep.equal([bySeller.id, boothSale.id]);
    expect(await ids({ status: 'voided' })).to.deep.equal([mainSale.id]);
    expect(await ids({ paymentMethod: 'trade' })).to.deep.equal([carded.id]);
    expect(await ids({ itemId: boothItem.id })).to.deep.equal([bySeller.id, boothSale.id]);
    expect(await ids({ createdBy: seller.user.id })).to.deep.equal([bySeller.id]);
    expect(await ids({ search: carded.number })).to.deep.equal([carded.id]);
    expect(await ids({ search: String(Number(carded.number.slice(2))) })).to.deep.equal([carded.id]);
    expect(await ids({ search: 'waterflower' })).to.deep.equal([carded.id]);
    expect(await ids({ search: 'CERULEAN' })).to.deep.equal([carded.id]);
    expect(await ids({ search: '%' })).to.deep.equal([]);
    expect(await ids({ from: new Date(carded.createdAt).toISOString(), to: new Date(bySeller.createdAt).toISOString() })).to.deep.equal([carded.id]);

    const first = await owner.caller.sales.list({ limit: 3 });
    expect(first.total).to.equal(4);
    const second = await owner.caller.sales.list({ limit: 3, cursor: first.nextCursor! });
    expect([...first.items, ...second.items].map((s) => s.id)).to.deep.equal(await ids({}));
    expect(second.nextCursor).to.equal(null);
    await expectTRPCError(owner.caller.sales.list({ cursor: 'not-a-cursor' }), 'BAD_REQUEST');
  });
});
