import { expect } from 'chai';
import { createAuthRateLimiter } from '../../../src/modules/identity/rate-limit.js';
import { PasswordReset, RefreshToken } from '../../../src/modules/identity/entities.js';
import { createCaller } from '../../../src/caller.js';
import { app } from '../../support/app.js';
import { callerAs, expectTRPCError, issuePaths, signUp, unique } from '../../support/fixtures.js';
import { mailsTo, tokenMailedTo } from '../../support/outbox.js';

const NEW_PASSWORD = 'a brand new passphrase';
const UNUSABLE = /invalid, expired or already used/;

describe('password reset', () => {
  it('end to end: mail in the outbox → reset → old sessions revoked, new password works, token single-use', async () => {
    const account = await signUp();
    const anonymous = callerAs();
    expect(await anonymous.auth.requestPasswordReset({ email: account.email.toUpperCase() })).to.deep.equal({ ok: true });
    const [mail] = await mailsTo(account.email);
    expect(mail!.subject).to.match(/reset/i);
    const token = await tokenMailedTo(account.email);
    const em = app().orm.em.fork();
    const row = await em.findOneOrFail(PasswordReset, { user: account.user.id });
    expect(row.tokenHash).to.not.equal(token);
    expect(row.expiresAt.getTime() - Date.now()).to.be.closeTo(3600_000, 60_000);

    expect(await anonymous.auth.resetPassword({ token, password: NEW_PASSWORD })).to.deep.equal({ ok: true });

    expect(await em.count(RefreshToken, { user: account.user.id, revokedAt: null })).to.equal(0);
    await expectTRPCError(anonymous.auth.refresh({ refreshToken: account.refreshToken }), 'UNAUTHORIZED');
    await expectTRPCError(anonymous.auth.login({ email: account.email, password: account.password }), 'UNAUTHORIZED');
    expect((await anonymous.auth.login({ email: account.email, password: NEW_PASSWORD })).user.id).to.equal(account.user.id);
    const again = await expectTRPCError(anonymous.auth.resetPassword({ token, password: 'yet another passphrase' }), 'BAD_REQUEST');
    expect(again.message).to.match(UNUSABLE);
    expect(issuePaths(again)).to.deep.equal(['token']);
  });

  it('answers the same for an unknown email, and sends nothing', async () => {
    const email = `${unique('nobody')}@example.test`;
    expect(await callerAs().auth.requestPasswordReset({ email })).to.deep.equal({ ok: true });
    expect(await mailsTo(email)).to.deep.equal([]);
    expect(await app().orm.em.fork().count(PasswordReset, {})).to.equal(0);
  });

  it('an expired or unknown token is BAD_REQUEST with the same message', async () => {
    const account = await signUp();
    await callerAs().auth.requestPasswordReset({ email: account.email });
    const token = await tokenMailedTo(account.email);
    await app().orm.em.fork().nativeUpdate(PasswordReset, { user: account.user.id }, { expiresAt: new Date(Date.now() - 1000) });
    for (const t of [token, 'not-a-real-token']) {
      expect((await expectTRPCError(callerAs().auth.resetPassword({ token: t, password: NEW_PASSWORD }), 'BAD_REQUEST')).message).to.match(UNUSABLE);
    }
  });

  it('applies the registration password rules', async () => {
    const shape = await expectTRPCError(callerAs().auth.resetPassword({ token: 'x', password: 'short' }), 'BAD_REQUEST');
    expect(issuePaths(shape)).to.deep.equal(['password']);
    expect(issuePaths(await expectTRPCError(callerAs().auth.requestPasswordReset({ email: 'nope' }), 'BAD_REQUEST'))).to.deep.equal(['email']);
  });

  it('is rate-limited per email (from any address) and per IP', async () => {
    const limited = { ...app(), rateLimiter: createAuthRateLimiter({ ...app().config.authLimits, requestsPerIp: 2, requestsPerEmail: 2 }) };
    const from = (ip: string) => createCaller(limited, { ip });
    const email = `${unique('target')}@example.test`;
    await from('10.0.0.1').auth.requestPasswordReset({ email });
    await from('10.0.0.2').auth.requestPasswordReset({ email });
    await expectTRPCError(from('10.0.0.3').auth.requestPasswordReset({ email }), 'TOO_MANY_REQUESTS');
    await from('10.0.0.9').auth.requestPasswordReset({ email: `${unique('a')}@example.test` });
    await from('10.0.0.9').auth.requestPasswordReset({ email: `${unique('b')}@example.test` });
    await expectTRPCError(from('10.0.0.9').auth.requestPasswordReset({ email: `${unique('c')}@example.test` }), 'TOO_MANY_REQUESTS');
    await limited.rateLimiter.close();
  });

  it('a failing mail server still answers ok', async () => {
    const account = await signUp();
    const failing = { ...app(), mailer: { send: () => Promise.reject(new Error('SMTP down')) } };
    expect(await createCaller(failing).auth.requestPasswordReset({ email: account.email })).to.deep.equal({ ok: true });
  });
});
