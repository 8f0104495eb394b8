import { expect } from 'chai';
import { StoreAccess, VendorMember } from '../../../src/modules/vendors/entities.js';
import { updateMemberRole } from '../../../src/modules/vendors/services/members.js';
import { app } from '../../support/app.js';
import { memberWriteContext, racedAgainstUncommitted } from '../../support/members.js';
import { callerAs, expectTRPCError, issuePaths, joinAs, signUp, type SignedUp } from '../../support/fixtures.js';

const ownerMemberId = async (owner: SignedUp) => (await owner.caller.members.list()).find((m) => m.role === 'owner')!.id;

describe('members', () => {
  describe('list', () => {
    it('lists the members of the caller’s vendor for an admin, never another vendor’s', async () => {
      const owner = await signUp();
      const admin = await joinAs(owner, 'admin');
      await signUp();
      const members = await admin.caller.members.list();
      expect(members.map((m) => [m.email, m.role, m.status, m.isPrimary])).to.deep.equal([
        [owner.email, 'owner', 'active', true],
        [admin.email, 'admin', 'active', true],
      ]);
      expect(members[0]).to.have.keys(['id', 'userId', 'email', 'role', 'status', 'isPrimary', 'storeAccess']);
    });

    it('refuses staff and anonymous callers', async () => {
      const owner = await signUp();
      const staff = await joinAs(owner, 'staff');
      await expectTRPCError(staff.caller.members.list(), 'FORBIDDEN');
      await expectTRPCError(callerAs().members.list(), 'UNAUTHORIZED');
    });
  });

  describe('updateRole', () => {
    it('lets an admin change a staff member up to admin and answers the member', async () => {
      const owner = await signUp();
      const admin = await joinAs(owner, 'admin');
      const staff = await joinAs(owner, 'staff');
      const updated = await admin.caller.members.updateRole({ memberId: staff.memberId, role: 'admin' });
      expect(updated).to.include({ id: staff.memberId, email: staff.email, role: 'admin', status: 'active' });
      expect(await staff.caller.members.list()).to.have.length(3);
    });

    it('only an owner grants the owner role; nobody raises anyone above their own role', async () => {
      const owner = await signUp();
      const admin = await joinAs(owner, 'admin');
      const staff = await joinAs(owner, 'staff');
      await expectTRPCError(admin.caller.members.updateRole({ memberId: staff.memberId, role: 'owner' }), 'FORBIDDEN');
      await expectTRPCError(admin.caller.members.updateRole({ memberId: admin.memberId, role: 'owner' }), 'FORBIDDEN');
      expect(await owner.caller.members.updateRole({ memberId: staff.memberId, role: 'owner' })).to.include({ role: 'owner' });
    });

    it('an admin cannot change an owner', async () => {
      const owner = await signUp();
      const admin = await joinAs(owner, 'admin');
      await expectTRPCError(admin.caller.members.updateRole({ memberId: await ownerMemberId(owner), role: 'viewer' }), 'FORBIDDEN');
    });

    it('keeps at least one active owner: the last owner cannot step down, one of two can', async () => {
      const owner = await signUp();
      const ownerId = await ownerMemberId(owner);
      const shape = await expectTRPCError(owner.caller.members.updateRole({ memberId: ownerId, role: 'admin' }), 'CONFLICT');
      expect(shape.message).to.match(/at least one active owner/);
      const second = await joinAs(owner, 'owner');
      expect(await owner.caller.members.updateRole({ memberId: ownerId, role: 'admin' })).to.include({ role: 'admin' });
      await expectTRPCError(second.caller.members.updateRole({ memberId: second.memberId, role: 'admin' }), 'CONFLICT');
    });

    it('two owners demoting each other at once: the second waits for the first, then is judged by its new role', async () => {
      const owner = await signUp();
      const second = await joinAs(owner, 'owner');
      const firstId = await ownerMemberId(owner);
      const a = await memberWriteContext(firstId);
      const b = await memberWriteContext(second.memberId);
      // A's change stays uncommitted while B's starts: B must wait on the vendor lock, not race.
      const racing = await racedAgainstUncommitted(a, () => updateMemberRole(a, second.memberId, 'admin'), () => updateMemberRole(b, firstId, 'admin'));
      // B is an admin by now, and an admin never changes an owner.
      expect(racing).to.equal('FORBIDDEN');
      expect(await app().orm.em.fork().count(VendorMember, { vendor: owner.vendor.id, role: 'owner', status: 'active' })).to.equal(1);
    });

    it('an owner being demoted cannot grant owner meanwhile: the role is read again under the vendor lock', async () => {
      const owner = await signUp();
      const demoted = await joinAs(owner, 'owner');
      const candidate = await joinAs(owner, 'viewer');
      const a = await memberWriteContext(await ownerMemberId(owner));
      // The demoted owner's request was admitted as an owner, before the demotion commits.
      const b = await memberWriteContext(demoted.memberId);
      const promoting = await racedAgainstUncommitted(a, () => updateMemberRole(a, demoted.memberId, 'admin'), () => updateMemberRole(b, candidate.memberId, 'owner'));
      expect(promoting).to.equal('FORBIDDEN');
      const roles = await app().orm.em.fork().find(VendorMember, { id: [demoted.memberId, candidate.memberId] });
      expect(roles.map((m) => [m.id, m.role]).sort()).to.deep.equal([[demoted.memberId, 'admin'], [candidate.memberId, 'viewer']].sort());
    });

    it('answers NOT_FOUND for another vendor’s member and BAD_REQUEST for a bad role', async () => {
      const owner = await signUp();
      const other = await signUp();
      await expectTRPCError(owner.caller.members.updateRole({ memberId: await ownerMemberId(other), role: 'viewer' }), 'NOT_FOUND');
      const bad = await expectTRPCError(
        owner.caller.members.updateRole({ memberId: await ownerMemberId(owner), role: 'boss' as 'owner' }),
        'BAD_REQUEST',
      );
      expect(issuePaths(bad)).to.deep.equal(['role']);
    });
  });

  describe('remove', () => {
    it('revokes the membership and its store grants; the removed member’s next request is FORBIDDEN', async () => {
      const owner = await signUp();
      const staff = await joinAs(owner, 'staff');
      const [store] = await owner.caller.stores.list();
      await owner.caller.stores.grantAccess({ storeId: store!.id, memberId: staff.memberId, role: 'sales' });
      expect(await staff.caller.stores.list()).to.have.length(1);

      expect(await owner.caller.members.remove({ memberId: staff.memberId })).to.deep.equal({ ok: true });

      await expectTRPCError(staff.caller.stores.list(), 'FORBIDDEN');
      const em = app().orm.em.fork();
      expect(await em.findOneOrFail(VendorMember, staff.memberId)).to.include({ status: 'revoked', isPrimary: false });
      expect(await em.count(StoreAccess, { member: staff.memberId })).to.equal(0);
      expect((await owner.caller.members.list()).map((m) => m.email)).to.deep.equal([owner.email]);
    });

    it('a removed member who belongs to another vendor lands there on the next request', async () => {
      const owner = await signUp();
      const staff = await signUp();
      const { token } = await owner.caller.invitations.create({ email: staff.email, role: 'staff' });
      await staff.caller.invitations.accept({ token });
      await staff.caller.vendors.switch({ vendorId: owner.vendor.id });
      expect((await staff.caller.vendors.current()).id).to.equal(owner.vendor.id);
      const memberId = (await owner.caller.members.list()).find((m) => m.email === staff.email)!.id;

      await owner.caller.members.remove({ memberId });

      expect((await staff.caller.vendors.current()).id).to.equal(staff.vendor.id);
      expect((await staff.caller.vendors.list()).map((v) => [v.id, v.isPrimary])).to.deep.equal([[staff.vendor.id, true]]);
    });

    it('an admin cannot remove an owner; the last owner cannot be removed, one of two can', async () => {
      const owner = await signUp();
      const admin = await joinAs(owner, 'admin');
      const ownerId = await ownerMemberId(owner);
      await expectTRPCError(admin.caller.members.remove({ memberId: ownerId }), 'FORBIDDEN');
      await expectTRPCError(owner.caller.members.remove({ memberId: ownerId }), 'CONFLICT');
      const second = await joinAs(owner, 'owner');
      await second.caller.members.remove({ memberId: ownerId });
      await expectTRPCError(owner.caller.members.list(), 'FORBIDDEN');
    });

    it('answers NOT_FOUND for another vendor’s member or an already removed one, and refuses staff', async () => {
      const owner = await signUp();
      const other = await signUp();
      const staff = await joinAs(owner, 'staff');
      const viewer = await joinAs(owner, 'viewer');
      await expectTRPCError(owner.caller.members.remove({ memberId: await ownerMemberId(other) }), 'NOT_FOUND');
      await expectTRPCError(staff.caller.members.remove({ memberId: viewer.memberId }), 'FORBIDDEN');
      await owner.caller.members.remove({ memberId: viewer.memberId });
      await expectTRPCError(owner.caller.members.remove({ memberId: viewer.memberId }), 'NOT_FOUND');
      await expectTRPCError(callerAs().members.remove({ memberId: viewer.memberId }), 'UNAUTHORIZED');
    });
  });
});
