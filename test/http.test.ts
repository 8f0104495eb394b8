import { MikroORM } from '@mikro-orm/postgresql';
import { expect } from 'chai';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { createApp, MAX_BATCH_SIZE } from '../src/app.js';
import { freePort } from '../src/db/embedded.js';
import { ormOptions } from '../src/db/orm.js';
import { BCRYPT_CONCURRENCY, BCRYPT_MAX_WAITING, bcryptWork } from '../src/modules/identity/passwords.js';
import { createAuthRateLimiter } from '../src/modules/identity/rate-limit.js';
import type { AppServices } from '../src/services.js';
import { app, testConfig } from './support/app.js';
import { PASSWORD, signUp, unique } from './support/fixtures.js';

/** Starts the real Express app on a free port for the duration of a test group. */
function serve(services: () => AppServices) {
  let server: Server;
  const state = { base: '' };
  before((done) => {
    server = createApp(services()).listen(0, '127.0.0.1', () => {
      state.base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      done();
    });
  });
  after((done) => {
    server.closeAllConnections();
    server.close(() => done());
  });
  return state;
}

const post = (base: string, path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${base}/trpc/${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

describe('HTTP', () => {
  describe('with a database', () => {
    const http = serve(app);

    it('serves /health and /ready', async () => {
      const health = await fetch(`${http.base}/health`);
      expect(health.status).to.equal(200);
      expect(await health.json()).to.deep.equal({ status: 'ok' });
      const ready = await fetch(`${http.base}/ready`);
      expect(ready.status).to.equal(200);
    });

    it('speaks plain JSON: register by POST, then users.me by GET with a Bearer token', async () => {
      const email = `${unique('wire')}@example.test`;
      const registered = await post(http.base, 'auth.register', { email, password: PASSWORD, passwordConfirm: PASSWORD });
      expect(registered.status).to.equal(200);
      const body = (await registered.json()) as { result: { data: { accessToken: string; user: { email: string } } } };
      expect(body.result.data.user.email).to.equal(email);

      const me = await fetch(`${http.base}/trpc/users.me`, { headers: { authorization: `Bearer ${body.result.data.accessToken}` } });
      expect(me.status).to.equal(200);
      expect(((await me.json()) as { result: { data: { user: { email: string } } } }).result.data.user.email).to.equal(email);
      expect(me.headers.get('x-request-id')).to.be.a('string');

      const anonymous = await fetch(`${http.base}/trpc/users.me`);
      expect(anonymous.status).to.equal(401);
      const wrongScheme = await fetch(`${http.base}/trpc/users.me`, { headers: { authorization: `Basic ${body.result.data.accessToken}` } });
      expect(wrongScheme.status).to.equal(401);
    });

    it('answers bad input with 400 and the field paths', async () => {
      const res = await post(http.base, 'auth.register', { email: 'nope', password: 'x', passwordConfirm: 'x' });
      expect(res.status).to.equal(400);
      const { error } = (await res.json()) as { error: { message: string; data: { code: string; issues: { path: string[] }[]; stack?: string } } };
      expect(error.data.code).to.equal('BAD_REQUEST');
      expect(error.data.issues.map((i) => i.path.join('.'))).to.have.members(['email', 'password']);
      expect(error.data).to.not.have.property('stack');
    });

    it('sends security headers, no X-Powered-By, and CORS only to listed origins', async () => {
      const allowed = await fetch(`${http.base}/health`, { headers: { origin: 'https://app.example.test' } });
      expect(allowed.headers.get('access-control-allow-origin')).to.equal('https://app.example.test');
      expect(allowed.headers.get('x-content-type-options')).to.equal('nosniff');
      expect(allowed.headers.get('x-powered-by')).to.equal(null);
      const foreign = await fetch(`${http.base}/health`, { headers: { origin: 'https://evil.example' } });
      expect(foreign.headers.get('access-control-allow-origin')).to.equal(null);
    });

    it('refuses a body over the limit with 413', async () => {
      const res = await post(http.base, 'auth.login', { email: 'a@b.test', password: 'x'.repeat(app().config.bodyLimitBytes) });
      expect(res.status).to.equal(413);
    });

    it('answers an unknown route with a JSON 404', async () => {
      const res = await fetch(`${http.base}/nope`);
      expect(res.status).to.equal(404);
      expect(await res.json()).to.deep.equal({ error: 'Not found' });
    });
  });

  describe('when an IP has used its login failures', () => {
    const limiter = createAuthRateLimiter({ ...testConfig().authLimits, failuresPerIp: 1 });
    const http = serve(() => ({ ...app(), rateLimiter: limiter }));
    after(() => limiter.close());

    it('answers 429 with a Retry-After header and data.retryAfter', async () => {
      const login = () => post(http.base, 'auth.login', { email: 'nobody@example.test', password: 'whatever' });
      expect((await login()).status).to.equal(401);
      const limited = await login();
      expect(limited.status).to.equal(429);
      const retryAfter = Number(limited.headers.get('retry-after'));
      expect(retryAfter).to.be.within(1, app().config.authLimits.failureWindowSeconds);
      const { error } = (await limited.json()) as { error: { data: { retryAfter: number } } };
      expect(error.data.retryAfter).to.equal(retryAfter);
    });
  });

  describe('client addresses', () => {
    const limited = (env: Record<string, string> = {}) => {
      const limiter = createAuthRateLimiter({ ...testConfig().authLimits, failuresPerIp: 1 });
      after(() => limiter.close());
      return serve(() => ({ ...app(), config: testConfig(env), rateLimiter: limiter }));
    };
    const direct = limited();
    const proxied = limited({ TRUST_PROXY: 'loopback' });
    const login = (base: string, client: string) =>
      post(base, 'auth.login', { email: 'nobody@example.test', password: 'whatever' }, { 'x-forwarded-for': client });

    it('ignore X-Forwarded-For by default: the socket address is the client', async () => {
      expect((await login(direct.base, '198.51.100.1')).status).to.equal(401);
      expect((await login(direct.base, '198.51.100.2')).status).to.equal(429);
    });

    it('come from X-Forwarded-For behind a proxy trusted with TRUST_PROXY', async () => {
      expect((await login(proxied.base, '198.51.100.1')).status).to.equal(401);
      expect((await login(proxied.base, '198.51.100.2')).status).to.equal(401);
      expect((await login(proxied.base, '198.51.100.1')).status).to.equal(429);
    });

    it('behind that proxy, are the address it saw (the rightmost entry), never a leftmost one the client wrote', async () => {
      // The proxy appends the address it saw to whatever the client sent in X-Forwarded-For.
      expect((await login(proxied.base, '198.51.100.3')).status).to.equal(401);
      expect((await login(proxied.base, '203.0.113.7, 198.51.100.3')).status).to.equal(429);
      expect((await login(proxied.base, '198.51.100.3, 198.51.100.4')).status).to.equal(401);
    });
  });

  describe('bounded work per request', () => {
    const http = serve(app);
    const paths = (path: string, count: number) => Array(count).fill(path).join(',');
    const inputs = (count: number, input: unknown) => Object.fromEntries(Array.from({ length: count }, (_, i) => [i, input]));
    const getBatch = (path: string, count: number) =>
      fetch(`${http.base}/trpc/${paths(path, count)}?batch=1&input=${encodeURIComponent(JSON.stringify(inputs(count, null)))}`);
    const postBatch = (batch: string, body: unknown) =>
      fetch(`${http.base}/trpc/${batch}?batch=1`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

    it(`refuses a batch of more than ${MAX_BATCH_SIZE} calls with 400 before running any`, async () => {
      const tooMany = await getBatch('users.me', MAX_BATCH_SIZE + 1);
      expect(tooMany.status).to.equal(400);
      const { error } = (await tooMany.json()) as { error: { message: string; data: { code: string } } };
      expect(error.message).to.equal('Batch call exceeds maximum size');
      expect(error.data.code).to.equal('BAD_REQUEST');
      const allowed = (await (await getBatch('users.me', MAX_BATCH_SIZE)).json()) as { error: { data: { code: string } } }[];
      expect(allowed.map((r) => r.error.data.code)).to.deep.equal(Array(MAX_BATCH_SIZE).fill('UNAUTHORIZED'));
    });

    it('runs bcrypt for at most one call of a batch: two logins in one request are refused whole', async () => {
      const { email } = await signUp();
      const credentials = { email, password: PASSWORD };
      const res = await postBatch(paths('auth.login', 2), inputs(2, credentials));
      expect(res.status).to.equal(400);
      const answers = (await res.json()) as { error: { message: string } }[];
      expect(answers).to.have.length(2);
      for (const answer of answers) expect(answer.error.message).to.match(/only one login/);
      const one = await postBatch('auth.logout,auth.login', { 0: { refreshToken: 'x' }, 1: credentials });
      expect(((await one.json()) as { result?: unknown }[])[1]).to.have.property('result');
    });

    it('queues bcrypt work and answers 503 with Retry-After once the queue is full', async () => {
      let release = () => {};
      const held = new Promise<void>((resolve) => (release = resolve));
      const blockers = Array.from({ length: BCRYPT_CONCURRENCY + BCRYPT_MAX_WAITING }, () => bcryptWork.run(() => held));
      try {
        const busy = await post(http.base, 'auth.login', { email: 'nobody@example.test', password: 'whatever' });
        expect(busy.status).to.equal(503);
        expect(busy.headers.get('retry-after')).to.equal('1');
        const { error } = (await busy.json()) as { error: { data: { code: string; retryAfter: number } } };
        expect(error.data).to.include({ code: 'SERVICE_UNAVAILABLE', retryAfter: 1 });
      } finally {
        release();
        await Promise.all(blockers);
      }
      expect((await post(http.base, 'auth.login', { email: 'nobody@example.test', password: 'whatever' })).status).to.equal(401);
    });
  });

  describe('when the database is unreachable', () => {
    let broken: MikroORM;
    before(async () => {
      // A port nothing listens on: every connection is refused (test/outage.test.ts stops and freezes a real server).
      broken = await MikroORM.init(ormOptions(`postgresql://postgres@127.0.0.1:${await freePort()}/omni`));
    });
    after(() => broken.close());
    const http = serve(() => ({ ...app(), orm: broken }));

    it('/ready answers 503 while /health stays 200', async () => {
      expect((await fetch(`${http.base}/ready`)).status).to.equal(503);
      expect((await fetch(`${http.base}/health`)).status).to.equal(200);
    });

    it('a procedure answers 503 SERVICE_UNAVAILABLE: no stack, no driver message', async () => {
      const res = await post(http.base, 'auth.login', { email: 'a@b.test', password: 'whatever' });
      expect(res.status).to.equal(503);
      const { error } = (await res.json()) as { error: { message: string; data: Record<string, unknown> } };
      expect(error.data.code).to.equal('SERVICE_UNAVAILABLE');
      expect(error.message).to.equal('The database is unavailable; try again shortly');
      expect(error.data).to.not.have.property('stack');
      expect(JSON.stringify(error)).to.not.match(/pool|knex|kysely|connect/i);
    });
  });
});
