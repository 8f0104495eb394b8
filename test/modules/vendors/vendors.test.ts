import { expect } from 'chai';
import { Vendor, VendorMember } from '../../../src/modules/vendors/entities.js';
import { app } from '../../support/app.js';
import { updateVendor } from '../../../src/modules/vendors/services/vendor-settings.js';
import { callerAs, expectTRPCError, issuePaths, rejectionOf, signUp } from '../../support/fixtures.js';
import { joinVendor, memberWriteContext } from '../../support/members.js';

describe('vendors', () => {
  it('current answers the primary vendor with its settings', async () => {
    const owner = await signUp({ vendorName: 'Kanto Collectibles' });
    const current = await owner.caller.vendors.current();
    expect(current).to.deep.equal({
      id: owner.vendor.id,
      name: 'Kanto Collectibles',
      slug: 'kanto-collectibles',
      description: null,
      logoUrl: null,
      currency: 'USD',
      lowStockThreshold: 5,
      timeZone: 'UTC',
      taxRate: '0',
    });
  });

  it('update sets the time zone (IANA, in its canonical spelling) and the tax rate (percent, up to 3 decimals)', async () => {
    const owner = await signUp();
    const updated = await owner.caller.vendors.update({ timeZone: 'america/new_york', taxRate: '8.875' });
    expect(updated).to.include({ timeZone: 'America/New_York', taxRate: '8.875' });
    expect(await owner.caller.vendors.update({ taxRate: '08.50' })).to.include({ taxRate: '8.5' });
    expect(await owner.caller.vendors.update({ taxRate: '100', timeZone: 'UTC' })).to.include({ taxRate: '100', timeZone: 'UTC' });
    const stored = await app().orm.em.fork().findOneOrFail(Vendor, { id: owner.vendor.id });
    expect([stored.taxRate, stored.timeZone]).to.deep.equal(['100.000', 'UTC']);
    for (const [field, value] of [['timeZone', 'Mars/Olympus_Mons'], ['timeZone', '+01:00'], ['timeZone', ''], ['taxRate', '100.001'], ['taxRate', '-1'], ['taxRate', '8.8751'], ['taxRate', '1e2']]) {
      const error = await expectTRPCError(owner.caller.vendors.update({ [field!]: value }), 'BAD_REQUEST');
      expect(issuePaths(error), `${field} ${value}`).to.deep.equal([field]);
    }
    expect(await owner.caller.vendors.current()).to.include({ taxRate: '100', timeZone: 'UTC' });
    // A zone the runtime knows but PostgreSQL's time zone data does not is refused by the service.
    const [member] = await app().orm.em.fork().execute<{ id: string }[]>('select id from vendor_members where user_id = ?', [owner.user.id]);
    const refused = await rejectionOf(updateVendor(await memberWriteContext(member!.id), { timeZone: 'Not/A_Zone' }));
    expect(refused).to.include({ code: 'BAD_REQUEST' });
  });

  it('update changes the settings for owners and admins only', async () => {
    const owner = await signUp();
    const updated = await owner.caller.vendors.update({ name: 'Renamed', currency: 'eur', lowStockThreshold: 2, description: 'Cards' });
    expect(updated).to.include({ name: 'Renamed', currency: 'EUR', lowStockThreshold: 2, description: 'Cards' });
    const stored = await app().orm.em.fork().findOneOrFail(Vendor, { id: owner.vendor.id });
    expect(stored.currency).to.equal('EUR');

    const admin = await joinVendor(owner, 'admin');
    expect((await admin.caller.vendors.update({ lowStockThreshold: 7 })).lowStockThreshold).to.equal(7);
    const staff = await joinVendor(owner, 'staff');
    await expectTRPCError(staff.caller.vendors.update({ name: 'Mine now' }), 'FORBIDDEN');
    expect((await staff.caller.vendors.current()).name).to.equal('Renamed');
  });

  it('update rejects bad fields by path', async () => {
    const owner = await signUp();
    const error = await expectTRPCError(
      owner.caller.vendors.update({ currency: 'XXQ', lowStockThreshold: -1, name: '' }),
      'BAD_REQUEST',
    );
    expect(issuePaths(error)).to.have.members(['currency', 'lowStockThreshold', 'name']);
    await expectTRPCError(owner.caller.vendors.update({ id: owner.vendor.id } as never), 'BAD_REQUEST');
  });

  it('needs a token', async () => {
    await expectTRPCError(callerAs().vendors.current(), 'UNAUTHORIZED');
    await expectTRPCError(callerAs().vendors.list(), 'UNAUTHORIZED');
  });

  it('create makes the caller owner of a new primary vendor; list shows both; switch moves back', async () => {
    const owner = await signUp({ vendorName: 'First Shop' });
    const second = await owner.caller.vendors.create({ name: 'Second Shop', description: 'Con booth' });
    expect(second).to.include({ name: 'Second Shop', slug: 'second-shop', description: 'Con booth' });
    expect((await owner.caller.vendors.current()).id).to.equal(second.id);

    const list = await owner.caller.vendors.list();
    expect(list.map((v) => [v.name, v.role, v.isPrimary])).to.deep.equal([
      ['First Shop', 'owner', false],
      ['Second Shop', 'owner', true],
    ]);
    const stores = await owner.caller.stores.list();
    expect(stores.map((s) => s.name)).to.deep.equal(['Main store']);

    const switched = await owner.caller.vendors.switch({ vendorId: owner.vendor.id });
    expect(switched.id).to.equal(owner.vendor.id);
    expect((await owner.caller.vendors.current()).id).to.equal(owner.vendor.id);
    const primaries = await app().orm.em.fork().count(VendorMember, { user: owner.user.id, isPrimary: true });
    expect(primaries).to.equal(1);
  });

  it('switch answers NOT_FOUND for a vendor the caller does not belong to, or an unknown id', async () => {
    const a = await signUp();
    const b = await signUp();
    await expectTRPCError(a.caller.vendors.switch({ vendorId: b.vendor.id }), 'NOT_FOUND');
    await expectTRPCError(a.caller.vendors.switch({ vendorId: '0190f5c2-0000-7000-8000-000000000000' }), 'NOT_FOUND');
    const error = await expectTRPCError(a.caller.vendors.switch({ vendorId: 'nope' }), 'BAD_REQUEST');
    expect(issuePaths(error)).to.deep.equal(['vendorId']);
    expect((await a.caller.vendors.current()).id).to.equal(a.vendor.id);
  });

  it('a user without an active primary membership is FORBIDDEN on vendor procedures', async () => {
    const owner = await signUp();
    await app().orm.em.fork().nativeUpdate(VendorMember, { user: owner.user.id }, { isPrimary: false });
    const error = await expectTRPCError(owner.caller.vendors.current(), 'FORBIDDEN');
    expect(error.message).to.match(/not an active member/);
    expect(await owner.caller.vendors.list()).to.have.length(1);
  });

  it('create validates its input', async () => {
    const owner = await signUp();
    const error = await expectTRPCError(owner.caller.vendors.create({ name: '   ' }), 'BAD_REQUEST');
    expect(issuePaths(error)).to.deep.equal(['name']);
  });
});
