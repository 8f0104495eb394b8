import { expect } from 'chai';
import { mkdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { ItemImage } from '../../../src/modules/inventory/entities.js';
import { LocalStorage } from '../../../src/modules/media/storage/local.js';
import { signUploadToken, UploadRefused, uploadTokenKey } from '../../../src/modules/media/storage/upload-token.js';
import { createCaller } from '../../../src/caller.js';
import { app } from '../../support/app.js';
import { expectTRPCError, issuePaths, signUp, type SignedUp } from '../../support/fixtures.js';
import { filesUnder, startHttpApp } from '../../support/http.js';
import { GIF, JPEG, PNG, WEBP } from '../../support/images.js';

describe('local storage over HTTP', () => {
  let server: Awaited<ReturnType<typeof startHttpApp>>;
  let owner: SignedUp;
  beforeEach(async () => {
    server = await startHttpApp();
    owner = await signUp();
  });
  afterEach(() => server.stop());

  const storage = () => server.services.storage as LocalStorage;
  const put = (url: string, body: Buffer, contentType = 'image/png') =>
    fetch(url, { method: 'PUT', body, headers: { 'content-type': contentType } });
  const images = [[PNG, 'image/png'], [JPEG, 'image/jpeg'], [WEBP, 'image/webp'], [GIF, 'image/gif']] as const;
  const errorOf = async (response: Response) => ((await response.json()) as { error: string }).error;
  const signed = (file: Buffer, contentType: 'image/png' | 'image/jpeg' | 'image/webp' | 'image/gif' = 'image/png') =>
    createCaller(server.services, { accessToken: owner.accessToken }).media.createUploadUrl({ fileName: 'x', contentType, size: file.length });

  it('creates the URL over tRPC, takes the bytes once, serves them, and deletes them', async () => {
    const response = await fetch(`${server.baseUrl}/trpc/media.createUploadUrl`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${owner.accessToken}` },
      body: JSON.stringify({ fileName: 'charizard.png', contentType: 'image/png', size: PNG.length }),
    });
    expect(response.status).to.equal(200);
    const upload = ((await response.json()) as { result: { data: { uploadUrl: string; path: string; publicUrl: string } } }).result.data;
    expect(upload.uploadUrl.startsWith(`${server.baseUrl}/media/upload/`)).to.equal(true);
    expect(upload.publicUrl).to.equal(`${server.baseUrl}/media/${upload.path}`);

    const stored = await put(upload.uploadUrl, PNG);
    expect(stored.status).to.equal(201);
    expect(await stored.json()).to.deep.equal({ path: upload.path, publicUrl: upload.publicUrl });
    expect(await readFile(join(server.uploadsDir, upload.path))).to.deep.equal(PNG);

    const image = await fetch(upload.publicUrl);
    expect(image.status).to.equal(200);
    expect(Buffer.from(await image.arrayBuffer())).to.deep.equal(PNG);
    expect(image.headers.get('content-type')).to.equal('image/png');
    expect(image.headers.get('x-content-type-options')).to.equal('nosniff');
    expect(image.headers.get('cache-control')).to.equal('public, max-age=31536000, immutable');
    expect(image.headers.get('cross-origin-resource-policy')).to.equal('cross-origin');

    await storage().deleteObjects([upload.path]);
    expect((await fetch(upload.publicUrl)).status).to.equal(404);
  });

  it('stores and serves each image type with its own content type', async () => {
    for (const [file, type] of images) {
      const upload = await signed(file, type);
      expect((await put(upload.uploadUrl, file, type)).status, type).to.equal(201);
      expect((await fetch(upload.publicUrl)).headers.get('content-type')).to.equal(type);
    }
  });

  it('refuses a replay of a used URL and keeps the first file', async () => {
    const upload = await signed(GIF, 'image/gif');
    expect((await put(upload.uploadUrl, GIF, 'image/gif')).status).to.equal(201);
    // The same GIF with another first palette colour: as valid, as long.
    const other = Buffer.from(GIF);
    other[13] = 0x12;
    const replay = await put(upload.uploadUrl, other, 'image/gif');
    expect(replay.status).to.equal(409);
    expect(await errorOf(replay)).to.equal('This upload URL has already been used');
    expect(await readFile(join(server.uploadsDir, upload.path))).to.deep.equal(GIF);
  });

  it('lets an upload that failed in storage be retried with the same URL, single use once stored', async () => {
    const upload = await signed(PNG);
    // A directory where the file belongs makes the final rename fail after the bytes are written
    // (a failure even as root, who ignores folder permissions).
    const file = join(server.uploadsDir, upload.path);
    await mkdir(file, { recursive: true });
    const failed = await put(upload.uploadUrl, PNG);
    expect(failed.status).to.equal(503);
    expect(await errorOf(failed)).to.equal('The image could not be stored; try again shortly');
    expect(await filesUnder(server.uploadsDir)).to.deep.equal([]);

    await rm(file, { recursive: true });
    expect((await put(upload.uploadUrl, PNG)).status).to.equal(201);
    expect(await readFile(file)).to.deep.equal(PNG);
    expect((await put(upload.uploadUrl, PNG)).status).to.equal(409);
  });

  it('refuses the replay on another instance sharing the folder, or after a restart', async () => {
    const upload = await signed(PNG);
    expect((await put(upload.uploadUrl, PNG)).status).to.equal(201);
    const { config } = server.services;
    const restarted = new LocalStorage({ root: server.uploadsDir, baseUrl: config.publicUrl, serverSecret: config.jwtSecret }, app().log);
    const claims = restarted.claimsOf(upload.uploadUrl.split('/').pop()!);
    const refused = await restarted.store(claims, PNG).then(() => null, (error: unknown) => error);
    expect(refused).to.be.instanceOf(UploadRefused).and.include({ status: 409 });
  });

  describe('refuses, writing nothing', () => {
    afterEach(async () => {
      expect(await filesUnder(server.uploadsDir)).to.deep.equal([]);
    });

    it('another content type than the declared one', async () => {
      const upload = await signed(PNG);
      const response = await put(upload.uploadUrl, PNG, 'image/jpeg');
      expect(response.status).to.equal(415);
      expect(await errorOf(response)).to.equal('This upload URL accepts only image/png');
    });

    it('more bytes than declared', async () => {
      const upload = await signed(PNG);
      const response = await put(upload.uploadUrl, Buffer.concat([PNG, Buffer.alloc(10)]));
      expect(response.status).to.equal(413);
      expect(await errorOf(response)).to.equal(`This upload URL accepts exactly ${PNG.length} bytes`);
    });

    it('fewer bytes than declared', async () => {
      const upload = await signed(PNG);
      expect((await put(upload.uploadUrl, PNG.subarray(0, 20))).status).to.equal(400);
    });

    it('bytes that are not the declared image type', async () => {
      const html = Buffer.from('<html><script>alert(1)</script></html>');
      const upload = await signed(html);
      const response = await put(upload.uploadUrl, html);
      expect(response.status).to.equal(422);
      expect(await errorOf(response)).to.equal('The file is not a valid image/png image');
      const gifAsPng = await signed(GIF);
      expect((await put(gifAsPng.uploadUrl, GIF)).status).to.equal(422);
    });

    it('bytes with the right signature that do not decode: PNG magic then HTML, or a truncated image', async () => {
      const pngThenHtml = Buffer.concat([PNG.subarray(0, 8), Buffer.from('<html><script>alert(1)</script></html>')]);
      const truncated = images.map(([file, type]) => [file.subarray(0, Math.ceil(file.length / 2)), type] as const);
      for (const [file, type] of [[pngThenHtml, 'image/png'] as const, ...truncated]) {
        const upload = await signed(file, type);
        const response = await put(upload.uploadUrl, file, type);
        expect(response.status, type).to.equal(422);
        expect(await errorOf(response)).to.equal(`The file is not a valid ${type} image`);
      }
    });

    it('an expired URL', async () => {
      const key = uploadTokenKey(server.services.config.jwtSecret);
      const path = `${owner.vendor.id}/unassigned/0190f000-0000-7000-8000-000000000000.png`;
      const { token } = signUploadToken(key, { path, contentType: 'image/png', size: PNG.length }, new Date(Date.now() - 1000));
      const response = await put(`${server.baseUrl}/media/upload/${token}`, PNG);
      expect(response.status).to.equal(410);
      expect(await errorOf(response)).to.equal('This upload URL has expired: request a new one');
    });

    it("a URL rewritten to another vendor's folder, or signed with another key", async () => {
      const stranger = await signUp();
      const upload = await signed(PNG);
      const token = upload.uploadUrl.split('/').pop()!;
      const [header, payload, signature] = token.split('.');
      const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
      claims.path = claims.path.replace(owner.vendor.id, stranger.vendor.id);
      const tampered = [header, Buffer.from(JSON.stringify(claims)).toString('base64url'), signature].join('.');
      const response = await put(`${server.baseUrl}/media/upload/${tampered}`, PNG);
      expect(response.status).to.equal(403);
      expect(await errorOf(response)).to.equal('This upload URL is not valid');

      const forged = signUploadToken(uploadTokenKey('another-secret-that-is-long-enough-to-sign'), { path: claims.path, contentType: 'image/png', size: PNG.length }, new Date(Date.now() + 60_000));
      expect((await put(`${server.baseUrl}/media/upload/${forged.token}`, PNG)).status).to.equal(403);
    });

    it('a token whose path is not an object path', async () => {
      const key = uploadTokenKey(server.services.config.jwtSecret);
      const { token } = signUploadToken(key, { path: `${owner.vendor.id}/../../escape.png`, contentType: 'image/png', size: PNG.length }, new Date(Date.now() + 60_000));
      expect((await put(`${server.baseUrl}/media/upload/${token}`, PNG)).status).to.equal(403);
    });
  });

  it('serves nothing but stored objects', async () => {
    const upload = await signed(PNG);
    await put(upload.uploadUrl, PNG);
    const [marker] = (await filesUnder(server.uploadsDir)).filter((f) => f.startsWith('.used/'));
    expect(marker).to.be.a('string');
    for (const path of [marker, `${owner.vendor.id}/unassigned/`, `${owner.vendor.id}/`, '']) {
      expect((await fetch(`${server.baseUrl}/media/${path}`)).status, path).to.equal(404);
    }
  });

  it('deletes best effort: a bad or missing path is logged, never thrown', async () => {
    await storage().deleteObjects(['../../etc/passwd', `${owner.vendor.id}/unassigned/0190f000-0000-7000-8000-000000000000.png`]);
  });

  /** Images through their whole life: signed upload → attached to an item → dropped → deleted from storage. */
  describe('item images', () => {
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
      await as(owner).sales.create({ lines: [{ itemId: item.id, quantity: 1, unitPrice: '1.00' }], payments: [{ method: 'cash', amount: '1.00' }] });
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
});
