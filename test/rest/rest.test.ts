import { MikroORM } from '@mikro-orm/postgresql';
import { expect } from 'chai';
import { freePort } from '../../src/db/embedded.js';
import { ormOptions } from '../../src/db/orm.js';
import { createAuthRateLimiter } from '../../src/modules/identity/rate-limit.js';
import { openApiDocument } from '../../src/rest/openapi.js';
import type { StoragePort } from '../../src/modules/media/storage/port.js';
import { app, testConfig } from '../support/app.js';
import { callerAs, expectTRPCError, joinAs, PASSWORD, signUp, unique } from '../support/fixtures.js';
import { startHttpApp } from '../support/http.js';
import { createItem } from '../support/items.js';
import { csvOf, runImport } from '../support/imports.js';
import { sell, totalOf } from '../support/sales.js';
import { errorOf, restCall, restFetch, trpcCall, type Answer } from '../support/rest.js';

type Server = Awaited<ReturnType<typeof startHttpApp>>;

const DAY = 86_400_000;

/** Both transports answered the same: status and data, or status and every field of the error. */
function expectTwins(rest: Answer, trpc: Answer, what: string) {
  expect(rest.status, `${what}: status`).to.equal(trpc.status);
  expect(rest.body, what).to.deep.equal(trpc.body);
}

