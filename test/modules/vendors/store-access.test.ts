import { expect } from 'chai';
import type { MemberWriteContext } from '../../../src/db/write.js';
import { StoreAccess, VendorMember } from '../../../src/modules/vendors/entities.js';
import { removeMember, updateMemberRole } from '../../../src/modules/vendors/services/members.js';
import { grantStoreAccess, revokeStoreAccess } from '../../../src/modules/vendors/services/store-access.js';
import { assertCanInStore, assertCanReadStore, canInStore, storeScopeOf } from '../../../src/modules/vendors/selectors/store-scope.js';
import { app } from '../../support/app.js';
import { callerAs, expectTRPCError, issuePaths, joinAs, signUp } from '../../support/fixtures.js';
import { memberWriteContext, racedAgainstUncommitted } from '../../support/members.js';

const scopeOf = async (memberId: string) => {
  const em = app().orm.em.fork();
  return storeScopeOf(em, await em.findOneOrFail(VendorMember, memberId));
};

/** The error a scope guard throws, as its code (undefined when it passes). */
const guardCode = (guard: () => void) => {
  try {
    guard();
    return undefined;
  } catch (error) {
    return (error as { code: string }).code;
  }
};

describe('store access', () => {
  it('a staff member granted one store sees and changes only that one; owners and admins reach every store', async () => {
    const owner = await signUp();
    const admin = await joinAs(owner, 'admin');
    const staff = await joinAs(owner, 'staff');
    const [main] = await owner.caller.stores.list();
    const annex = await owner.caller.stores.create({ name: 'Annex' });
    expect(await staff.caller.stores.list()).to.deep.equal([]);

    const grant = await admin.caller.stores.grantAccess({ storeId: annex.id, memberId: staff.memberId, role: 'sales' });
    expect(grant).to.deep.equal({ storeId: annex.id, memberId: staff.memberId, role: 'sales' });

    expect((await staff.caller.stores.list()).map((s) => s.id)).to.deep.equal([annex.id]);
    expect(await admin.caller.stores.list()).to.have.length(2);
    const scope = await scopeOf(staff.memberId);
    expect(guardCode(() => assertCanInStore(scope, 'sell', annex.id))).to.equal(undefined);
    expect(guardCode(() => assertCanReadStore(scope, main!.id))).to.equal('NOT_FOUND');
    expect(guardCode(() => assertCanInStore(scope, 'sell', main!.id))).to.equal('NOT_FOUND');
    const adminScope = await scopeOf(admin.memberId);
    expect(guardCode(() => assertCanInStore(adminScope, 'manage', main!.id))).to.equal(undefined);
    await expectTRPCError(staff.caller.stores.update({ storeId: annex.id, name: 'Mine now' }), 'FORBIDDEN');
  });

  it('view_only grants and viewers read but never write', async () => {
    const owner = await signUp();
    const staff = await joinAs(owner, 'staff');
    const viewer = await joinAs(owner, 'viewer');
    const [main] = await owner.caller.stores.list();
    await owner.caller.stores.grantAccess({ storeId: main!.id, memberId: staff.memberId, role: 'view_only' });
    await owner.caller.stores.grantAccess({ storeId: main!.id, memberId: viewer.memberId, role: 'manager' });
    for (const memberId of [staff.memberId, viewer.memberId]) {
      const scope = await scopeOf(memberId);
      expect(guardCode(() => assertCanReadStore(scope, main!.id))).to.equal(undefined);
      expect(guardCode(() => assertCanInStore(scope, 'sell', main!.id))).to.equal('FORBIDDEN');
      expect(guardCode(() => assertCanInStore(scope, 'manage', main!.id))).to.equal('FORBIDDEN');
    }
    expect(await viewer.caller.stores.list()).to.have.length(1);
  });

  it('each grant gives exactly its capabilities to staff, and only read to viewers', async () => {
    const owner = await signUp();
    const [main] = await owner.caller.stores.list();
    const expected = { view_only: ['read'], sales: ['read', 'sell'], manager: ['read', 'sell', 'manage'] } as const;
    for (const [role, capabilities] of Object.entries(expected)) {
      for (const memberRole of ['staff', 'viewer'] as const) {
        const member = await joinAs(owner, memberRole);
        await owner.caller.stores.grantAccess({ storeId: main!.id, memberId: member.memberId, role: role as keyof typeof expected });
        const scope = await scopeOf(member.memberId);
        const granted = (['read', 'sell', 'manage'] as const).filter((c) => canInStore(scope, c, main!.id));
        expect(granted, `${memberRole} with ${role}`).to.deep.equal(memberRole === 'staff' ? capabilities : ['read']);
      }
    }
  });

  it('granting again changes the role; revoking removes the store from the member’s scope', async () => {
    const owner = await signUp();
    const staff = await joinAs(owner, 'staff');
    const [main] = await owner.caller.stores.list();
    const input = { storeId: main!.id, memberId: staff.memberId };
    await owner.caller.stores.grantAccess({ ...input, role: 'view_only' });
    expect(await owner.caller.stores.grantAccess({ ...input, role: 'manager' })).to.include({ role: 'manager' });
    expect((await scopeOf(staff.memberId)).all).to.equal(false);
    const accessOf = async () => Object.fromEntries((await owner.caller.members.list()).map((m) => [m.email, m.storeAccess]));
    expect(await accessOf()).to.deep.equal({ [owner.email]: [], [staff.email]: [{ storeId: main!.id, role: 'manager' }] });
    expect(await owner.caller.stores.revokeAccess(input)).to.deep.equal({ ok: true });
    expect((await accessOf())[staff.email]).to.deep.equal([]);
    expect(await owner.caller.stores.revokeAccess(input)).to.deep.equal({ ok: true });
    expect(await staff.caller.stores.list()).to.deep.equal([]);
  });

  it('an admin being demoted cannot grant or revoke meanwhile, nor anyone grant a member being removed: all are read again under the vendor lock', async () => {
    const owner = await signUp();
    const [granter, revoker, staff, leaving] = await Promise.all([joinAs(owner, 'admin'), joinAs(owner, 'admin'), joinAs(owner, 'staff'), joinAs(owner, 'staff')]);
    const [main] = await owner.caller.stores.list();
    await owner.caller.stores.grantAccess({ storeId: main!.id, memberId: leaving.memberId, role: 'manager' });
    const ownerId = (await owner.caller.members.list()).find((m) => m.role === 'owner')!.id;
    const grants = (memberId: string) => app().orm.em.fork().count(StoreAccess, { member: memberId });
    /** The owner's change stays uncommitted while `memberId`'s request, admitted before it, starts. */
    const during = async (change: (owner: MemberWriteContext) => Promise<unknown>, memberId: string, request: (wc: MemberWriteContext) => Promise<unknown>) => {
      const [holding, racing] = await Promise.all([memberWriteContext(ownerId), memberWriteContext(memberId)]);
      return racedAgainstUncommitted(holding, () => change(holding), () => request(racing));
    };

    const grant = { storeId: main!.id, memberId: staff.memberId, role: 'manager' } as const;
    expect(await during((wc) => updateMemberRole(wc, granter.memberId, 'staff'), granter.memberId, (wc) => grantStoreAccess(wc, grant))).to.equal('FORBIDDEN');
    expect(await grants(staff.memberId)).to.equal(0);
    const revoke = { storeId: main!.id, memberId: leaving.memberId };
    expect(await during((wc) => updateMemberRole(wc, revoker.memberId, 'staff'), revoker.memberId, (wc) => revokeStoreAccess(wc, revoke))).to.equal('FORBIDDEN');
    expect(await grants(leaving.memberId)).to.equal(1);
    expect(await during((wc) => removeMember(wc, leaving.memberId), ownerId, (wc) => grantStoreAccess(wc, { ...revoke, role: 'view_only' }))).to.equal('NOT_FOUND');
    expect(await grants(leaving.memberId)).to.equal(0);
  });

  it('another vendor’s store or member is NOT_FOUND; staff FORBIDDEN; bad input BAD_REQUEST; anonymous UNAUTHORIZED', async () => {
    const owner = await signUp();
    const staff = await joinAs(owner, 'staff');
    const other = await signUp();
    const [main] = await owner.caller.stores.list();
    const [foreignStore] = await other.caller.stores.list();
    const foreignMember = (await other.caller.members.list())[0]!.id;
    await expectTRPCError(owner.caller.stores.grantAccess({ storeId: foreignStore!.id, memberId: staff.memberId, role: 'sales' }), 'NOT_FOUND');
    await expectTRPCError(owner.caller.stores.grantAccess({ storeId: main!.id, memberId: foreignMember, role: 'sales' }), 'NOT_FOUND');
    await expectTRPCError(owner.caller.stores.revokeAccess({ storeId: foreignStore!.id, memberId: staff.memberId }), 'NOT_FOUND');
    await expectTRPCError(staff.caller.stores.grantAccess({ storeId: main!.id, memberId: staff.memberId, role: 'manager' }), 'FORBIDDEN');
    const bad = await expectTRPCError(owner.caller.stores.grantAccess({ storeId: main!.id, memberId: staff.memberId, role: 'boss' as 'sales' }), 'BAD_REQUEST');
    expect(issuePaths(bad)).to.deep.equal(['role']);
    await expectTRPCError(callerAs().stores.revokeAccess({ storeId: main!.id, memberId: staff.memberId }), 'UNAUTHORIZED');
  });
});
