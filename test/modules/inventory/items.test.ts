import { expect } from 'chai';
import { CardDetails, Item, ItemImage, PriceChange, StockMovement } from '../../../src/modules/inventory/entities.js';
import { MAX_STOCK } from '../../../src/modules/inventory/contract.js';
import { Store } from '../../../src/modules/vendors/entities.js';
import { app } from '../../support/app.js';
import { callerAs, expectTRPCError, issuePaths, signUp } from '../../support/fixtures.js';
import { createItem, IMAGE } from '../../support/items.js';
import { joinVendor } from '../../support/members.js';

const fork = () => app().orm.em.fork();

describe('items: create, get, update', () => {
  it('creates a graded card with details, gallery, intake movement and price history', async () => {
    const shop = await signUp();
    const item = await shop.caller.items.create({
      name: 'Charizard Base Set Holo',
      sku: '  PKM-BS-004  ',
      category: 'trading_card',
      condition: 'Near Mint',
      quantity: 3,
      intakePrice: '150',
      price: '420.5',
      projectedPrice: '399.99',
      cardDetails: { game: 'Pokemon', setName: 'Base Set', cardNumber: '4/102', gradingCompany: 'PSA', grade: 9.5, certNumber: '12345678', releaseDate: '1999-01-09', externalIds: { tcgplayer: 42382 }, finish: 'holofoil' },
      images: [{ url: IMAGE('front') }, { url: IMAGE('back'), isPrimary: true }],
    });
    expect(item).to.include({ name: 'Charizard Base Set Holo', sku: 'PKM-BS-004', quantity: 3, intakePrice: '150.00', price: '420.50', projectedPrice: '399.99', status: 'active', version: 1, imageUrl: IMAGE('back'), vendorId: shop.vendor.id, createdBy: shop.user.id });
    expect(item.cardDetails).to.include({ grade: 9.5, gradingCompany: 'PSA', certNumber: '12345678', releaseDate: '1999-01-09', setName: 'Base Set' });
    expect(item.cardDetails?.externalIds).to.deep.equal({ tcgplayer: 42382 });
    expect(item.images.map((i) => [i.url, i.position, i.isPrimary])).to.deep.equal([[IMAGE('front'), 0, false], [IMAGE('back'), 1, true]]);

    const em = fork();
    const store = await em.findOneOrFail(Store, { vendor: shop.vendor.id, isDefault: true });
    expect(item.storeId).to.equal(store.id);
    const movements = await em.find(StockMovement, { item: item.id });
    expect(movements.map((m) => [m.reason, m.delta, m.quantityBefore, m.quantityAfter])).to.deep.equal([['intake', 3, 0, 3]]);
    const prices = await em.find(PriceChange, { item: item.id }, { orderBy: { field: 'asc' } });
    expect(prices.map((p) => [p.field, p.oldValue, p.newValue])).to.deep.equal([['intakePrice', null, '150.00'], ['price', null, '420.50'], ['projectedPrice', null, '399.99']]);
    expect(await shop.caller.items.get({ id: item.id })).to.deep.equal(item);
  });

  it('takes a bare imageUrl as a one-image gallery and writes no intake for quantity 0', async () => {
    const shop = await signUp();
    const item = await createItem(shop, { imageUrl: IMAGE('solo') });
    expect(item.images).to.have.length(1);
    expect(item).to.include({ imageUrl: IMAGE('solo'), quantity: 0, cardDetails: null });
    expect(await fork().count(StockMovement, { item: item.id })).to.equal(0);
  });

  it('names the field of every bad input', async () => {
    const shop = await signUp();
    const cases: [Record<string, unknown>, string][] = [
      [{ name: '' }, 'name'],
      [{ name: 'x'.repeat(256) }, 'name'],
      [{ sku: 'x'.repeat(65) }, 'sku'],
      [{ quantity: -1 }, 'quantity'],
      [{ quantity: 1.5 }, 'quantity'],
      [{ quantity: MAX_STOCK + 1 }, 'quantity'],
      [{ price: '-1.00' }, 'price'],
      [{ price: '1.234' }, 'price'],
      [{ intakePrice: '12345678901' }, 'intakePrice'],
      [{ projectedPrice: 12 }, 'projectedPrice'],
      [{ category: 'spaceship' }, 'category'],
      [{ cardDetails: { grade: 9.3 } }, 'cardDetails.grade'],
      [{ cardDetails: { grade: 10.5 } }, 'cardDetails.grade'],
      [{ cardDetails: { releaseDate: '1999-13-01' } }, 'cardDetails.releaseDate'],
      [{ cardDetails: { language: 'x'.repeat(51) } }, 'cardDetails.language'],
      [{ cardDetails: { externalIds: { tcg: { nested: true } } } }, 'cardDetails.externalIds.tcg'],
      [{ cardDetails: { colour: 'red' } }, 'cardDetails'],
      [{ images: Array.from({ length: 7 }, (_, i) => ({ url: IMAGE(`n${i}`) })) }, 'images'],
      [{ images: [{ url: 'ftp://images.example.test/a.jpg' }] }, 'images.0.url'],
      [{ images: [{ url: IMAGE('a') }, { url: 'https://evil.example.test/b.jpg' }] }, 'images.1.url'],
      [{ images: [{ url: IMAGE('a'), isPrimary: true }, { url: IMAGE('b'), isPrimary: true }] }, 'images'],
      [{ images: [{ url: IMAGE('a') }], imageUrl: IMAGE('other') }, 'imageUrl'],
      [{ imageUrl: 'not a url' }, 'imageUrl'],
      [{ category: 'video_game', attributes: { platform: 'SNES', completeness: 'mint' } }, 'attributes.completeness'],
      [{ category: 'video_game', attributes: { flavour: 'salty' } }, 'attributes'],
      [{ category: 'apparel', attributes: { size: 'M', weight: 3 } }, 'attributes'],
      [{ unknownField: 1 }, ''],
    ];
    for (const [overrides, path] of cases) {
      const error = await expectTRPCError(createItem(shop, overrides as never), 'BAD_REQUEST');
      expect(issuePaths(error), JSON.stringify(overrides)).to.include(path);
    }
    expect(await fork().count(Item, {})).to.equal(0);
  });

  it('accepts the attributes of each category', async () => {
    const shop = await signUp();
    const game = await createItem(shop, { category: 'video_game', attributes: { platform: 'SNES', region: 'NTSC-U', completeness: 'cib', genre: 'RPG' } });
    expect(game.attributes).to.deep.equal({ platform: 'SNES', region: 'NTSC-U', completeness: 'cib', genre: 'RPG' });
    const shirt = await createItem(shop, { category: 'apparel', attributes: { size: 'L', color: 'black', material: 'cotton', brand: 'Pokemon Center' } });
    expect(shirt.attributes).to.include({ size: 'L' });
  });

  it('answers CONFLICT on sku for a duplicate SKU case-insensitively, but not across vendors', async () => {
    const shop = await signUp();
    const other = await signUp();
    await createItem(shop, { sku: 'MTG-LEA-233' });
    const error = await expectTRPCError(createItem(shop, { sku: 'mtg-lea-233' }), 'CONFLICT');
    expect(error.data.field).to.equal('sku');
    const elsewhere = await createItem(other, { sku: 'MTG-LEA-233' });
    expect(elsewhere.sku).to.equal('MTG-LEA-233');
    expect(await fork().count(Item, { vendor: shop.vendor.id })).to.equal(1);
  });

  it('refuses a store of another vendor or an archived store as NOT_FOUND', async () => {
    const shop = await signUp();
    const other = await signUp();
    const foreignStore = await other.caller.stores.create({ name: 'Theirs' });
    await expectTRPCError(createItem(shop, { storeId: foreignStore.id }), 'NOT_FOUND');
    const closed = await shop.caller.stores.create({ name: 'Closed' });
    await shop.caller.stores.archive({ storeId: closed.id });
    await expectTRPCError(createItem(shop, { storeId: closed.id }), 'NOT_FOUND');
    const open = await shop.caller.stores.create({ name: 'Popup' });
    expect((await createItem(shop, { storeId: open.id })).storeId).to.equal(open.id);
  });

  it('updates partially: merges card details, replaces the gallery, records count movement and price changes', async () => {
    const shop = await signUp();
    const item = await createItem(shop, { quantity: 5, price: '10.00', cardDetails: { game: 'Magic', setName: 'Alpha' }, images: [{ url: IMAGE('a') }, { url: IMAGE('b') }] });
    const updated = await shop.caller.items.update({ id: item.id, expectedVersion: 1, quantity: 2, price: '12.50', cardDetails: { rarity: 'Rare', setName: null }, images: [{ url: IMAGE('c') }] });
    expect(updated).to.include({ quantity: 2, price: '12.50', version: 2, imageUrl: IMAGE('c'), name: item.name });
    expect(updated.cardDetails).to.include({ game: 'Magic', setName: null, rarity: 'Rare' });
    expect(updated.images.map((i) => i.url)).to.deep.equal([IMAGE('c')]);

    const em = fork();
    expect(await em.count(ItemImage, { item: item.id })).to.equal(1);
    const movements = await em.find(StockMovement, { item: item.id }, { orderBy: { createdAt: 'asc', id: 'asc' } });
    expect(movements.map((m) => [m.reason, m.delta, m.quantityBefore, m.quantityAfter])).to.deep.equal([['intake', 5, 0, 5], ['count', -3, 5, 2]]);
    const history = await shop.caller.items.priceHistory({ id: item.id });
    expect(history.map((h) => [h.field, h.oldValue, h.newValue, h.actorId, h.source])).to.deep.equal([
      ['price', null, '10.00', shop.user.id, 'manual'],
      ['price', '10.00', '12.50', shop.user.id, 'manual'],
    ]);
    const same = await shop.caller.items.update({ id: item.id, price: '12.5', cardDetails: null, imageUrl: null });
    expect(same).to.include({ version: 3, cardDetails: null, imageUrl: null });
    expect(same.images).to.deep.equal([]);
    expect(await em.count(PriceChange, { item: item.id })).to.equal(2);
    expect(await em.count(CardDetails, { item: item.id })).to.equal(0);
  });

  it('answers CONFLICT with the current version for a stale expectedVersion, changing nothing', async () => {
    const shop = await signUp();
    const item = await createItem(shop);
    await shop.caller.items.update({ id: item.id, name: 'First' });
    const error = await expectTRPCError(shop.caller.items.update({ id: item.id, expectedVersion: 1, name: 'Second' }), 'CONFLICT');
    expect(error.data.currentVersion).to.equal(2);
    expect((await shop.caller.items.get({ id: item.id })).name).to.equal('First');
  });

  it('validates attributes against the stored category on update', async () => {
    const shop = await signUp();
    const game = await createItem(shop, { category: 'video_game', attributes: { platform: 'N64' } });
    const error = await expectTRPCError(shop.caller.items.update({ id: game.id, attributes: { size: 'XL' } }), 'BAD_REQUEST');
    expect(issuePaths(error)).to.deep.equal(['attributes']);
    const apparel = await expectTRPCError(shop.caller.items.update({ id: game.id, category: 'apparel' }), 'BAD_REQUEST');
    expect(issuePaths(apparel)).to.deep.equal(['attributes']);
    const moved = await shop.caller.items.update({ id: game.id, category: 'apparel', attributes: { size: 'XL' } });
    expect(moved.attributes).to.deep.equal({ size: 'XL' });
  });

  it('hides another vendor\'s items as NOT_FOUND on every path', async () => {
    const shop = await signUp();
    const other = await signUp();
    const theirs = await createItem(other, { quantity: 2 });
    const id = theirs.id;
    await expectTRPCError(shop.caller.items.get({ id }), 'NOT_FOUND');
    await expectTRPCError(shop.caller.items.update({ id, name: 'Mine now' }), 'NOT_FOUND');
    await expectTRPCError(shop.caller.items.adjustStock({ id, delta: -1, reason: 'damage' }), 'NOT_FOUND');
    await expectTRPCError(shop.caller.items.archive({ id }), 'NOT_FOUND');
    await expectTRPCError(shop.caller.items.restore({ id }), 'NOT_FOUND');
    await expectTRPCError(shop.caller.items.delete({ id }), 'NOT_FOUND');
    await expectTRPCError(shop.caller.items.movements({ id }), 'NOT_FOUND');
    await expectTRPCError(shop.caller.items.priceHistory({ id }), 'NOT_FOUND');
    expect((await shop.caller.items.list()).total).to.equal(0);
    expect((await other.caller.items.get({ id })).quantity).to.equal(2);
  });

  it('refuses anonymous callers and bad ids', async () => {
    await expectTRPCError(callerAs().items.list(), 'UNAUTHORIZED');
    await expectTRPCError(callerAs().items.create({ name: 'x', sku: 'y' }), 'UNAUTHORIZED');
    await expectTRPCError(callerAs().inventory.overview(), 'UNAUTHORIZED');
    const shop = await signUp();
    expect(issuePaths(await expectTRPCError(shop.caller.items.get({ id: 'nope' }), 'BAD_REQUEST'))).to.deep.equal(['id']);
  });
});

