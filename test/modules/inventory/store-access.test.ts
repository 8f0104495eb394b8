import { expect } from 'chai';
import { expectTRPCError, signUp } from '../../support/fixtures.js';
import { createItem } from '../../support/items.js';
import { defaultStoreId, joinVendor } from '../../support/members.js';

/** An owner with items in the main store and a popup; staff and viewers granted only some stores. */
async function shopWithStores() {
  const owner = await signUp();
  const mainId = await defaultStoreId(owner.vendor.id);
  const popup = await owner.caller.stores.create({ name: 'Popup' });
  const mainItem = await createItem(owner, { quantity: 5, price: '10.00' });
  const popupItem = await createItem(owner, { quantity: 2, price: '20.00', storeId: popup.id });
  return { owner, mainId, popupId: popup.id, mainItem, popupItem };
}

describe('items and store access', () => {
  it('shows staff only the items of granted stores; other stores look missing', async () => {
    const { owner, mainId, popupId, mainItem, popupItem } = await shopWithStores();
    const staff = await joinVendor(owner, 'staff', [{ storeId: popupId, role: 'manager' }]);
    const page = await staff.caller.items.list();
    expect(page.items.map((i) => i.id)).to.deep.equal([popupItem.id]);
    expect(page.total).to.equal(1);
    expect((await staff.caller.items.list({ storeId: mainId })).total).to.equal(0);
    await expectTRPCError(staff.caller.items.get({ id: mainItem.id }), 'NOT_FOUND');
    await expectTRPCError(staff.caller.items.adjustStock({ id: mainItem.id, delta: 1, reason: 'intake' }), 'NOT_FOUND');
    await expectTRPCError(staff.caller.items.update({ id: popupItem.id, storeId: mainId }), 'NOT_FOUND');
    await expectTRPCError(createItem(staff, { storeId: mainId }), 'NOT_FOUND');

    const created = await createItem(staff, { storeId: popupId, quantity: 1 });
    expect(created.createdBy).to.equal(staff.user.id);
    expect((await staff.caller.items.adjustStock({ id: popupItem.id, delta: -1, reason: 'sale' })).item.quantity).to.equal(1);
    const overview = await staff.caller.inventory.overview();
    expect(overview.byStore.map((s) => s.storeId)).to.deep.equal([popupId]);
    expect(overview.totalSkus).to.equal(2);
  });

  it('lets a view_only grant read but never write (FORBIDDEN)', async () => {
    const { owner, popupId, popupItem } = await shopWithStores();
    const staff = await joinVendor(owner, 'staff', [{ storeId: popupId, role: 'view_only' }]);
    expect((await staff.caller.items.get({ id: popupItem.id })).id).to.equal(popupItem.id);
    await expectTRPCError(staff.caller.items.update({ id: popupItem.id, name: 'No' }), 'FORBIDDEN');
    await expectTRPCError(staff.caller.items.adjustStock({ id: popupItem.id, delta: 1, reason: 'intake' }), 'FORBIDDEN');
    await expectTRPCError(staff.caller.items.archive({ id: popupItem.id }), 'FORBIDDEN');
    await expectTRPCError(createItem(staff, { storeId: popupId }), 'FORBIDDEN');
  });

  it('lets a sales grant read but not change stock or items (FORBIDDEN): that takes a manager grant', async () => {
    const { owner, popupId, popupItem } = await shopWithStores();
    const staff = await joinVendor(owner, 'staff', [{ storeId: popupId, role: 'sales' }]);
    expect((await staff.caller.items.get({ id: popupItem.id })).id).to.equal(popupItem.id);
    await expectTRPCError(staff.caller.items.adjustStock({ id: popupItem.id, delta: 1, reason: 'intake' }), 'FORBIDDEN');
    await expectTRPCError(staff.caller.items.update({ id: popupItem.id, name: 'No' }), 'FORBIDDEN');
    await expectTRPCError(staff.caller.items.archive({ id: popupItem.id }), 'FORBIDDEN');
    await expectTRPCError(createItem(staff, { storeId: popupId }), 'FORBIDDEN');
    expect((await owner.caller.items.get({ id: popupItem.id })).version).to.equal(popupItem.version);
  });

  it('lets viewers read granted stores and refuses every write by role', async () => {
    const { owner, popupId, popupItem, mainItem } = await shopWithStores();
    const viewer = await joinVendor(owner, 'viewer', [{ storeId: popupId, role: 'manager' }]);
    expect((await viewer.caller.items.list()).items.map((i) => i.id)).to.deep.equal([popupItem.id]);
    expect((await viewer.caller.items.movements({ id: popupItem.id })).total).to.equal(1);
    expect(await viewer.caller.items.priceHistory({ id: popupItem.id })).to.have.length(1);
    await expectTRPCError(viewer.caller.items.get({ id: mainItem.id }), 'NOT_FOUND');
    await expectTRPCError(createItem(viewer, { storeId: popupId }), 'FORBIDDEN');
    await expectTRPCError(viewer.caller.items.update({ id: popupItem.id, name: 'No' }), 'FORBIDDEN');
    await expectTRPCError(viewer.caller.items.adjustStock({ id: popupItem.id, delta: 1, reason: 'intake' }), 'FORBIDDEN');
    await expectTRPCError(viewer.caller.items.restore({ id: popupItem.id }), 'FORBIDDEN');
    await expectTRPCError(viewer.caller.items.delete({ id: popupItem.id }), 'FORBIDDEN');
  });

  it('gives admins every store without grants', async () => {
    const { owner, mainItem, popupItem } = await shopWithStores();
    const admin = await joinVendor(owner, 'admin');
    expect((await admin.caller.items.list()).total).to.equal(2);
    await admin.caller.items.delete({ id: mainItem.id });
    expect((await admin.caller.items.get({ id: popupItem.id })).id).to.equal(popupItem.id);
  });
});
