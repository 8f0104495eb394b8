import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { createCaller } from '../../src/caller.js';
import { MAX_STOCK } from '../../src/modules/inventory/contract.js';
import { Item } from '../../src/modules/inventory/entities.js';
import type { StoragePort } from '../../src/modules/media/storage/port.js';
import { app } from '../support/app.js';
import { expectTRPCError, issuePaths, signUp } from '../support/fixtures.js';
import { csvOf, runImport } from '../support/imports.js';
import { createItem } from '../support/items.js';
import { defaultStoreId, joinVendor } from '../support/members.js';

/** The app's services with a storage that records what it is asked to delete (and deletes nothing). */
function recordingDeletes() {
  const deleted: string[] = [];
  const storage: StoragePort = { ...app().storage, publicUrl: (p) => app().storage.publicUrl(p), createUploadUrl: (t) => app().storage.createUploadUrl(t), openObject: (p) => app().storage.openObject(p), hasObject: (p) => app().storage.hasObject(p), deleteObjects: async (paths) => void deleted.push(...paths) };
  return { services: { ...app(), storage }, deleted };
}

const storedImage = (vendorId: string) => `${app().storage.publicBase}${vendorId}/unassigned/${randomUUID()}.png`;

describe('access rules found by the hardening review', () => {
  it('staff cannot attach a stored image of an item in a store they cannot see, so clearing their gallery cannot delete it', async () => {
    const owner = await signUp();
    const popup = await owner.caller.stores.create({ name: 'Popup' });
    const staff = await joinVendor(owner, 'staff', [{ storeId: popup.id, role: 'manager' }]);
    const picture = storedImage(owner.vendor.id);
    const hidden = await createItem(owner, { images: [{ url: picture }] });
    const mine = await createItem(staff, { storeId: popup.id });
    const refused = await expectTRPCError(staff.caller.items.update({ id: mine.id, images: [{ url: picture }] }), 'BAD_REQUEST');
    expect(issuePaths(refused)).to.deep.equal(['images.0.url']);
    expect(refused.message).to.match(/item in a store you cannot see/);
    expect((await owner.caller.items.get({ id: hidden.id })).imageUrl).to.equal(picture);
    // The owner, who sees both stores, may show one picture on two items.
    expect((await owner.caller.items.update({ id: mine.id, images: [{ url: picture }] })).imageUrl).to.equal(picture);
  });

  /** Other spellings of one stored object's URL, which the storage serves as the same object. */
  const aliasesOf = (url: string) => {
    const parsed = new URL(url);
    return [
      `${url}?x=1`,
      `${url}#x`,
      url.replace(/\.png$/, '%2Epng'),
      url.replace(/([0-9a-f])(\.png)$/, (_, last: string, ext: string) => `%${last.charCodeAt(0).toString(16)}${ext}`),
      url.replace(parsed.host, parsed.host.toUpperCase()),
    ];
  };

  it('staff cannot attach an alias of a hidden item\'s stored image either (query, fragment, %-escapes, host case)', async () => {
    const owner = await signUp();
    const popup = await owner.caller.stores.create({ name: 'Popup' });
    const staff = await joinVendor(owner, 'staff', [{ storeId: popup.id, role: 'manager' }]);
    const picture = storedImage(owner.vendor.id);
    await createItem(owner, { images: [{ url: picture }] });
    const mine = await createItem(staff, { storeId: popup.id });
    for (const alias of aliasesOf(picture)) {
      const refused = await expectTRPCError(staff.caller.items.update({ id: mine.id, images: [{ url: alias }] }), 'BAD_REQUEST');
      expect(issuePaths(refused), alias).to.deep.equal(['images.0.url']);
    }
    expect((await owner.caller.items.get({ id: mine.id })).images).to.deep.equal([]);
  });

  it('stores a stored image under one URL, so dropping an alias keeps the object another item shows', async () => {
    const owner = await signUp();
    const { services, deleted } = recordingDeletes();
    const shop = createCaller(services, { accessToken: owner.accessToken });
    const picture = storedImage(owner.vendor.id);
    await shop.items.create({ name: 'Original', sku: 'PIC-0', images: [{ url: picture }] });
    for (const [index, alias] of aliasesOf(picture).entries()) {
      const copy = await shop.items.create({ name: `Alias ${index}`, sku: `PIC-A${index}`, images: [{ url: alias }], imageUrl: alias });
      expect(copy.imageUrl, alias).to.equal(picture);
      expect(copy.images.map((image) => image.url)).to.deep.equal([picture]);
      await shop.items.update({ id: copy.id, images: [] });
    }
    expect(deleted).to.deep.equal([]);
  });

  it('an import stores an alias of a stored image under its one URL too', async () => {
    const owner = await signUp();
    const picture = storedImage(owner.vendor.id);
    const job = await runImport(owner, { csv: csvOf([['sku', 'name', 'imageUrl'], ['IMP-1', 'Imported', `${picture}?x=1`]]) });
    expect(job.status).to.equal('succeeded');
    const { items } = await owner.caller.items.list({ search: 'IMP-1' });
    expect(items[0]!.imageUrl).to.equal(picture);
  });

  it('deletes a stored image only once no item shows it any more', async () => {
    const owner = await signUp();
    const { services, deleted } = recordingDeletes();
    const shop = createCaller(services, { accessToken: owner.accessToken });
    const picture = storedImage(owner.vendor.id);
    const path = picture.slice(app().storage.publicBase.length);
    const first = await shop.items.create({ name: 'Copy 1', sku: 'PIC-1', images: [{ url: picture }] });
    const second = await shop.items.create({ name: 'Copy 2', sku: 'PIC-2', images: [{ url: picture }] });
    await shop.items.update({ id: first.id, images: [] });
    expect(deleted).to.deep.equal([]);
    await shop.items.delete({ id: second.id });
    expect(deleted).to.deep.equal([path]);
  });

  it('media.createUploadUrl answers an item in an unreadable store exactly like an unknown id', async () => {
    const owner = await signUp();
    const popup = await owner.caller.stores.create({ name: 'Popup' });
    const staff = await joinVendor(owner, 'staff', [{ storeId: popup.id, role: 'manager' }]);
    const hidden = await createItem(owner, { storeId: await defaultStoreId(owner.vendor.id) });
    const png = { fileName: 'a.png', contentType: 'image/png' as const, size: 10 };
    const unreadable = await expectTRPCError(staff.caller.media.createUploadUrl({ ...png, itemId: hidden.id }), 'NOT_FOUND');
    const unknown = await expectTRPCError(staff.caller.media.createUploadUrl({ ...png, itemId: randomUUID() }), 'NOT_FOUND');
    expect(unreadable.message).to.equal(unknown.message);
  });

  it('concurrent vendors.create and stores.create with one name each get a free slug instead of CONFLICT', async () => {
    const owner = await signUp();
    const vendors = await Promise.all(Array.from({ length: 6 }, () => owner.caller.vendors.create({ name: 'Twin Peaks Cards' })));
    expect(new Set(vendors.map((v) => v.slug)).size).to.equal(6);
    const stores = await Promise.all(Array.from({ length: 6 }, () => owner.caller.stores.create({ name: 'Convention booth' })));
    expect(new Set(stores.map((s) => s.slug)).size).to.equal(6);
    expect(stores.map((s) => s.slug)).to.include('convention-booth');
  });

  it('a stock change past the maximum is BAD_REQUEST on delta, and the quantity stays', async () => {
    const owner = await signUp();
    const item = await createItem(owner, { quantity: 1 });
    await app().orm.em.fork().nativeUpdate(Item, { id: item.id }, { quantity: MAX_STOCK - 5 });
    const refused = await expectTRPCError(owner.caller.items.adjustStock({ id: item.id, delta: 10, reason: 'intake' }), 'BAD_REQUEST');
    expect(issuePaths(refused)).to.deep.equal(['delta']);
    expect((await owner.caller.items.get({ id: item.id })).quantity).to.equal(MAX_STOCK - 5);
    expect((await owner.caller.items.adjustStock({ id: item.id, delta: 5, reason: 'intake' })).item.quantity).to.equal(MAX_STOCK);
  });
});
