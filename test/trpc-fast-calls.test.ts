import { expect } from 'chai';
import { connect } from 'node:net';
import { signUp } from './support/fixtures.js';
import { startHttpApp } from './support/http.js';
import { createItem } from './support/items.js';

/**
 * Queries and mutations of one call are answered by src/trpc/fast-calls.ts; a batch of one, or
 * a call with a `trpc-accept` header, goes through tRPC's HTTP adapter. Both must say the same,
 * success or error, status and body.
 */
describe('tRPC GET queries outside the adapter', () => {
  let http: Awaited<ReturnType<typeof startHttpApp>>;
  before(async () => (http = await startHttpApp()));
  after(() => http.stop());

  async function both(path: string, input: unknown, token?: string) {
    const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
    const query = input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`;
    const batchInput = encodeURIComponent(JSON.stringify(input === undefined ? {} : { 0: input }));
    const single = await fetch(`${http.baseUrl}/trpc/${path}${query}`, { headers });
    const batch = await fetch(`${http.baseUrl}/trpc/${path}?batch=1&input=${batchInput}`, { headers });
    const [batched] = (await batch.json()) as unknown[];
    return { single: { status: single.status, type: single.headers.get('content-type'), vary: single.headers.get('vary'), body: await single.json() }, batch: { status: batch.status, body: batched } };
  }

  it('answers like the adapter: a page, an item, NOT_FOUND, BAD_REQUEST with paths, UNAUTHORIZED', async () => {
    const shop = await signUp();
    const item = await createItem(shop, { cardDetails: { game: 'Pokemon' } });
    const cases: [string, unknown, string | undefined, number][] = [
      ['items.list', { limit: 1 }, shop.accessToken, 200],
      ['items.list', undefined, shop.accessToken, 200],
      ['items.get', { id: item.id }, shop.accessToken, 200],
      ['items.get', { id: '0196a1b2-0000-7000-8000-000000000000' }, shop.accessToken, 404],
      ['items.get', { id: 'nope' }, shop.accessToken, 400],
      ['items.list', { cursor: 'nope' }, shop.accessToken, 400],
      ['items.list', {}, undefined, 401],
      ['users.me', undefined, shop.accessToken, 200],
    ];
    for (const [path, input, token, status] of cases) {
      const { single, batch } = await both(path, input, token);
      const label = `${path} ${JSON.stringify(input)}`;
      expect(single.status, label).to.equal(status);
      expect(batch.status, label).to.equal(status);
      expect(single.body, label).to.deep.equal(batch.body);
      expect([single.type, single.vary], label).to.deep.equal(['application/json', 'trpc-accept, accept']);
    }
  });

  it('leaves input that is not JSON, mutations and unknown paths to the adapter', async () => {
    // The adapter reads the input only when the procedure asks for it: the token is checked first.
    const notJson = await fetch(`${http.baseUrl}/trpc/items.list?input=%7Bnope`);
    expect(notJson.status).to.equal(401);
    expect((await fetch(`${http.baseUrl}/trpc/items.create`)).status).to.equal(405);
    expect((await fetch(`${http.baseUrl}/trpc/items.nope`)).status).to.equal(404);
  });
});

describe('tRPC POST mutations outside the adapter', () => {
  let http: Awaited<ReturnType<typeof startHttpApp>>;
  before(async () => (http = await startHttpApp({ BODY_LIMIT_BYTES: '4096' })));
  after(() => http.stop());

  /** The same call answered by the fast path and by the adapter (which `trpc-accept` selects). */
  async function both(path: string, body: string | ((via: string) => string), token?: string, contentType = 'application/json') {
    const headers: Record<string, string> = { 'content-type': contentType, ...(token ? { authorization: `Bearer ${token}` } : {}) };
    const answer = async (via: string, extra: Record<string, string>) => {
      const res = await fetch(`${http.baseUrl}/trpc/${path}`, { method: 'POST', headers: { ...headers, ...extra }, body: typeof body === 'string' ? body : body(via) });
      return { status: res.status, type: res.headers.get('content-type'), body: (await res.json()) as { result?: { data: Record<string, unknown> }; error?: unknown } };
    };
    return { fast: await answer('fast', {}), adapter: await answer('adapter', { 'trpc-accept': 'application/json' }) };
  }

  it('creates as the adapter does, and answers its errors alike: BAD_REQUEST with paths, not JSON, too large, UNAUTHORIZED before the body', async () => {
    const shop = await signUp();
    const created = await both('items.create', (via) => JSON.stringify({ name: 'Fast card', sku: `FAST-${via}`, quantity: 2, price: '1.50' }), shop.accessToken);
    expect([created.fast.status, created.adapter.status]).to.deep.equal([200, 200]);
    const differing = ['id', 'sku', 'createdAt', 'updatedAt'];
    const alike = (item: Record<string, unknown>) => Object.fromEntries(Object.entries(item).filter(([key]) => !differing.includes(key)));
    const [fastItem, adapterItem] = [created.fast.body.result!.data, created.adapter.body.result!.data];
    expect(alike(fastItem)).to.deep.equal(alike(adapterItem));
    const stored = (await shop.caller.items.list({})).items.map((item) => [item.id, item.sku, item.quantity]);
    expect(stored).to.have.deep.members([[fastItem.id, 'FAST-fast', 2], [adapterItem.id, 'FAST-adapter', 2]]);

    const huge = JSON.stringify({ name: 'x'.repeat(5000), sku: 'HUGE', price: '1.00' });
    const cases: [string, string, string | undefined, number][] = [
      ['items.create', JSON.stringify({ name: '', sku: 'A', price: 'free' }), shop.accessToken, 400],
      ['items.create', '{nope', shop.accessToken, 400],
      ['items.create', huge, shop.accessToken, 413],
      ['items.create', huge, undefined, 401],
      ['items.create', '', shop.accessToken, 400],
    ];
    for (const [path, body, token, status] of cases) {
      const { fast, adapter } = await both(path, body, token);
      const label = `${path} ${body.slice(0, 40)}`;
      expect([fast.status, adapter.status], label).to.deep.equal([status, status]);
      expect(fast.body, label).to.deep.equal(adapter.body);
      expect(fast.type, label).to.equal('application/json');
    }
    expect((await shop.caller.items.list({})).total).to.equal(2);
  });

  it('carries out a call whose client went away right after sending it, as the adapter does', async () => {
    const shop = await signUp();
    const body = JSON.stringify({ name: 'Sent and gone', sku: 'GONE', price: '1.00' });
    const { port } = new URL(http.baseUrl);
    const socket = connect(Number(port), '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    socket.end(
      `POST /trpc/items.create HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${shop.accessToken}\r\n` +
        `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
    socket.destroy();
    let stored: string[] = [];
    for (let wait = 0; wait < 50 && stored.length === 0; wait++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      stored = (await shop.caller.items.list({})).items.map((item) => item.sku);
    }
    expect(stored).to.deep.equal(['GONE']);
  });

  it('leaves other content types and queries sent as POST to the adapter', async () => {
    const shop = await signUp();
    const text = await both('items.create', JSON.stringify({ name: 'Plain', sku: 'PLAIN', price: '1.00' }), shop.accessToken, 'text/plain');
    expect(text.fast).to.deep.equal(text.adapter);
    expect(text.fast.status).to.equal(415);
    const posted = await both('items.list', '{}', shop.accessToken);
    expect(posted.fast).to.deep.equal(posted.adapter);
    expect(posted.fast.status).to.equal(405);
    expect((await shop.caller.items.list({})).total).to.equal(0);
  });
});
