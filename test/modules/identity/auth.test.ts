import { expect } from 'chai';
import jwt from 'jsonwebtoken';
import { RefreshToken, User, UserProfile } from '../../../src/modules/identity/entities.js';
import { REFRESH_REUSE_GRACE_SECONDS } from '../../../src/modules/identity/services/sessions.js';
import { verifyRefreshToken } from '../../../src/modules/identity/tokens.js';
import { Store, Vendor, VendorMember } from '../../../src/modules/vendors/entities.js';
import { app } from '../../support/app.js';
import { callerAs, expectTRPCError, issuePaths, PASSWORD, signUp, unique } from '../../support/fixtures.js';

describe('auth', () => {
  describe('register', () => {
    it('creates user, profile, vendor, default store and a primary owner membership', async () => {
      const email = `${unique('New.User')}@Example.TEST`;
      const result = await callerAs().auth.register({ email, password: PASSWORD, passwordConfirm: PASSWORD, vendorName: 'Pallet Town Cards', firstName: 'Ash' });
      expect(result.user).to.include({ email: email.toLowerCase(), firstName: 'Ash', lastName: null });
      expect(result.vendor).to.include({ name: 'Pallet Town Cards', slug: 'pallet-town-cards' });
      expect(result.accessToken).to.be.a('string');
      expect(result.refreshToken).to.be.a('string');

      const em = app().orm.em.fork();
      const user = await em.findOneOrFail(User, { email: email.toLowerCase() });
      expect(user.passwordHash).to.not.equal(PASSWORD);
      expect(await em.count(UserProfile, { user })).to.equal(1);
      const member = await em.findOneOrFail(VendorMember, { user }, { populate: ['vendor'] });
      expect(member).to.include({ role: 'owner', isPrimary: true, status: 'active' });
      const stores = await em.find(Store, { vendor: member.vendor });
      expect(stores.map((s) => [s.name, s.isDefault])).to.deep.equal([['Main store', true]]);
    });

    it('rejects a duplicate email case-insensitively with CONFLICT on email, writing nothing', async () => {
      const first = await signUp();
      const vendorsBefore = await app().orm.em.fork().count(Vendor, {});
      const error = await expectTRPCError(
        callerAs().auth.register({ email: first.email.toUpperCase(), password: PASSWORD, passwordConfirm: PASSWORD }),
        'CONFLICT',
      );
      expect(error.data.field).to.equal('email');
      expect(await app().orm.em.fork().count(Vendor, {})).to.equal(vendorsBefore);
    });

    it('names the field of each bad input', async () => {
      const short = await expectTRPCError(
        callerAs().auth.register({ email: 'a@b.test', password: 'short', passwordConfirm: 'short' }),
        'BAD_REQUEST',
      );
      expect(issuePaths(short)).to.include('password');
      const mismatch = await expectTRPCError(
        callerAs().auth.register({ email: 'a@b.test', password: PASSWORD, passwordConfirm: `${PASSWORD}!` }),
        'BAD_REQUEST',
      );
      expect(issuePaths(mismatch)).to.deep.equal(['passwordConfirm']);
      const email = await expectTRPCError(
        callerAs().auth.register({ email: 'not-an-email', password: PASSWORD, passwordConfirm: PASSWORD }),
        'BAD_REQUEST',
      );
      expect(issuePaths(email)).to.deep.equal(['email']);
    });

    it('gives a second vendor with the same name its own slug', async () => {
      const a = await signUp({ vendorName: 'Game Stop Shop' });
      const b = await signUp({ vendorName: 'Game Stop Shop' });
      expect(a.vendor.slug).to.equal('game-stop-shop');
      expect(b.vendor.slug).to.match(/^game-stop-shop-[0-9a-f]{6}$/);
    });
  });

  describe('login', () => {
    it('returns tokens and records lastLoginAt', async () => {
      const { email, user } = await signUp();
      const result = await callerAs().auth.login({ email: email.toUpperCase(), password: PASSWORD });
      expect(result.user.id).to.equal(user.id);
      const me = await callerAs(result.accessToken).users.me();
      expect(me.user.email).to.equal(email);
      const stored = await app().orm.em.fork().findOneOrFail(User, { id: user.id });
      expect(stored.lastLoginAt).to.be.instanceOf(Date);
    });

    it('answers an unknown email and a wrong password identically', async () => {
      const { email } = await signUp();
      const wrong = await expectTRPCError(callerAs().auth.login({ email, password: 'wrong password!' }), 'UNAUTHORIZED');
      const unknown = await expectTRPCError(callerAs().auth.login({ email: 'nobody@example.test', password: 'wrong password!' }), 'UNAUTHORIZED');
      expect(wrong.message).to.equal(unknown.message);
    });

    it('refuses an inactive user', async () => {
      const { email, user } = await signUp();
      await app().orm.em.fork().nativeUpdate(User, { id: user.id }, { isActive: false });
      await expectTRPCError(callerAs().auth.login({ email, password: PASSWORD }), 'UNAUTHORIZED');
    });
  });

  describe('refresh and logout', () => {
    it('rotates: each refresh token works once', async () => {
      const { refreshToken } = await signUp();
      const next = await callerAs().auth.refresh({ refreshToken });
      expect(next.refreshToken).to.not.equal(refreshToken);
      expect((await callerAs(next.accessToken).users.me()).user).to.have.property('id');
      const again = await callerAs().auth.refresh({ refreshToken: next.refreshToken });
      expect(again.accessToken).to.be.a('string');
    });

    it('two tabs refreshing with one token at once both get the same new pair', async () => {
      const { refreshToken } = await signUp();
      const [first, second] = await Promise.all([callerAs().auth.refresh({ refreshToken }), callerAs().auth.refresh({ refreshToken })]);
      expect(second).to.deep.equal(first);
      expect(first.refreshToken).to.not.equal(refreshToken);
      await callerAs().auth.refresh({ refreshToken: first.refreshToken });
    });

    it('answers the same pair to a reuse within the grace period; later reuse revokes the whole family', async () => {
      const { refreshToken, user } = await signUp();
      const next = await callerAs().auth.refresh({ refreshToken });
      expect(await callerAs().auth.refresh({ refreshToken })).to.deep.equal(next);
      const rotatedAt = new Date(Date.now() - (REFRESH_REUSE_GRACE_SECONDS + 1) * 1000);
      const { tokenId } = verifyRefreshToken(app().config, refreshToken);
      await app().orm.em.fork().nativeUpdate(RefreshToken, { id: tokenId }, { revokedAt: rotatedAt });
      await expectTRPCError(callerAs().auth.refresh({ refreshToken }), 'UNAUTHORIZED');
      await expectTRPCError(callerAs().auth.refresh({ refreshToken: next.refreshToken }), 'UNAUTHORIZED');
      const live = await app().orm.em.fork().count(RefreshToken, { user: user.id, revokedAt: null });
      expect(live).to.equal(0);
    });

    it('refuses a token of a family revoked by logout, even within the grace period', async () => {
      const { refreshToken } = await signUp();
      const next = await callerAs().auth.refresh({ refreshToken });
      await callerAs().auth.logout({ refreshToken: next.refreshToken });
      await expectTRPCError(callerAs().auth.refresh({ refreshToken }), 'UNAUTHORIZED');
    });

    it('logout revokes the session', async () => {
      const { refreshToken } = await signUp();
      expect(await callerAs().auth.logout({ refreshToken })).to.deep.equal({ ok: true });
      await expectTRPCError(callerAs().auth.refresh({ refreshToken }), 'UNAUTHORIZED');
    });

    it('rejects an access token offered as a refresh token, and garbage', async () => {
      const { accessToken } = await signUp();
      await expectTRPCError(callerAs().auth.refresh({ refreshToken: accessToken }), 'UNAUTHORIZED');
      await expectTRPCError(callerAs().auth.logout({ refreshToken: 'garbage' }), 'UNAUTHORIZED');
      await expectTRPCError(callerAs().auth.refresh({ refreshToken: '' }), 'BAD_REQUEST');
    });
  });

  describe('access tokens', () => {
    const secret = () => app().config.jwtSecret;

    it('refuses a missing token', async () => {
      await expectTRPCError(callerAs().users.me(), 'UNAUTHORIZED');
    });

    it('refuses an expired token', async () => {
      const { user, accessToken } = await signUp();
      const sid = (jwt.decode(accessToken) as { sid: string }).sid;
      const expired = jwt.sign({ typ: 'access', sid, exp: Math.floor(Date.now() / 1000) - 10 }, secret(), { subject: user.id });
      const error = await expectTRPCError(callerAs(expired).users.me(), 'UNAUTHORIZED');
      expect(error.message).to.match(/expired/);
    });

    it('refuses a tampered signature', async () => {
      const { accessToken } = await signUp();
      const [header, payload] = accessToken.split('.');
      const tampered = `${header}.${payload}.${'A'.repeat(43)}`;
      await expectTRPCError(callerAs(tampered).users.me(), 'UNAUTHORIZED');
    });

    it('refuses a token signed with another secret', async () => {
      const { user } = await signUp();
      const forged = jwt.sign({ typ: 'access', sid: 'x' }, 'another-secret-another-secret-another', { subject: user.id });
      await expectTRPCError(callerAs(forged).users.me(), 'UNAUTHORIZED');
    });

    it('refuses alg none', async () => {
      const { user } = await signUp();
      const none = jwt.sign({ typ: 'access', sid: 'x', sub: user.id }, '', { algorithm: 'none' });
      await expectTRPCError(callerAs(none).users.me(), 'UNAUTHORIZED');
    });

    it('refuses a refresh token used as an access token', async () => {
      const { refreshToken } = await signUp();
      await expectTRPCError(callerAs(refreshToken).users.me(), 'UNAUTHORIZED');
    });

    it('refuses the token of a user deactivated since it was issued', async () => {
      const { user, caller } = await signUp();
      await app().orm.em.fork().nativeUpdate(User, { id: user.id }, { isActive: false });
      await expectTRPCError(caller.users.me(), 'UNAUTHORIZED');
    });
  });

  describe('forged tokens signed with the real secret', () => {
    const secret = () => app().config.jwtSecret;
    const inAMinute = () => Math.floor(Date.now() / 1000) + 60;
    const sign = (payload: object) => jwt.sign(payload, secret(), { algorithm: 'HS256' });
    const withoutExp = <T extends { exp: number }>({ exp: _exp, ...rest }: T) => rest;

    it('refuses access tokens with a non-UUID sub or sid, without exp, or of another typ', async () => {
      const { user, accessToken } = await signUp();
      const { sid } = jwt.decode(accessToken) as { sid: string };
      const valid = { typ: 'access', sid, sub: user.id, exp: inAMinute() };
      expect((await callerAs(sign(valid)).users.me()).user.id).to.equal(user.id);
      const forged = [{ ...valid, sub: 'admin' }, { ...valid, sid: 'x' }, withoutExp(valid), { ...valid, typ: 'root' }];
      for (const payload of forged) {
        await expectTRPCError(callerAs(sign(payload)).users.me(), 'UNAUTHORIZED');
        await expectTRPCError(callerAs(sign(payload)).auth.changePassword({ currentPassword: PASSWORD, newPassword: 'another long one' }), 'UNAUTHORIZED');
      }
    });

    it('refuses refresh tokens with a non-UUID sub, fam or jti, or without exp', async () => {
      const { user, refreshToken } = await signUp();
      const { fam, jti } = jwt.decode(refreshToken) as { fam: string; jti: string };
      const valid = { typ: 'refresh', fam, jti, sub: user.id, exp: inAMinute() };
      const forged = [{ ...valid, sub: 'x' }, { ...valid, fam: 'x' }, { ...valid, jti: '1' }, withoutExp(valid)];
      for (const payload of forged) {
        await expectTRPCError(callerAs().auth.refresh({ refreshToken: sign(payload) }), 'UNAUTHORIZED');
        await expectTRPCError(callerAs().auth.logout({ refreshToken: sign(payload) }), 'UNAUTHORIZED');
      }
      expect((await callerAs().auth.refresh({ refreshToken: sign(valid) })).refreshToken).to.be.a('string');
    });
  });

  describe('changePassword', () => {
    it('checks the current password, then revokes the other sessions but keeps this one', async () => {
      const me = await signUp();
      const other = await callerAs().auth.login({ email: me.email, password: PASSWORD });
      const bad = await expectTRPCError(
        me.caller.auth.changePassword({ currentPassword: 'not my password', newPassword: 'a brand new password' }),
        'BAD_REQUEST',
      );
      expect(issuePaths(bad)).to.deep.equal(['currentPassword']);

      expect(await me.caller.auth.changePassword({ currentPassword: PASSWORD, newPassword: 'a brand new password' })).to.deep.equal({ ok: true });
      await expectTRPCError(callerAs().auth.refresh({ refreshToken: other.refreshToken }), 'UNAUTHORIZED');
      await callerAs().auth.refresh({ refreshToken: me.refreshToken });
      await expectTRPCError(callerAs().auth.login({ email: me.email, password: PASSWORD }), 'UNAUTHORIZED');
      await callerAs().auth.login({ email: me.email, password: 'a brand new password' });
    });

    it('applies the password rules and needs a token', async () => {
      const me = await signUp();
      const error = await expectTRPCError(me.caller.auth.changePassword({ currentPassword: PASSWORD, newPassword: 'short' }), 'BAD_REQUEST');
      expect(issuePaths(error)).to.deep.equal(['newPassword']);
      await expectTRPCError(callerAs().auth.changePassword({ currentPassword: PASSWORD, newPassword: 'long enough password' }), 'UNAUTHORIZED');
    });
  });
});
