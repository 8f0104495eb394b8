import { expect } from 'chai';
import { callerAs, expectTRPCError, issuePaths, signUp, type SignedUp } from '../../support/fixtures.js';
import { createItem, IMAGE } from '../../support/items.js';
import { countStatements } from '../../support/statements.js';

/** A small known catalogue: what each filter and sort must return is written out by hand. */
async function catalogue(shop: SignedUp) {
  const popup = await shop.caller.stores.create({ name: 'Popup' });
  const make = (sku: string, overrides: Parameters<typeof createItem>[1]) => createItem(shop, { sku, name: sku, ...overrides });
  await make('PKM-001', { name: 'Pikachu Illustrator', category: 'trading_card', price: '50.00', quantity: 3, condition: 'Near Mint', cardDetails: { game: 'Pokemon', setName: 'CoroCoro Promo', language: 'Japanese', gradingCompany: 'PSA', grade: 9, marketRegion: 'JP' } });
  await make('PKM-002', { name: 'Charizard', category: 'trading_card', price: '300.00', quantity: 0, cardDetails: { game: 'Pokemon', setName: 'Base Set', language: 'English', gradingCompany: 'BGS', grade: 8.5 } });
  await make('MTG-001', { name: 'Black Lotus', category: 'trading_card', price: '9000.00', quantity: 1, description: 'Alpha edition power', cardDetails: { game: 'Magic', setName: 'Alpha', language: 'English' } });
  await make('VG-001', { name: 'Chrono Trigger', category: 'video_game', price: '120.00', quantity: 10, attributes: { platform: 'SNES', completeness: 'cib' } });
  await make('APP-001', { name: 'Pikachu Hoodie', category: 'apparel', price: '45.00', quantity: 5, storeId: popup.id });
  const archived = await make('VG-002', { name: 'Earthbound', category: 'video_game', price: '200.00', quantity: 1 });
  await shop.caller.items.archive({ id: archived.id });
  return { popup };
}

const skus = (page: { items: { sku: string }[] }) => page.items.map((i) => i.sku);

