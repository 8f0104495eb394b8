import { expect } from 'chai';
import { hashToken } from '../../../src/core/secret-token.js';
import { createCaller } from '../../../src/caller.js';
import { Invitation, VendorMember } from '../../../src/modules/vendors/entities.js';
import { app } from '../../support/app.js';
import { callerAs, expectTRPCError, issuePaths, joinAs, PASSWORD, signUp, unique } from '../../support/fixtures.js';
import { mailsTo, tokenMailedTo } from '../../support/outbox.js';

const UNUSABLE = /invalid, expired, revoked or already used/;

/** Moves an invitation's expiry into the past: the clock "moves" without sleeping. */
const expire = (id: string) => app().orm.em.fork().nativeUpdate(Invitation, { id }, { expiresAt: new Date(Date.now() - 1000) });

const registerWith = (email: string, invitationToken: string) =>
  callerAs().auth.register({ email, password: PASSWORD, passwordConfirm: PASSWORD, invitationToken });

describe('invitations', () => {
  it('lifecycle: create → mail in the outbox → accept → the invitee switches vendor and sees its stores', async () => {
    const owner = await signUp({ vendorName: 'Cerulean Collectibles' });
    await owner.caller.stores.create({ name: 'Online shop', type: 'online' });
    const invitee = await signUp();

    const created = await owner.caller.invitations.create({ email: invitee.email.toUpperCase(), role: 'admin' });
    expect(created).to.include({ email: invitee.email, role: 'admin', status: 'pending', mailed: true });
    expect(new Date(created.expiresAt).getTime() - Date.now()).to.be.closeTo(7 * 24 * 3600 * 1000, 60_000);
    const [mail] = await mailsTo(invitee.email);
    expect(mail!.subject).to.contain('Cerulean Collectibles');
    expect(await tokenMailedTo(invitee.email)).to.equal(created.token);
    const stored = await app().orm.em.fork().findOneOrFail(Invitation, created.id);
    expect(stored.tokenHash).to.equal(hashToken(created.token)).and.not.equal(created.token);

    expect((await invitee.caller.invitations.mine()).map((i) => [i.id, i.vendor.name])).to.deep.equal([[created.id, 'Cerulean Collectibles']]);
    const accepted = await invitee.caller.invitations.accept({ token: created.token });
    expect(accepted.vendor).to.include({ id: owner.vendor.id, name: 'Cerulean Collectibles' });
    expect(accepted.member).to.include({ email: invitee.email, role: 'admin', status: 'active', isPrimary: false });

    // The invitee keeps working in their own vendor until they switch.
    expect((await invitee.caller.vendors.current()).id).to.equal(invitee.vendor.id);
    await invitee.caller.vendors.switch({ vendorId: owner.vendor.id });
    expect((await invitee.caller.stores.list()).map((s) => s.name)).to.deep.equal(['Main store', 'Online shop']);
    expect(await invitee.caller.invitations.mine()).to.deep.equal([]);
    expect((await owner.caller.invitations.list())[0]).to.include({ id: created.id, status: 'accepted' }).and.not.have.property('token');
    await expectTRPCError(invitee.caller.invitations.accept({ token: created.token }), 'BAD_REQUEST');
  });

  it('register with an invitation token joins the inviting vendor as primary instead of creating one', async () => {
    const owner = await signUp();
    const email = `${unique('new')}@example.test`;
    const { token } = await owner.caller.invitations.create({ email, role: 'staff' });
    const result = await registerWith(email, token);
    expect(result.vendor.id).to.equal(owner.vendor.id);
    const me = await callerAs(result.accessToken).users.me();
    expect(me.memberships).to.deep.equal([{ vendorId: owner.vendor.id, vendorName: owner.vendor.name, role: 'staff', isPrimary: true, status: 'active' }]);
    expect(await app().orm.em.fork().count(VendorMember, { user: result.user.id })).to.equal(1);
  });

  it('accepting by id works for the invitee only; a user without a vendor gets it as primary', async () => {
    const owner = await signUp();
    const stranger = await signUp();
    const invitee = await signUp();
    await app().orm.em.fork().nativeUpdate(VendorMember, { user: invitee.user.id }, { status: 'revoked', isPrimary: false });
    const { id } = await owner.caller.invitations.create({ email: invitee.email, role: 'viewer' });
    await expectTRPCError(stranger.caller.invitations.accept({ invitationId: id }), 'NOT_FOUND');
    const { member } = await invitee.caller.invitations.accept({ invitationId: id });
    expect(member).to.include({ role: 'viewer', isPrimary: true });
    expect((await invitee.caller.vendors.current()).id).to.equal(owner.vendor.id);
  });

  it('someone else’s token is FORBIDDEN, to accept or to register with, and creates no membership', async () => {
    const owner = await signUp();
    const stranger = await signUp();
    const { token } = await owner.caller.invitations.create({ email: `${unique('invitee')}@example.test`, role: 'staff' });
    await expectTRPCError(stranger.caller.invitations.accept({ token }), 'FORBIDDEN');
    await expectTRPCError(registerWith(`${unique('other')}@example.test`, token), 'FORBIDDEN');
    expect(await app().orm.em.fork().count(VendorMember, { vendor: owner.vendor.id })).to.equal(1);
  });

  it('decline: the invitation is answered and can no longer be accepted', async () => {
    const owner = await signUp();
    const invitee = await signUp();
    const { id, token } = await owner.caller.invitations.create({ email: invitee.email, role: 'staff' });
    expect(await invitee.caller.invitations.decline({ token })).to.deep.equal({ ok: true });
    expect((await owner.caller.invitations.list())[0]).to.include({ id, status: 'declined' });
    const shape = await expectTRPCError(invitee.caller.invitations.accept({ token }), 'BAD_REQUEST');
    expect(shape.message).to.match(UNUSABLE);
    expect(issuePaths(shape)).to.deep.equal(['token']);
  });

  it('revoke: an admin revokes; the token then fails with the same message, also at registration', async () => {
    const owner = await signUp();
    const admin = await joinAs(owner, 'admin');
    const email = `${unique('invitee')}@example.test`;
    const { id, token } = await owner.caller.invitations.create({ email, role: 'staff' });
    expect(await admin.caller.invitations.revoke({ invitationId: id })).to.deep.equal({ ok: true });
    await expectTRPCError(admin.caller.invitations.revoke({ invitationId: id }), 'CONFLICT');
    const shape = await expectTRPCError(registerWith(email, token), 'BAD_REQUEST');
    expect(shape.message).to.match(UNUSABLE);
    expect(issuePaths(shape)).to.deep.equal(['invitationToken']);
  });

  it('expiry: after 7 days the token is refused and the invitation no longer listed as mine', async () => {
    const owner = await signUp();
    const invitee = await signUp();
    const { id, token } = await owner.caller.invitations.create({ email: invitee.email, role: 'staff' });
    await expire(id);
    expect(await invitee.caller.invitations.mine()).to.deep.equal([]);
    expect((await expectTRPCError(invitee.caller.invitations.accept({ token }), 'BAD_REQUEST')).message).to.match(UNUSABLE);
    expect((await expectTRPCError(invitee.caller.invitations.accept({ token: 'no-such-token' }), 'BAD_REQUEST')).message).to.match(UNUSABLE);
  });

  it('a new invitation to the same email replaces the pending one', async () => {
    const owner = await signUp();
    const email = `${unique('invitee')}@example.test`;
    const first = await owner.caller.invitations.create({ email, role: 'viewer' });
    const second = await owner.caller.invitations.create({ email, role: 'staff' });
    expect((await owner.caller.invitations.list()).map((i) => [i.id, i.status])).to.deep.equal([
      [second.id, 'pending'],
      [first.id, 'revoked'],
    ]);
    await expectTRPCError(registerWith(email, first.token), 'BAD_REQUEST');
    expect((await registerWith(email, second.token)).vendor.id).to.equal(owner.vendor.id);
  });

  it('a removed member can be invited back: the membership is reactivated with the new role', async () => {
    const owner = await signUp();
    const staff = await joinAs(owner, 'staff');
    await owner.caller.members.remove({ memberId: staff.memberId });
    const { token } = await owner.caller.invitations.create({ email: staff.email, role: 'viewer' });
    const { member } = await staff.caller.invitations.accept({ token });
    expect(member).to.include({ id: staff.memberId, role: 'viewer', status: 'active', isPrimary: true });
    expect((await staff.caller.vendors.current()).id).to.equal(owner.vendor.id);
  });

  it('create: CONFLICT for an active member, FORBIDDEN above the inviter’s role or for staff, BAD_REQUEST naming the field', async () => {
    const owner = await signUp();
    const admin = await joinAs(owner, 'admin');
    const staff = await joinAs(owner, 'staff');
    expect((await expectTRPCError(admin.caller.invitations.create({ email: staff.email, role: 'staff' }), 'CONFLICT')).data.field).to.equal('email');
    await expectTRPCError(admin.caller.invitations.create({ email: `${unique('x')}@example.test`, role: 'owner' }), 'FORBIDDEN');
    await expectTRPCError(staff.caller.invitations.create({ email: `${unique('x')}@example.test`, role: 'viewer' }), 'FORBIDDEN');
    await expectTRPCError(callerAs().invitations.create({ email: `${unique('x')}@example.test`, role: 'viewer' }), 'UNAUTHORIZED');
    expect(issuePaths(await expectTRPCError(admin.caller.invitations.create({ email: 'not-an-email', role: 'staff' }), 'BAD_REQUEST'))).to.deep.equal(['email']);
  });

  it('a failing mail server keeps the invitation and answers mailed: false', async () => {
    const owner = await signUp();
    const failing = { ...app(), mailer: { send: () => Promise.reject(new Error('SMTP down')) } };
    const caller = createCaller(failing, { accessToken: owner.accessToken });
    const created = await caller.invitations.create({ email: `${unique('invitee')}@example.test`, role: 'staff' });
    expect(created).to.include({ mailed: false, status: 'pending' });
    expect(created.token).to.be.a('string');
    expect(await app().orm.em.fork().count(Invitation, { id: created.id })).to.equal(1);
  });

  it('isolation: another vendor’s invitation cannot be listed or revoked', async () => {
    const owner = await signUp();
    const other = await signUp();
    const { id } = await other.caller.invitations.create({ email: `${unique('x')}@example.test`, role: 'staff' });
    expect(await owner.caller.invitations.list()).to.deep.equal([]);
    await expectTRPCError(owner.caller.invitations.revoke({ invitationId: id }), 'NOT_FOUND');
  });
});
