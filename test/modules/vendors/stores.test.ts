import { expect } from 'chai';
import { Store } from '../../../src/modules/vendors/entities.js';
import { app } from '../../support/app.js';
import { callerAs, expectTRPCError, issuePaths, signUp } from '../../support/fixtures.js';
import { joinVendor } from '../../support/members.js';

describe('stores', () => {
  it('create, update and list stores; archived ones only on request', async () => {
    const owner = await signUp();
    const popup = await owner.caller.stores.create({ name: 'Comic-Con Booth', type: 'popup', address: 'Hall B, 42' });
    expect(popup).to.include({ name: 'Comic-Con Booth', slug: 'comic-con-booth', type: 'popup', address: 'Hall B, 42', isDefault: false, isActive: true });

    const renamed = await owner.caller.stores.update({ storeId: popup.id, name: 'Con Booth', address: null });
    expect(renamed).to.include({ name: 'Con Booth', address: null, slug: 'comic-con-booth' });

    const archived = await owner.caller.stores.archive({ storeId: popup.id });
    expect(archived.isActive).to.equal(false);
    expect((await owner.caller.stores.list()).map((s) => s.name)).to.deep.equal(['Main store']);
    expect((await owner.caller.stores.list({ includeArchived: true })).map((s) => s.name)).to.deep.equal(['Main store', 'Con Booth']);
  });

  it('gives a repeated name its own slug', async () => {
    const owner = await signUp();
    await owner.caller.stores.create({ name: 'Warehouse', type: 'warehouse' });
    const again = await owner.caller.stores.create({ name: 'Warehouse' });
    expect(again.slug).to.match(/^warehouse-[0-9a-f]{6}$/);
  });

  it('never archives the default store', async () => {
    const owner = await signUp();
    const [main] = await owner.caller.stores.list();
    await expectTRPCError(owner.caller.stores.archive({ storeId: main!.id }), 'CONFLICT');
    const stored = await app().orm.em.fork().findOneOrFail(Store, { id: main!.id });
    expect(stored.isActive).to.equal(true);
  });

  it('answers NOT_FOUND for another vendor\'s store on update and archive', async () => {
    const a = await signUp();
    const b = await signUp();
    const theirs = await b.caller.stores.create({ name: 'Theirs' });
    await expectTRPCError(a.caller.stores.update({ storeId: theirs.id, name: 'Mine' }), 'NOT_FOUND');
    await expectTRPCError(a.caller.stores.archive({ storeId: theirs.id }), 'NOT_FOUND');
    const stored = await app().orm.em.fork().findOneOrFail(Store, { id: theirs.id });
    expect(stored).to.include({ name: 'Theirs', isActive: true });
  });

  it('lets only owners and admins change stores', async () => {
    const owner = await signUp();
    const staff = await joinVendor(owner, 'staff');
    const viewer = await joinVendor(owner, 'viewer');
    await expectTRPCError(staff.caller.stores.create({ name: 'Nope' }), 'FORBIDDEN');
    await expectTRPCError(viewer.caller.stores.create({ name: 'Nope' }), 'FORBIDDEN');
    const admin = await joinVendor(owner, 'admin');
    expect((await admin.caller.stores.create({ name: 'Yes' })).name).to.equal('Yes');
    await expectTRPCError(callerAs().stores.list(), 'UNAUTHORIZED');
  });

  it('rejects bad input with field paths', async () => {
    const owner = await signUp();
    const error = await expectTRPCError(owner.caller.stores.create({ name: '', type: 'castle' as never }), 'BAD_REQUEST');
    expect(issuePaths(error)).to.have.members(['name', 'type']);
    const id = await expectTRPCError(owner.caller.stores.archive({ storeId: 'x' }), 'BAD_REQUEST');
    expect(issuePaths(id)).to.deep.equal(['storeId']);
  });
});
