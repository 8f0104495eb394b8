import { expect } from 'chai';
import { createCaller } from '../../../src/router.js';
import { ItemImage } from '../../../src/modules/inventory/entities.js';
import { app } from '../../support/app.js';
import { expectTRPCError, issuePaths, signUp, type SignedUp } from '../../support/fixtures.js';
import { startHttpApp } from '../../support/http.js';
import { PNG } from '../../support/images.js';

/** Images through their whole life: signed upload → attached to an item → dropped → deleted from storage. */
describe('item images in the local storage', () => {
  let server: Awaited<ReturnType<typeof startHttpApp>>;
  let owner: SignedUp;
  beforeEach(async () => {
    server = await startHttpApp();
    owner = await signUp();
  });
  afterEach(() => server.stop());

  const as = (who: SignedUp) => createCaller(server.services, { accessToken: who.accessToken });
  const upload = async (who: SignedUp, itemId?: string) => {
    const signed = await as(who).media.createUploadUrl({ fileName: 'card.png', contentType: 'image/png', size: PNG.length, itemId });
    const put = await fetch(signed.uploadUrl, { method: 'PUT', body: PNG, headers: { 'content-type': 'image/png' } });
    expect(put.status).to.equal(201);
    return signed;
  };
  const status = async (url: string) => (await fetch(url)).status;

  it('attaches an uploaded image, and deletes the object when it leaves the gallery', async () => {
    const first = await upload(owner);
    const item = await as(owner).items.create({ name: 'Charizard', sku: 'CHAR-1', images: [{ url: first.publicUrl }] });
    expect(item.imageUrl).to.equal(first.publicUrl);
    expect(item.images.map((i) => [i.url, i.isPrimary])).to.deep.equal([[first.publicUrl, true]]);

    const second = await upload(owner, item.id);
    expect(second.path.startsWith(`${owner.vendor.id}/${item.id}/`)).to.equal(true);
    const updated = await as(owner).items.update({ id: item.id, images: [{ url: second.publicUrl }] });
    expect(updated.imageUrl).to.equal(second.publicUrl);
    expect(await status(first.publicUrl)).to.equal(404);
    expect(await status(second.publicUrl)).to.equal(200);
  });

  it('deletes the stored objects of a deleted item, and keeps them when the delete is refused', async () => {
    const image = await upload(owner);
    const item = await as(owner).items.create({ name: 'Pikachu', sku: 'PIKA-1', quantity: 2, images: [{ url: image.publicUrl }] });
    await as(owner).items.adjustStock({ id: item.id, delta: -1, reason: 'sale' });
    await expectTRPCError(as(owner).items.delete({ id: item.id }), 'CONFLICT');
    expect(await status(image.publicUrl)).to.equal(200);

    const unsold = await as(owner).items.create({ name: 'Eevee', sku: 'EEVEE-1', images: [{ url: (await upload(owner)).publicUrl }] });
    const unsoldUrl = unsold.imageUrl!;
    await as(owner).items.delete({ id: unsold.id });
    expect(await status(unsoldUrl)).to.equal(404);
  });

  it("refuses an image in another vendor's folder, writing nothing", async () => {
    const rival = await signUp();
    const theirs = await upload(rival);
    const error = await expectTRPCError(as(owner).items.create({ name: 'Stolen', sku: 'STOLEN-1', images: [{ url: theirs.publicUrl }] }), 'BAD_REQUEST');
    expect(issuePaths(error)).to.deep.equal(['images.0.url']);
    expect(await app().orm.em.fork().count(ItemImage, {})).to.equal(0);
    expect(await status(theirs.publicUrl)).to.equal(200);
  });

  it("signs uploads for the vendor's own items only", async () => {
    const rival = await signUp();
    const theirs = await as(rival).items.create({ name: 'Mewtwo', sku: 'MEW-2' });
    await expectTRPCError(as(owner).media.createUploadUrl({ fileName: 'a.png', contentType: 'image/png', size: 10, itemId: theirs.id }), 'NOT_FOUND');
  });
});
