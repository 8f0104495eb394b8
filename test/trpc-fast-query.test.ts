import { expect } from 'chai';
import { signUp } from './support/fixtures.js';
import { startHttpApp } from './support/http.js';
import { createItem } from './support/items.js';

/**
 * GET queries of one call are answered by src/trpc/fast-query.ts; a batch of one goes through
 * tRPC's HTTP adapter. Both must say the same, success or error, status and body.
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
