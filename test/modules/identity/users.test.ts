import { expect } from 'chai';
import { callerAs, expectTRPCError, issuePaths, signUp } from '../../support/fixtures.js';

describe('users', () => {
  it('me answers the user, profile, memberships and the working vendor', async () => {
    const me = await signUp({ vendorName: 'Retro Games Co', firstName: 'Misty' });
    const result = await me.caller.users.me();
    expect(result.user).to.deep.equal({ id: me.user.id, email: me.email, firstName: 'Misty', lastName: null });
    expect(result.profile).to.deep.equal({ phone: null, bio: null, avatarUrl: null, metadata: {} });
    expect(result.memberships).to.deep.equal([
      { vendorId: me.vendor.id, vendorName: 'Retro Games Co', role: 'owner', isPrimary: true, status: 'active' },
    ]);
    expect(result.vendor).to.deep.equal(me.vendor);
    expect(result.member?.role).to.equal('owner');
  });

  it('updateProfile changes names and profile fields', async () => {
    const me = await signUp();
    const result = await me.caller.users.updateProfile({ firstName: 'Brock', phone: '+1 555 0100', bio: 'Rock types', metadata: { booth: 12 } });
    expect(result.user.firstName).to.equal('Brock');
    expect(result.profile).to.deep.equal({ phone: '+1 555 0100', bio: 'Rock types', avatarUrl: null, metadata: { booth: 12 } });
    const cleared = await me.caller.users.updateProfile({ phone: null });
    expect(cleared.profile.phone).to.equal(null);
    expect(cleared.profile.bio).to.equal('Rock types');
  });

  it('updateProfile rejects bad fields and unknown keys', async () => {
    const me = await signUp();
    const error = await expectTRPCError(me.caller.users.updateProfile({ avatarUrl: 'javascript:alert(1)' }), 'BAD_REQUEST');
    expect(issuePaths(error)).to.deep.equal(['avatarUrl']);
    await expectTRPCError(me.caller.users.updateProfile({ email: 'x@y.z' } as never), 'BAD_REQUEST');
    await expectTRPCError(callerAs().users.updateProfile({ firstName: 'X' }), 'UNAUTHORIZED');
  });
});