describe('items: archive, restore, delete', () => {
  it('archives and restores, bumping the version, and lists archived items only on request', async () => {
    const shop = await signUp();
    const item = await createItem(shop);
    const archived = await shop.caller.items.archive({ id: item.id });
    expect(archived).to.include({ status: 'archived', version: 2 });
    expect((await shop.caller.items.list()).total).to.equal(0);
    expect((await shop.caller.items.list({ status: 'archived' })).items.map((i) => i.id)).to.deep.equal([item.id]);
    expect(await shop.caller.items.restore({ id: item.id })).to.include({ status: 'active', version: 3 });
  });

  it('deletes an unsold item with its rows for an admin; a sold one only archives', async () => {
    const shop = await signUp();
    const item = await createItem(shop, { quantity: 2, price: '5.00', cardDetails: { game: 'Magic' }, images: [{ url: IMAGE('x') }] });
    expect(await shop.caller.items.delete({ id: item.id })).to.deep.equal({ ok: true });
    const em = fork();
    expect(await em.count(Item, { id: item.id })).to.equal(0);
    expect(await em.count(StockMovement, {})).to.equal(0);

    const sold = await createItem(shop, { quantity: 2, price: '5.00' });
    await shop.caller.sales.create({ lines: [{ itemId: sold.id, quantity: 1 }], payments: [{ method: 'cash', amount: '5.00' }] });
    await expectTRPCError(shop.caller.items.delete({ id: sold.id }), 'CONFLICT');
    expect(await fork().count(Item, { id: sold.id })).to.equal(1);
  });

  it('lets staff archive but not delete, and viewers do neither', async () => {
    const shop = await signUp();
    const storeId = (await createItem(shop)).storeId;
    const staff = await joinVendor(shop, 'staff', [{ storeId, role: 'manager' }]);
    const viewer = await joinVendor(shop, 'viewer', [{ storeId, role: 'view_only' }]);
    const item = await createItem(shop);
    await expectTRPCError(staff.caller.items.delete({ id: item.id }), 'FORBIDDEN');
    await expectTRPCError(viewer.caller.items.archive({ id: item.id }), 'FORBIDDEN');
    expect((await staff.caller.items.archive({ id: item.id })).status).to.equal('archived');
    expect((await staff.caller.items.restore({ id: item.id })).status).to.equal('active');
  });
});
