import { MikroORM } from '@mikro-orm/postgresql';
import { TRPCError } from '@trpc/server';
import { expect } from 'chai';
import { openOrm, ormOptions } from '../src/db/orm.js';
import { createAuthRateLimiter, type AuthRateLimiter } from '../src/modules/identity/rate-limit.js';
import { toTRPCError } from '../src/trpc/errors.js';
import { app } from './support/app.js';
import { PASSWORD, unique } from './support/fixtures.js';
import { startHttpApp } from './support/http.js';
import { startThrowawayPostgres } from './support/throwaway-postgres.js';

/**
 * The server against a PostgreSQL of its own that the test stops and freezes: /ready and every
 * procedure that needs the database answer 503 within two seconds (logged) instead of failing
 * with 500 or hanging, and the same server recovers by itself once the database is back.
 */
describe('when the database goes away', () => {
  let postgres: Awaited<ReturnType<typeof startThrowawayPostgres>>;
  let orm: MikroORM;
  let rateLimiter: AuthRateLimiter;
  let server: Awaited<ReturnType<typeof startHttpApp>>;
  const email = `${unique('outage')}@example.test`;
  let accessToken: string;

  before(async function () {
    this.timeout(60_000);
    postgres = await startThrowawayPostgres();
    // Fewer connections than the concurrent requests below, so some of them wait for one.
    orm = await MikroORM.init(ormOptions(postgres.url, { pool: { min: 0, max: 2 } }));
    await orm.migrator.up();
    // The rate limiter's counts live in that database too, on a pool of their own.
    rateLimiter = createAuthRateLimiter(app().config.authLimits, { database: orm });
    server = await startHttpApp({}, { orm, rateLimiter });
    const registered = await call('auth.register', { email, password: PASSWORD, passwordConfirm: PASSWORD });
    expect(registered.status).to.equal(200);
    ({ accessToken } = ((await registered.json()) as { result: { data: { accessToken: string } } }).result.data);
  });
  after(async function () {
    this.timeout(60_000);
    await server?.stop();
    await rateLimiter?.close();
    await orm?.close();
    await postgres?.destroy();
  });

  const call = (path: string, body: unknown) =>
    fetch(`${server.baseUrl}/trpc/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const login = () => call('auth.login', { email, password: PASSWORD });
  const ready = () => fetch(`${server.baseUrl}/ready`);
  const bearer = () => ({ authorization: `Bearer ${accessToken}` });
  // A vendor procedure with a token, over tRPC's GET fast path and over REST.
  const listItems = () => fetch(`${server.baseUrl}/trpc/items.list?input=${encodeURIComponent('{}')}`, { headers: bearer() });
  const restItems = () => fetch(`${server.baseUrl}/api/v1/items`, { headers: bearer() });

  /** The bound on an outage's answer; the guard's own worst case is 1.5 s (src/db/outage.ts). */
  const ANSWER_WITHIN_MS = 2000;

  async function timed(label: string, request: () => Promise<Response>) {
    const started = performance.now();
    const response = await request();
    const ms = Math.round(performance.now() - started);
    console.log(`      ${label}: ${response.status} in ${ms} ms`);
    return { label, response, ms };
  }

  /**
   * /ready, several logins (on pooled connections, on new ones, waiting for one; each also counts
   * on the rate limiter's pool) and a vendor procedure over GET and REST, all at once: each
   * answers 503 within ANSWER_WITHIN_MS.
   */
  async function expectUnavailable(state: string) {
    const [readiness, rest, ...procedures] = await Promise.all([
      timed(`${state}: /ready`, ready),
      timed(`${state}: GET /api/v1/items`, restItems),
      timed(`${state}: GET items.list`, listItems),
      ...[1, 2, 3, 4].map((n) => timed(`${state}: auth.login #${n}`, login)),
    ]);
    for (const { label, response, ms } of [readiness!, rest!, ...procedures]) {
      expect(response.status, label).to.equal(503);
      expect(ms, label).to.be.below(ANSWER_WITHIN_MS);
    }
    for (const { response } of procedures) {
      const { error } = (await response.json()) as { error: { message: string; data: { code: string } } };
      expect(error.data.code).to.equal('SERVICE_UNAVAILABLE');
      expect(error.message).to.equal('The database is unavailable; try again shortly');
    }
  }

  /** Ready again by itself (after a freeze within a probe interval, 0.5 s), and procedures work. */
  async function expectAvailable() {
    while ((await ready()).status !== 200) await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await login()).status).to.equal(200);
  }

  it('lets a slow query on a live server run past the second after which a frozen one is given up', async () => {
    const [row] = await orm.em.getConnection().execute<{ slept: string }[]>(`select pg_sleep(1.6)::text as slept`);
    expect(row).to.deep.equal({ slept: '' });
  });

  it('does not read a busy process as an outage: the watchdog asks on its open connection and reads the answer before judging', async () => {
    await orm.em.getConnection().execute('select 1');
    await new Promise((resolve) => setTimeout(resolve, 100));
    const slow = orm.em.getConnection().execute<{ slept: string }[]>(`select pg_sleep(2)::text as slept`);
    // The event loop blocked for longer than the watchdog's deadline, again and again, as under heavy load.
    for (let until = performance.now() + 2000; performance.now() < until; ) {
      await new Promise((resolve) => setImmediate(resolve));
      for (const blockedUntil = performance.now() + 1100; performance.now() < blockedUntil; );
    }
    expect(await slow).to.deep.equal([{ slept: '' }]);
  });

  it('cancels a statement at the statement timeout, answered as SERVICE_UNAVAILABLE', async () => {
    const impatient = await openOrm(postgres.url, { migrate: false, statementTimeoutMs: 200 });
    try {
      const error = await impatient.em.getConnection().execute('select pg_sleep(2)').then(() => null, (e: unknown) => e);
      expect(error).to.have.property('code', '57014');
      expect(toTRPCError(new TRPCError({ code: 'INTERNAL_SERVER_ERROR', cause: error })).code).to.equal('SERVICE_UNAVAILABLE');
    } finally {
      await impatient.close();
    }
  });

  it('stopped: 503 SERVICE_UNAVAILABLE; restarted: 200 again without restarting the server', async () => {
    await expectAvailable();
    await postgres.stop();
    try {
      await expectUnavailable('stopped');
    } finally {
      await postgres.start();
    }
    await expectAvailable();
  });

  it('frozen: 503 SERVICE_UNAVAILABLE instead of hanging, an ORM still closes; resumed: 200 again', async () => {
    await expectAvailable();
    const other = await openOrm(postgres.url, { migrate: false });
    await other.em.getConnection().execute('select 1');
    await postgres.freeze();
    try {
      await expectUnavailable('frozen');
      await other.close();
    } finally {
      await postgres.resume();
    }
    await expectAvailable();
  });

  it('frozen: a login alone, counted on the rate limiter\'s pool before it reads the user, answers 503 within the bound too', async () => {
    await expectAvailable();
    await postgres.freeze();
    try {
      const { response, ms } = await timed('frozen: auth.login alone', login);
      expect(response.status).to.equal(503);
      expect(ms).to.be.below(ANSWER_WITHIN_MS);
    } finally {
      await postgres.resume();
    }
    await expectAvailable();
  });
});