describe('items.list', () => {
  it('filters by each field against a known catalogue', async () => {
    const shop = await signUp();
    const { popup } = await catalogue(shop);
    const list = (input: Parameters<typeof shop.caller.items.list>[0]) => shop.caller.items.list({ sort: 'sku', order: 'asc', ...input }).then(skus);
    expect(await list({})).to.deep.equal(['APP-001', 'MTG-001', 'PKM-001', 'PKM-002', 'VG-001']);
    const charizard = (await shop.caller.items.list({ search: 'charizard' })).items[0]!;
    expect(charizard.cardDetails).to.include({ game: 'Pokemon', setName: 'Base Set', gradingCompany: 'BGS', grade: 8.5 });
    expect(charizard).to.include({ price: '300.00', quantity: 0, vendorId: shop.vendor.id });
    expect(await list({ status: 'archived' })).to.deep.equal(['VG-002']);
    expect(await list({ search: 'pikachu' })).to.deep.equal(['APP-001', 'PKM-001']);
    expect(await list({ search: 'ALPHA' })).to.deep.equal(['MTG-001']);
    expect(await list({ search: 'corocoro' })).to.deep.equal(['PKM-001']);
    expect(await list({ search: 'vg-0' })).to.deep.equal(['VG-001']);
    expect(await list({ search: '100%_' })).to.deep.equal([]);
    expect(await list({ category: 'trading_card' })).to.deep.equal(['MTG-001', 'PKM-001', 'PKM-002']);
    expect(await list({ condition: 'Near Mint' })).to.deep.equal(['PKM-001']);
    expect(await list({ storeId: popup.id })).to.deep.equal(['APP-001']);
    expect(await list({ game: 'Pokemon' })).to.deep.equal(['PKM-001', 'PKM-002']);
    expect(await list({ setName: 'Base Set' })).to.deep.equal(['PKM-002']);
    expect(await list({ language: 'English' })).to.deep.equal(['MTG-001', 'PKM-002']);
    expect(await list({ marketRegion: 'JP' })).to.deep.equal(['PKM-001']);
    expect(await list({ gradingCompany: 'BGS' })).to.deep.equal(['PKM-002']);
    expect(await list({ minPrice: '50', maxPrice: '300.00' })).to.deep.equal(['PKM-001', 'PKM-002', 'VG-001']);
    expect(await list({ inStock: true })).to.deep.equal(['APP-001', 'MTG-001', 'PKM-001', 'VG-001']);
    expect(await list({ inStock: false })).to.deep.equal(['PKM-002']);
    expect(await list({ lowStock: true })).to.deep.equal(['APP-001', 'MTG-001', 'PKM-001']);
    expect(await list({ lowStock: false })).to.deep.equal(['PKM-002', 'VG-001']);
    expect(await list({ game: 'Pokemon', inStock: true, search: 'pika' })).to.deep.equal(['PKM-001']);
    const page = await shop.caller.items.list({ game: 'Pokemon' });
    expect(page.total).to.equal(2);
  });

  it('sorts by each field both ways', async () => {
    const shop = await signUp();
    await catalogue(shop);
    const sorted = async (sort: 'name' | 'price' | 'quantity' | 'createdAt', order: 'asc' | 'desc') => skus(await shop.caller.items.list({ sort, order }));
    expect(await sorted('price', 'desc')).to.deep.equal(['MTG-001', 'PKM-002', 'VG-001', 'PKM-001', 'APP-001']);
    expect(await sorted('price', 'asc')).to.deep.equal(['APP-001', 'PKM-001', 'VG-001', 'PKM-002', 'MTG-001']);
    expect(await sorted('name', 'asc')).to.deep.equal(['MTG-001', 'PKM-002', 'VG-001', 'APP-001', 'PKM-001']);
    expect(await sorted('quantity', 'desc')).to.deep.equal(['VG-001', 'APP-001', 'PKM-001', 'MTG-001', 'PKM-002']);
    expect(await sorted('createdAt', 'desc')).to.deep.equal(['APP-001', 'VG-001', 'MTG-001', 'PKM-002', 'PKM-001']);
    expect(skus(await shop.caller.items.list())).to.deep.equal(await sorted('createdAt', 'desc'));
  });

  it('pages with a stable cursor: no duplicates or gaps while rows are inserted between pages', async () => {
    const shop = await signUp();
    // Equal prices everywhere: every page boundary is a tie that only the id can break.
    for (let i = 0; i < 7; i++) await createItem(shop, { sku: `OLD-${i}`, price: '5.00' });
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await shop.caller.items.list({ sort: 'price', order: 'desc', limit: 3, cursor });
      expect(page.total).to.equal(7 + pages);
      seen.push(...skus(page));
      cursor = page.nextCursor ?? undefined;
      await createItem(shop, { sku: `NEW-${pages++}`, price: '5.00' });
    } while (cursor);
    const old = seen.filter((sku) => sku.startsWith('OLD-'));
    expect(old.sort()).to.deep.equal(Array.from({ length: 7 }, (_, i) => `OLD-${i}`));
    expect(new Set(seen).size).to.equal(seen.length);
  });

  it('pages by createdAt through the default sort', async () => {
    const shop = await signUp();
    for (let i = 0; i < 5; i++) await createItem(shop, { sku: `S-${i}` });
    const first = await shop.caller.items.list({ limit: 2 });
    const second = await shop.caller.items.list({ limit: 2, cursor: first.nextCursor ?? undefined });
    const third = await shop.caller.items.list({ limit: 2, cursor: second.nextCursor ?? undefined });
    expect([...skus(first), ...skus(second), ...skus(third)]).to.deep.equal(['S-4', 'S-3', 'S-2', 'S-1', 'S-0']);
    expect(third.nextCursor).to.equal(null);
  });

  it('refuses bad filters, limits and cursors on their field', async () => {
    const shop = await signUp();
    const cases: [Record<string, unknown>, string][] = [
      [{ limit: 0 }, 'limit'],
      [{ limit: 201 }, 'limit'],
      [{ sort: 'color' }, 'sort'],
      [{ order: 'up' }, 'order'],
      [{ minPrice: '-1' }, 'minPrice'],
      [{ category: 'x' }, 'category'],
      [{ storeId: 'x' }, 'storeId'],
      [{ cursor: 'not-a-cursor' }, 'cursor'],
      [{ sort: 'quantity', cursor: Buffer.from(JSON.stringify(['abc', '0196a1b2-0000-7000-8000-000000000000'])).toString('base64url') }, 'cursor'],
    ];
    for (const [input, path] of cases) {
      expect(issuePaths(await expectTRPCError(shop.caller.items.list(input as never), 'BAD_REQUEST')), JSON.stringify(input)).to.include(path);
    }
  });

  it('costs the same small number of statements for a page of 5 or 50 items with details and images', async () => {
    const shop = await signUp();
    for (let i = 0; i < 50; i++) {
      await createItem(shop, { cardDetails: { game: 'Pokemon', setName: `Set ${i}` }, images: [{ url: IMAGE(`${i}a`) }, { url: IMAGE(`${i}b`) }] });
    }
    // A fresh caller per request, like HTTP: an empty identity map hides nothing.
    const small = await countStatements(() => callerAs(shop.accessToken).items.list({ limit: 5, game: 'Pokemon' }));
    const large = await countStatements(() => callerAs(shop.accessToken).items.list({ limit: 50, game: 'Pokemon' }));
    expect(large.result.items).to.have.length(50);
    expect(large.result.items.every((i) => i.images.length === 2 && i.cardDetails?.game === 'Pokemon')).to.equal(true);
    expect(large.statements.length, large.statements.join('\n')).to.equal(small.statements.length);
    // one statement: the caller with their membership, the page, the count, the page's card details, its images
    expect(large.statements.length, large.statements.join('\n')).to.equal(1);
  });
});
