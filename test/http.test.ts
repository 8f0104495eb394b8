import { MikroORM } from '@mikro-orm/postgresql';
import { expect } from 'chai';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { createApp } from '../src/app.js';
import { freePort } from '../src/db/embedded.js';
import { ormOptions } from '../src/db/orm.js';
import { createAuthRateLimiter } from '../src/modules/identity/rate-limit.js';
import type { AppServices } from '../src/trpc/context.js';
import { app } from './support/app.js';
import { PASSWORD, unique } from './support/fixtures.js';

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

  describe('when an IP has used its login attempts', () => {
    const limiter = createAuthRateLimiter({ points: 1, windowSeconds: 60 });
    const http = serve(() => ({ ...app(), rateLimiter: limiter }));
    after(() => limiter.close());

    it('answers 429 with a Retry-After header and data.retryAfter', async () => {
      const login = () => post(http.base, 'auth.login', { email: 'nobody@example.test', password: 'whatever' });
      expect((await login()).status).to.equal(401);
      const limited = await login();
      expect(limited.status).to.equal(429);
      const retryAfter = Number(limited.headers.get('retry-after'));
      expect(retryAfter).to.be.within(1, 60);
      const { error } = (await limited.json()) as { error: { data: { retryAfter: number } } };
      expect(error.data.retryAfter).to.equal(retryAfter);
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
