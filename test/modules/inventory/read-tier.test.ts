import { expect } from 'chai';
import { User } from '../../../src/modules/identity/entities.js';
import { Vendor } from '../../../src/modules/vendors/entities.js';
import { app } from '../../support/app.js';
import { callerAs, expectTRPCError, joinAs, signUp } from '../../support/fixtures.js';
import { createItem, IMAGE } from '../../support/items.js';
import { countStatements } from '../../support/statements.js';

/**
 * items.list and items.get check the caller in the statement that reads the answer
 * (vendorReadProcedure): every refusal of the vendor tier must still hold on the very next request.
 */
describe('items.list and items.get: the caller checked in the read itself', () => {
  it('answer in one statement each, card details and gallery included', async () => {
    const shop = await signUp();
    const item = await createItem(shop, { cardDetails: { game: 'Pokemon', grade: 9.5, releaseDate: '1999-01-09' }, images: [{ url: IMAGE('a') }, { url: IMAGE('b') }] });
    const list = await countStatements(() => callerAs(shop.accessToken).items.list({ game: 'Pokemon' }));
    const get = await countStatements(() => callerAs(shop.accessToken).items.get({ id: item.id }));
    expect(list.statements, list.statements.join('\n')).to.have.length(1);
    expect(get.statements, get.statements.join('\n')).to.have.length(1);
    // The JSON PostgreSQL builds is the DTO items.create answers with.
    expect(get.result).to.deep.equal(item);
    expect(list.result.items).to.deep.equal([item]);
  });

  it('refuses a removed member at once (FORBIDDEN), and lands one with another vendor there', async () => {
    const owner = await signUp();
    const item = await createItem(owner);
    const staff = await joinAs(owner, 'staff');
    await owner.caller.stores.grantAccess({ storeId: item.storeId, memberId: staff.memberId, role: 'view_only' });
    expect((await staff.caller.items.list()).items.map((i) => i.id)).to.deep.equal([item.id]);
    expect((await staff.caller.items.get({ id: item.id })).id).to.equal(item.id);

    await owner.caller.members.remove({ memberId: staff.memberId });
    await expectTRPCError(staff.caller.items.list(), 'FORBIDDEN');
    await expectTRPCError(staff.caller.items.get({ id: item.id }), 'FORBIDDEN');
    // Refused before the input counts, as on every vendor procedure: not BAD_REQUEST.
    await expectTRPCError(staff.caller.items.list({ cursor: 'not-a-cursor' }), 'FORBIDDEN');
    await expectTRPCError(staff.caller.items.get({ id: 'not-an-id' }), 'FORBIDDEN');

    // A member of two vendors, removed from the one they work in, reads their own shop next.
    const other = await signUp();
    const own = await createItem(other);
    const { token } = await owner.caller.invitations.create({ email: other.email, role: 'viewer' });
    await other.caller.invitations.accept({ token });
    await other.caller.vendors.switch({ vendorId: owner.vendor.id });
    expect((await other.caller.items.list()).items.map((i) => i.id)).to.deep.equal([]);
    const memberId = (await owner.caller.members.list()).find((m) => m.email === other.email)!.id;
    await owner.caller.members.remove({ memberId });
    expect((await other.caller.items.list()).items.map((i) => i.id)).to.deep.equal([own.id]);
    await expectTRPCError(other.caller.items.get({ id: item.id }), 'NOT_FOUND');
  });

  it('refuses a disabled account (UNAUTHORIZED) and a deactivated vendor (FORBIDDEN) at once', async () => {
    const shop = await signUp();
    const item = await createItem(shop);
    const em = app().orm.em.fork();
    await em.nativeUpdate(Vendor, { id: shop.vendor.id }, { isActive: false });
    await expectTRPCError(shop.caller.items.list(), 'FORBIDDEN');
    await expectTRPCError(shop.caller.items.get({ id: item.id }), 'FORBIDDEN');
    await em.nativeUpdate(User, { id: shop.user.id }, { isActive: false });
    await expectTRPCError(shop.caller.items.list(), 'UNAUTHORIZED');
    await expectTRPCError(shop.caller.items.get({ id: item.id }), 'UNAUTHORIZED');
  });

  it('applies a revoked store grant and an archived store on the next request', async () => {
    const owner = await signUp();
    const popup = await owner.caller.stores.create({ name: 'Popup' });
    const item = await createItem(owner, { storeId: popup.id, category: 'comic' });
    const viewer = await joinAs(owner, 'viewer');
    const grant = { storeId: popup.id, memberId: viewer.memberId };
    await owner.caller.stores.grantAccess({ ...grant, role: 'view_only' });
    const seen = await viewer.caller.items.list({ category: 'comic' });
    expect([seen.items.map((i) => i.id), seen.total]).to.deep.equal([[item.id], 1]);

    await owner.caller.stores.revokeAccess(grant);
    const after = await viewer.caller.items.list({ category: 'comic' });
    expect([after.items, after.total]).to.deep.equal([[], 0]);
    await expectTRPCError(viewer.caller.items.get({ id: item.id }), 'NOT_FOUND');

    await owner.caller.stores.grantAccess({ ...grant, role: 'view_only' });
    expect((await viewer.caller.items.get({ id: item.id })).id).to.equal(item.id);
    await owner.caller.stores.archive({ storeId: popup.id });
    await expectTRPCError(viewer.caller.items.get({ id: item.id }), 'NOT_FOUND');
    expect((await viewer.caller.items.list()).total).to.equal(0);
    // The owner still sees every store's items, the archived store's too.
    expect((await owner.caller.items.get({ id: item.id })).id).to.equal(item.id);
  });
});
