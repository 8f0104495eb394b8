import { expect } from 'chai';
import { createCaller } from '../../../src/caller.js';
import { createAuthRateLimiter } from '../../../src/modules/identity/rate-limit.js';
import { app } from '../../support/app.js';
import { expectTRPCError, PASSWORD, signUp, unique } from '../../support/fixtures.js';

const limited = (rateLimiter: ReturnType<typeof createAuthRateLimiter>, ip: string) =>
  createCaller({ ...app(), rateLimiter }, { ip });

describe('auth rate limits', () => {
  it('login: TOO_MANY_REQUESTS with retryAfter once an email has used its attempts', async () => {
    const limiter = createAuthRateLimiter({ points: 3, windowSeconds: 60 });
    const { email } = await signUp();
    for (let i = 0; i < 3; i++) await limited(limiter, `10.1.0.${i}`).auth.login({ email, password: PASSWORD });
    const error = await expectTRPCError(limited(limiter, '10.1.0.9').auth.login({ email, password: PASSWORD }), 'TOO_MANY_REQUESTS');
    expect(error.data.retryAfter).to.be.within(1, 60);
  });

  it('login: limits one IP across many emails', async () => {
    const limiter = createAuthRateLimiter({ points: 2, windowSeconds: 60 });
    const caller = limited(limiter, '10.2.0.1');
    await expectTRPCError(caller.auth.login({ email: 'a@example.test', password: 'x' }), 'UNAUTHORIZED');
    await expectTRPCError(caller.auth.login({ email: 'b@example.test', password: 'x' }), 'UNAUTHORIZED');
    await expectTRPCError(caller.auth.login({ email: 'c@example.test', password: 'x' }), 'TOO_MANY_REQUESTS');
  });

  it('register: limited per IP', async () => {
    const limiter = createAuthRateLimiter({ points: 1, windowSeconds: 60 });
    const caller = limited(limiter, '10.3.0.1');
    const input = () => ({ email: `${unique('r')}@example.test`, password: PASSWORD, passwordConfirm: PASSWORD });
    await caller.auth.register(input());
    await expectTRPCError(caller.auth.register(input()), 'TOO_MANY_REQUESTS');
  });

  const redisUrl = process.env.TEST_REDIS_URL;
  (redisUrl ? it : it.skip)('shares counts between instances through Redis (TEST_REDIS_URL)', async () => {
    const settings = { points: 2, windowSeconds: 60, redisUrl };
    const [one, two] = [createAuthRateLimiter(settings), createAuthRateLimiter(settings)];
    try {
      const email = `${unique('shared')}@example.test`;
      // Redis outlives the run: fresh IPs keep earlier runs' counts out of this one.
      const ip = (n: number) => `10.4.${process.pid % 250}.${n}`;
      await expectTRPCError(limited(one, ip(1)).auth.login({ email, password: 'x' }), 'UNAUTHORIZED');
      await expectTRPCError(limited(two, ip(2)).auth.login({ email, password: 'x' }), 'UNAUTHORIZED');
      await expectTRPCError(limited(one, ip(3)).auth.login({ email, password: 'x' }), 'TOO_MANY_REQUESTS');
    } finally {
      await Promise.all([one.close(), two.close()]);
    }
  });
});
