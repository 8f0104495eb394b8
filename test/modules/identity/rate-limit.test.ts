import { expect } from 'chai';
import { loadConfig } from '../../../src/config.js';
import { addressKey, createAuthRateLimiter, type AuthLimits, type AuthRateLimiter } from '../../../src/modules/identity/rate-limit.js';
import { createCaller } from '../../../src/caller.js';
import { app } from '../../support/app.js';
import { expectTRPCError, PASSWORD, signUp, unique } from '../../support/fixtures.js';

/** The limits a deployment gets when it sets none. */
const defaults = loadConfig({ NODE_ENV: 'test', JWT_SECRET: 'x'.repeat(32), DATA_DIR: '.data/test' }).authLimits;

/** Every behaviour holds on each store: PostgreSQL (what a server uses without REDIS_URL) and memory (tools, tests). */
for (const store of ['postgres', 'memory'] as const) describe(`auth rate limits (${store} store)`, () => {
  const limiters: AuthRateLimiter[] = [];
  const waits: number[] = [];
  const limiter = (overrides: Partial<AuthLimits> = {}, redisUrl?: string) => {
    const created = createAuthRateLimiter({ ...defaults, ...overrides }, { redisUrl, database: store === 'postgres' ? app().orm : undefined, wait: async (ms) => waits.push(ms) });
    limiters.push(created);
    return created;
  };
  const from = (rateLimiter: AuthRateLimiter, ip: string, accessToken?: string) => createCaller({ ...app(), rateLimiter }, { ip, accessToken });
  const login = (rateLimiter: AuthRateLimiter, ip: string, email: string, password = PASSWORD) =>
    from(rateLimiter, ip).auth.login({ email, password });
  const fail = (rateLimiter: AuthRateLimiter, ip: string, email: string) =>
    expectTRPCError(login(rateLimiter, ip, email, 'not the password'), 'UNAUTHORIZED');

  beforeEach(() => {
    waits.length = 0;
  });
  afterEach(async () => {
    await Promise.all(limiters.splice(0).map((l) => l.close()));
  });

  it('never throttles a shop: 30 different accounts logging in from one IP within a minute all succeed', async () => {
    const rateLimiter = limiter();
    const staff = await Promise.all(Array.from({ length: 30 }, () => signUp()));
    const logins = await Promise.all(staff.map((s) => login(rateLimiter, '203.0.113.7', s.email)));
    expect(logins.map((l) => l.user.id)).to.deep.equal(staff.map((s) => s.user.id));
    // Successes never count: with room for only 2 failures, 30 more sequential logins all pass.
    const tight = limiter({ failuresPerIp: 2 });
    for (const s of staff) await login(tight, '203.0.113.8', s.email);
    expect(waits).to.deep.equal([]);
  });

  it('counts failures per (email, IP): TOO_MANY_REQUESTS with retryAfter, the same email elsewhere still logs in', async () => {
    const rateLimiter = limiter({ failuresPerAccount: 3 });
    const { email } = await signUp();
    for (let i = 0; i < 3; i++) await fail(rateLimiter, '198.51.100.1', email);
    const limited = await expectTRPCError(login(rateLimiter, '198.51.100.1', email), 'TOO_MANY_REQUESTS');
    expect(limited.data.retryAfter).to.be.within(890, defaults.failureWindowSeconds);
    expect((await login(rateLimiter, '198.51.100.2', email)).user.email).to.equal(email);
  });

  it('a successful login resets the (email, IP) count', async () => {
    const rateLimiter = limiter({ failuresPerAccount: 3 });
    const { email } = await signUp();
    for (let i = 0; i < 2; i++) await fail(rateLimiter, '198.51.100.3', email);
    await login(rateLimiter, '198.51.100.3', email);
    for (let i = 0; i < 3; i++) await fail(rateLimiter, '198.51.100.3', email);
    await expectTRPCError(login(rateLimiter, '198.51.100.3', email), 'TOO_MANY_REQUESTS');
  });

  it('counts failures per IP across emails; attempts refused for one locked email do not use up the IP', async () => {
    const rateLimiter = limiter({ failuresPerAccount: 2, failuresPerIp: 4 });
    const locked = `${unique('locked')}@example.test`;
    for (let i = 0; i < 2; i++) await fail(rateLimiter, '198.51.100.4', locked);
    for (let i = 0; i < 5; i++) await expectTRPCError(login(rateLimiter, '198.51.100.4', locked), 'TOO_MANY_REQUESTS');
    await fail(rateLimiter, '198.51.100.4', `${unique('a')}@example.test`);
    await fail(rateLimiter, '198.51.100.4', `${unique('b')}@example.test`);
    await expectTRPCError(login(rateLimiter, '198.51.100.4', `${unique('c')}@example.test`), 'TOO_MANY_REQUESTS');
    await fail(rateLimiter, '198.51.100.5', `${unique('d')}@example.test`);
  });

  it('slows an email failing from many IPs instead of locking its owner out', async () => {
    const rateLimiter = limiter({ failuresBeforeSlowdown: 2 });
    const { email } = await signUp();
    for (let i = 1; i <= 8; i++) await fail(rateLimiter, `192.0.2.${i}`, email);
    expect(waits).to.deep.equal([1000, 2000, 4000, 8000, 8000, 8000]);
    expect((await login(rateLimiter, '192.0.2.200', email)).user.email).to.equal(email);
    expect(waits.at(-1)).to.equal(8000);
  });

  it('counts an IPv6 client by its /64', async () => {
    expect(addressKey('::ffff:198.51.100.9')).to.equal('198.51.100.9');
    expect(addressKey('2001:db8:a:b:1:2:3:4')).to.equal('2001:db8:a:b::/64');
    expect(addressKey('2001:db8::1')).to.equal('2001:db8:0:0::/64');
    const rateLimiter = limiter({ failuresPerIp: 1 });
    await fail(rateLimiter, '2001:db8:1:2::1', `${unique('v6')}@example.test`);
    await expectTRPCError(login(rateLimiter, '2001:db8:1:2:ffff::9', `${unique('v6')}@example.test`), 'TOO_MANY_REQUESTS');
    await fail(rateLimiter, '2001:db8:1:3::1', `${unique('v6')}@example.test`);
  });

  it('limits registrations per IP and per email', async () => {
    const rateLimiter = limiter({ requestsPerIp: 2, requestsPerEmail: 1 });
    const register = (ip: string, email = `${unique('r')}@example.test`) =>
      from(rateLimiter, ip).auth.register({ email, password: PASSWORD, passwordConfirm: PASSWORD });
    await register('10.3.0.1');
    await register('10.3.0.1');
    const limited = await expectTRPCError(register('10.3.0.1'), 'TOO_MANY_REQUESTS');
    expect(limited.data.retryAfter).to.be.within(3590, 3600);
    const email = `${unique('twice')}@example.test`;
    await register('10.3.0.2', email);
    await expectTRPCError(register('10.3.0.3', email), 'TOO_MANY_REQUESTS');
  });

  it('limits wrong current passwords in auth.changePassword per user; a success resets the count', async () => {
    const rateLimiter = limiter({ failuresPerAccount: 2 });
    const change = (who: { accessToken: string }, currentPassword: string, ip = '10.5.0.1') =>
      from(rateLimiter, ip, who.accessToken).auth.changePassword({ currentPassword, newPassword: 'a brand new password' });
    const victim = await signUp();
    await expectTRPCError(change(victim, 'wrong one'), 'BAD_REQUEST');
    await expectTRPCError(change(victim, 'wrong two', '10.5.0.2'), 'BAD_REQUEST');
    await expectTRPCError(change(victim, PASSWORD, '10.5.0.3'), 'TOO_MANY_REQUESTS');

    const other = await signUp();
    await expectTRPCError(change(other, 'wrong one'), 'BAD_REQUEST');
    await change(other, PASSWORD);
    await expectTRPCError(change(other, 'wrong two'), 'BAD_REQUEST');
    await expectTRPCError(change(other, 'wrong three'), 'BAD_REQUEST');
  });

  (store === 'postgres' ? it : it.skip)('shares counts between two app instances on one database', async () => {
    // Each limiter has its own pool, as two server processes (or two machines) on one database do.
    const one = limiter({ failuresPerIp: 2, failuresBeforeSlowdown: 1 });
    const two = limiter({ failuresPerIp: 2, failuresBeforeSlowdown: 1 });
    const { email } = await signUp();
    await fail(one, '10.6.0.1', email);
    await fail(two, '10.6.0.1', `${unique('shared')}@example.test`);
    const limited = await expectTRPCError(login(one, '10.6.0.1', email), 'TOO_MANY_REQUESTS');
    expect(limited.data.retryAfter).to.be.within(890, defaults.failureWindowSeconds);
    // The email's slowdown counts on both too: its second failure (through the other instance) waits.
    await fail(two, '10.6.0.2', email);
    expect(waits).to.deep.equal([1000]);
    // A success through one instance takes its attempt back for both.
    await login(two, '10.6.0.3', email);
    await login(one, '10.6.0.4', email);
    expect(waits).to.deep.equal([1000, 2000, 2000]);
  });

  const redisUrl = process.env.TEST_REDIS_URL;
  (redisUrl && store === 'memory' ? it : it.skip)('shares counts between instances through Redis (TEST_REDIS_URL)', async () => {
    const one = limiter({ failuresPerIp: 2 }, redisUrl);
    const two = limiter({ failuresPerIp: 2 }, redisUrl);
    // Redis outlives the run: a fresh IP keeps earlier runs' counts out of this one.
    const ip = `10.4.${process.pid % 250}.${Date.now() % 250}`;
    await fail(one, ip, `${unique('shared')}@example.test`);
    await fail(two, ip, `${unique('shared')}@example.test`);
    await expectTRPCError(login(one, ip, `${unique('shared')}@example.test`), 'TOO_MANY_REQUESTS');
  });
});