describe('REST /api/v1', () => {
  let server: Server;
  before(async () => (server = await startHttpApp()));
  after(() => server.stop());
  const rest = (procedure: string, input?: Record<string, unknown>, token?: string) => restCall(server.baseUrl, procedure, input, token);
  const trpc = (procedure: string, input?: unknown, token?: string) => trpcCall(server.baseUrl, procedure, input, token);

  /** A vendor with a stocked item, its sale and history, a second store, a staff member and an invitation. */
  async function shop() {
    const owner = await signUp();
    const staff = await joinAs(owner, 'staff');
    const store = await owner.caller.stores.create({ name: unique('Annex') });
    const item = await createItem(owner, { quantity: 3, price: '12.50', category: 'trading_card', cardDetails: { game: 'Pokémon' } });
    const sale = await sell(owner, [[item.id, 1]]);
    await owner.caller.items.update({ id: item.id, price: '14.00' });
    const invitation = await owner.caller.invitations.create({ email: `${unique('invitee')}@example.test`, role: 'viewer' });
    return { owner, staff, store, item, sale, invitation };
  }

  it('answers every query as /trpc does, in every domain', async () => {
    const { owner, item, sale } = await shop();
    // An item in stock and unsold for 60 days (a slow mover), and a dry run that found one bad row.
    const idle = await createItem(owner, { quantity: 2, intakePrice: '3.00' });
    await app().orm.em.fork().execute('update items set created_at = ? where id = ?', [new Date(Date.now() - 60 * DAY), idle.id]);
    const csv = csvOf([['sku', 'name', 'quantity'], [unique('IMP'), 'Imported', 1], [unique('NEG'), 'Negative', -2]]);
    const job = await runImport(owner, { csv, mode: 'dryRun' });
    const period = { from: new Date(Date.now() - DAY).toISOString(), to: new Date(Date.now() + DAY).toISOString() };
    const queries: [string, Record<string, unknown> | undefined][] = [
      ['users.me', undefined],
      ['users.activity', { limit: 5 }],
      ['vendors.list', undefined],
      ['vendors.current', undefined],
      ['stores.list', { includeArchived: true }],
      ['members.list', undefined],
      ['invitations.list', undefined],
      ['invitations.mine', undefined],
      ['items.list', { category: 'trading_card', inStock: true, minPrice: '1.00', sort: 'price', order: 'asc', limit: 10 }],
      ['items.get', { id: item.id }],
      ['items.movements', { id: item.id, limit: 5 }],
      ['items.priceHistory', { id: item.id }],
      ['inventory.overview', undefined],
      ['sales.get', { id: sale.id }],
      ['sales.list', { ...period, status: 'completed', paymentMethod: 'cash', itemId: item.id, limit: 5 }],
      ['reports.sales', { ...period, groupBy: 'item' }],
      ['reports.topSellers', { ...period, by: 'revenue', limit: 5 }],
      ['reports.slowMovers', { days: 30, limit: 5 }],
      ['reports.inventoryValue', { asOf: new Date().toISOString() }],
      ['imports.get', { id: job.id }],
      ['imports.list', { status: 'succeeded', limit: 5 }],
      ['imports.errors', { id: job.id, limit: 5 }],
      ['audit.list', { entity: 'Item', limit: 5 }],
    ];
    const answers: Record<string, unknown> = {};
    for (const [procedure, input] of queries) {
      const twin = await trpc(procedure, input, owner.accessToken);
      expect(twin.status, procedure).to.equal(200);
      const answer = await rest(procedure, input, owner.accessToken);
      expectTwins(answer, twin, procedure);
      answers[procedure] = answer.body;
    }
    const ids = (page: unknown, key = 'id') => (page as { items: Record<string, unknown>[] }).items.map((row) => row[key]);
    expect(ids(answers['sales.list'])).to.deep.equal([sale.id]);
    expect((answers['reports.topSellers'] as { itemId: string }[]).map((row) => row.itemId)).to.deep.equal([item.id]);
    expect(ids(answers['reports.slowMovers'], 'itemId')).to.deep.equal([idle.id]);
    expect((answers['reports.inventoryValue'] as { totals: { units: number } }).totals.units).to.equal(4);
    expect(ids(answers['imports.list'])).to.deep.equal([job.id]);
    expect(ids(answers['imports.errors'], 'column')).to.deep.equal(['quantity']);
    expect(ids(answers['items.list'])).to.deep.equal([item.id]);
  });

  it('runs mutations as /trpc does: what REST wrote, tRPC reads back', async () => {
    const { owner, staff, item } = await shop();
    const token = owner.accessToken;

    const email = `${unique('rest')}@example.test`;
    const registered = await rest('auth.register', { email, password: PASSWORD, passwordConfirm: PASSWORD, vendorName: unique('Rest Cards') });
    expect(registered.status).to.equal(200);
    const { user, accessToken } = registered.body as { user: { id: string }; accessToken: string };
    expect(((await trpc('users.me', undefined, accessToken)).body as { user: unknown }).user).to.deep.equal(user);
    const loggedIn = await rest('auth.login', { email, password: PASSWORD });
    expect((loggedIn.body as { user: unknown }).user).to.deep.equal(user);

    const created = await rest('items.create', { name: 'Mew', sku: unique('MEW'), quantity: 2, price: '99.00' }, token);
    expect(created.status).to.equal(200);
    const id = (created.body as { id: string }).id;
    expect(created.body).to.deep.equal((await trpc('items.get', { id }, token)).body);
    const updated = await rest('items.update', { id, name: 'Mew (promo)', expectedVersion: 1 }, token);
    expect(updated.body).to.include({ name: 'Mew (promo)', version: 2 });
    expect(updated.body).to.deep.equal((await trpc('items.get', { id }, token)).body);
    const adjusted = await rest('items.adjustStock', { id, delta: -2, reason: 'damage' }, token);
    expect((adjusted.body as { item: unknown }).item).to.deep.equal((await trpc('items.get', { id }, token)).body);
    expect((adjusted.body as { movement: unknown }).movement).to.include({ delta: -2, quantityBefore: 2, quantityAfter: 0, reason: 'damage' });
    expect((await rest('items.archive', { id }, token)).body).to.include({ status: 'archived' });
    expect((await rest('items.delete', { id }, token)).body).to.deep.equal({ ok: true });
    expect((await trpc('items.get', { id }, token)).status).to.equal(404);
    expect((await rest('items.delete', { id: item.id }, token)).status, 'a sold item').to.equal(409);

    const store = await rest('stores.create', { name: 'Convention booth', type: 'popup' }, token);
    expect((await trpc('stores.list', undefined, token)).body).to.deep.include(store.body);
    const invited = await rest('invitations.create', { email: `${unique('new')}@example.test`, role: 'staff' }, token);
    const { token: _secret, mailed: _mailed, ...invitation } = invited.body as Record<string, unknown>;
    expect((await trpc('invitations.list', undefined, token)).body).to.deep.include(invitation);
    const promoted = await rest('members.updateRole', { memberId: staff.memberId, role: 'admin' }, token);
    const listed = ((await trpc('members.list', undefined, token)).body as { id: string }[]).find((m) => m.id === staff.memberId);
    expect(listed).to.deep.include(promoted.body as object);
    const upload = await rest('media.createUploadUrl', { fileName: 'card.png', contentType: 'image/png', size: 1000 }, token);
    expect(upload.status).to.equal(200);
    expect(upload.body).to.have.keys('uploadUrl', 'path', 'publicUrl', 'expiresAt');

    const lines = [{ itemId: item.id, quantity: 1 }];
    const sold = await rest('sales.create', { lines, payments: [{ method: 'card', amount: await totalOf(owner, lines, {}) }], note: 'over REST' }, token);
    expect(sold.status).to.equal(200);
    const saleId = (sold.body as { id: string }).id;
    expect(sold.body).to.deep.equal((await trpc('sales.get', { id: saleId }, token)).body);
    expect(sold.body).to.deep.include({ note: 'over REST', payments: [{ method: 'card', amount: '14.00', tendered: null }] });
    expect((await trpc('items.get', { id: item.id }, token)).body).to.include({ quantity: 1 });
  });

  describe('errors: the HTTP status and every field of tRPC’s error.data', () => {
    it('BAD_REQUEST, UNAUTHORIZED, FORBIDDEN, NOT_FOUND (also for another vendor’s id) and CONFLICT', async () => {
      const { owner, item } = await shop();
      const viewer = await joinAs(owner, 'viewer');
      const stranger = await signUp();
      const stale = await owner.caller.items.update({ id: item.id, name: 'Renamed' });
      const tooMany = [{ itemId: item.id, quantity: 5 }];
      const shortSale = { lines: tooMany, payments: [{ method: 'cash', amount: await totalOf(owner, tooMany, {}) }] };
      const cases: [string, string, Record<string, unknown>, string | undefined, number][] = [
        ['bad input', 'items.create', { name: '', sku: 'x', quantity: -1, price: '1.234' }, owner.accessToken, 400],
        ['no token', 'users.me', {}, undefined, 401],
        ['a forged token', 'items.list', {}, 'not-a-token', 401],
        ['a viewer writing', 'items.create', { name: 'x', sku: 'y' }, viewer.accessToken, 403],
        ['another vendor’s item', 'items.get', { id: item.id }, stranger.accessToken, 404],
        ['a missing item', 'items.get', { id: '01970000-0000-7000-8000-000000000000' }, owner.accessToken, 404],
        ['a duplicate SKU', 'items.create', { name: 'x', sku: item.sku }, owner.accessToken, 409],
        ['missing stock', 'items.adjustStock', { id: item.id, delta: -100, reason: 'sale' }, owner.accessToken, 409],
        ['a sale of missing stock', 'sales.create', shortSale, owner.accessToken, 409],
        ['a stale version', 'items.update', { id: item.id, price: '1.00', expectedVersion: stale.version - 1 }, owner.accessToken, 409],
        ['the last owner', 'members.remove', { memberId: (await owner.caller.users.me()).member!.id }, owner.accessToken, 409],
      ];
      const documented = Object.keys((openApiDocument().components!.schemas!.Error as { properties: object }).properties);
      for (const [what, procedure, input, token, status] of cases) {
        const answer = await rest(procedure, input, token);
        expect(answer.status, what).to.equal(status);
        expectTwins(answer, await trpc(procedure, input, token), what);
        expect(errorOf(answer).path, what).to.equal(procedure);
        expect(documented, `${what}: every field is in the OpenAPI Error schema`).to.include.members(Object.keys(errorOf(answer)));
      }
      const [sku, stock, shortSaleAnswer, version] = await Promise.all(cases.filter((c) => c[4] === 409).map(([, p, input, token]) => rest(p, input, token)));
      expect(errorOf(sku!)).to.include({ field: 'sku' });
      expect(errorOf(stock!)).to.include({ available: 2 });
      expect(errorOf(shortSaleAnswer!)).to.deep.include({ available: 2, shortItems: [{ itemId: item.id, requested: 5, available: 2 }] });
      expect(errorOf(version!)).to.include({ currentVersion: stale.version });
      expect(errorOf(await rest('items.create', cases[0]![2], owner.accessToken)).issues!.map((i) => i.path.join('.'))).to.have.members([
        'name',
        'quantity',
        'price',
      ]);
    });

    it('answers what is no route, no JSON object or too large in the same body', async () => {
      const { owner } = await shop();
      const unknown = await restFetch(server.baseUrl, 'GET', '/nothing-here', { token: owner.accessToken });
      expect(unknown.status).to.equal(404);
      expect(unknown.body).to.deep.equal({ message: 'No route GET /api/v1/nothing-here', code: 'NOT_FOUND', httpStatus: 404 });
      const wrongMethod = await restFetch(server.baseUrl, 'PUT', '/items', { token: owner.accessToken, body: {} });
      expect(errorOf(wrongMethod)).to.include({ code: 'NOT_FOUND', httpStatus: 404 });

      const post = (body: string, contentType: string) =>
        fetch(`${server.baseUrl}/api/v1/items`, { method: 'POST', headers: { authorization: `Bearer ${owner.accessToken}`, 'content-type': contentType }, body });
      const broken = await post('{"name": ', 'application/json');
      expect(broken.status).to.equal(400);
      expect(await broken.json()).to.include({ code: 'BAD_REQUEST', httpStatus: 400 });
      const list = await post('[1, 2]', 'application/json; charset=utf-8');
      expect(await list.json()).to.deep.include({ code: 'BAD_REQUEST', issues: [{ path: [], message: 'the body must be a JSON object' }] });
      const form = await post('name=x&sku=y', 'application/x-www-form-urlencoded');
      expect(form.status).to.equal(415);
      expect(await form.json()).to.include({ code: 'BAD_REQUEST', httpStatus: 415, message: 'Send the body as application/json' });
      const big = { name: 'x'.repeat(app().config.bodyLimitBytes), sku: 'y' };
      const huge = await rest('items.create', big, owner.accessToken);
      expectTwins(huge, await trpc('items.create', big, owner.accessToken), 'a body over the limit');
      expect(huge.body).to.deep.equal({ message: 'The request body is larger than the server accepts', code: 'PAYLOAD_TOO_LARGE', httpStatus: 413, path: 'items.create' });
    });

    describe('TOO_MANY_REQUESTS', () => {
      const limiter = createAuthRateLimiter({ ...testConfig().authLimits, failuresPerIp: 1 });
      let limited: Server;
      before(async () => (limited = await startHttpApp({}, { rateLimiter: limiter })));
      after(async () => {
        await limited.stop();
        await limiter.close();
      });

      it('has retryAfter and a Retry-After header, as over /trpc', async () => {
        const wrong = { email: 'nobody@example.test', password: 'whatever' };
        expect((await restCall(limited.baseUrl, 'auth.login', wrong)).status).to.equal(401);
        const answer = await restCall(limited.baseUrl, 'auth.login', wrong);
        const twin = await trpcCall(limited.baseUrl, 'auth.login', wrong);
        expect([answer.status, twin.status]).to.deep.equal([429, 429]);
        // The two calls are a moment apart, so the seconds to wait may differ by one.
        const { retryAfter, ...body } = errorOf(answer);
        const { retryAfter: twinRetryAfter, ...twinBody } = errorOf(twin);
        expect(body).to.deep.equal(twinBody);
        expect(body).to.include({ code: 'TOO_MANY_REQUESTS', httpStatus: 429, path: 'auth.login' });
        expect(retryAfter).to.be.within(twinRetryAfter! - 1, twinRetryAfter!);
        expect(Number(answer.headers.get('retry-after'))).to.equal(retryAfter).and.to.be.within(1, 900);
      });
    });

    describe('INTERNAL_SERVER_ERROR', () => {
      let failing: Server;
      before(async () => {
        // The run's storage, but signing fails with an error no client should see.
        const storage = Object.create(app().storage) as StoragePort;
        storage.createUploadUrl = () => Promise.reject(new Error('cannot sign: key at /srv/secrets/storage.key'));
        failing = await startHttpApp({}, { storage });
      });
      after(() => failing.stop());

      it('answers 500 with a generic message, no cause and no stack, as over /trpc', async () => {
        const owner = await signUp();
        const input = { fileName: 'card.png', contentType: 'image/png', size: 1000 };
        const answer = await restCall(failing.baseUrl, 'media.createUploadUrl', input, owner.accessToken);
        expectTwins(answer, await trpcCall(failing.baseUrl, 'media.createUploadUrl', input, owner.accessToken), 'a storage that throws');
        expect(answer.body).to.deep.equal({ message: 'Internal server error', code: 'INTERNAL_SERVER_ERROR', httpStatus: 500, path: 'media.createUploadUrl' });
      });
    });

    describe('SERVICE_UNAVAILABLE', () => {
      let broken: MikroORM;
      let down: Server;
      before(async () => {
        broken = await MikroORM.init(ormOptions(`postgresql://postgres@127.0.0.1:${await freePort()}/omni`));
        down = await startHttpApp({}, { orm: broken });
      });
      after(async () => {
        await down.stop();
        await broken.close();
      });

      it('answers 503 with the same body as /trpc while the database is unreachable', async () => {
        const input = { email: 'a@b.test', password: 'whatever' };
        const answer = await restCall(down.baseUrl, 'auth.login', input);
        expect(answer.status).to.equal(503);
        expectTwins(answer, await trpcCall(down.baseUrl, 'auth.login', input), 'login');
        expect(errorOf(answer)).to.include({ code: 'SERVICE_UNAVAILABLE', message: 'The database is unavailable; try again shortly' });
      });
    });
  });

  describe('query strings', () => {
    const issuesOf = (answer: Answer) => errorOf(answer).issues!.map((i) => [i.path.join('.'), i.message]);

    it('take booleans as true/false only, and filter by them', async () => {
      const owner = await signUp();
      const stocked = await createItem(owner, { quantity: 2 });
      const empty = await createItem(owner, { quantity: 0 });
      const list = async (query: string) => restFetch(server.baseUrl, 'GET', `/items${query}`, { token: owner.accessToken });
      const ids = async (query: string) => ((await list(query)).body as { items: { id: string }[] }).items.map((i) => i.id);
      expect(await ids('?inStock=false')).to.deep.equal([empty.id]);
      expect(await ids('?inStock=true')).to.deep.equal([stocked.id]);
      expect(await ids('')).to.have.members([stocked.id, empty.id]);
      for (const value of ['0', '1', '', 'TRUE', 'yes']) {
        const answer = await list(`?inStock=${value}`);
        expect(answer.status, value).to.equal(400);
        expect(issuesOf(answer), value).to.deep.equal([['inStock', 'must be true or false']]);
      }
      expect(issuesOf(await restFetch(server.baseUrl, 'GET', '/stores?includeArchived=1', { token: owner.accessToken }))).to.deep.equal([
        ['includeArchived', 'must be true or false'],
      ]);
    });

    it('take numbers as digits only, refuse empty and repeated values on their field', async () => {
      const owner = await signUp();
      await createItem(owner);
      await createItem(owner);
      const list = (query: string) => restFetch(server.baseUrl, 'GET', `/items${query}`, { token: owner.accessToken });
      expect(((await list('?limit=1')).body as { items: unknown[] }).items).to.have.length(1);
      for (const value of ['abc', '', '1e1', ' 5', '2.5', '0x10']) {
        expect(issuesOf(await list(`?limit=${encodeURIComponent(value)}`)), value).to.deep.equal([['limit', 'must be a whole number']]);
      }
      expect(issuesOf(await list('?limit=500'))).to.deep.equal([['limit', 'must be at most 200']]);
      expect(issuesOf(await list('?limit=2&limit=3&inStock=true&inStock=true'))).to.deep.equal([
        ['limit', 'must be given once'],
        ['inStock', 'must be given once'],
      ]);
      expect(issuesOf(await list('?search='))).to.deep.equal([['search', 'must not be empty']]);
      expect(errorOf(await list('?colour=red')).code).to.equal('BAD_REQUEST');
    });

    it('leave /trpc with real booleans and numbers, and JSON bodies uncoerced, after REST has served the same schemas', async () => {
      const owner = await signUp();
      const stocked = await createItem(owner, { quantity: 1 });
      await restFetch(server.baseUrl, 'GET', '/items?inStock=true&limit=5', { token: owner.accessToken });
      await rest('items.create', { name: 'x', sku: unique('SKU') }, owner.accessToken);
      const page = await owner.caller.items.list({ inStock: true, limit: 5 });
      expect(page.items.map((i) => i.id)).to.deep.equal([stocked.id]);
      await expectTRPCError(callerAs(owner.accessToken).items.list({ inStock: 0 as never }), 'BAD_REQUEST');
      for (const quantity of [null, '3', true]) {
        await expectTRPCError(owner.caller.items.create({ name: 'x', sku: unique('SKU'), quantity: quantity as never }), 'BAD_REQUEST');
        const answer = await rest('items.create', { name: 'x', sku: unique('SKU'), quantity }, owner.accessToken);
        expect(issuesOf(answer), String(quantity)).to.have.length(1);
      }
      const images = await rest('items.create', { name: 'x', sku: unique('SKU'), images: [{ url: 'https://images.example.test/a.jpg', isPrimary: 'false' }] }, owner.accessToken);
      expect(issuesOf(images).map(([path]) => path)).to.deep.equal(['images.0.isPrimary']);
    });
  });
});
