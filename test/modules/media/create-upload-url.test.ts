import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { AppError } from '../../../src/core/errors.js';
import type { MemberRole, StoreAccessRole } from '../../../src/modules/vendors/contract.js';
import { MAX_IMAGE_BYTES } from '../../../src/modules/media/contract.js';
import type { FindItemStore } from '../../../src/modules/media/item-store.js';
import { createUploadUrl, type UploadRequest } from '../../../src/modules/media/services/create-upload-url.js';
import { findPrimaryMembership } from '../../../src/modules/vendors/selectors/primary-membership.js';
import { app } from '../../support/app.js';
import { callerAs, expectTRPCError, issuePaths, signUp, type SignedUp } from '../../support/fixtures.js';
import { defaultStoreId, joinVendor } from '../../support/members.js';

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const png = { fileName: 'card.png', contentType: 'image/png', size: 1234 } as const;

/** A member of `owner`'s vendor, granted `storeRole` on its default store when given. */
async function joinDefaultStore(owner: SignedUp, role: MemberRole, storeRole?: StoreAccessRole) {
  const storeId = await defaultStoreId(owner.vendor.id);
  return { ...(await joinVendor(owner, role, storeRole ? [{ storeId, role: storeRole }] : [])), storeId };
}

describe('media.createUploadUrl', () => {
  it("signs an upload into the vendor's unassigned folder and names the public URL", async () => {
    const owner = await signUp();
    const result = await owner.caller.media.createUploadUrl(png);
    expect(result.path).to.match(new RegExp(`^${owner.vendor.id}/unassigned/${UUID}\\.png$`));
    expect(result.publicUrl).to.equal(`${app().config.publicUrl}/media/${result.path}`);
    expect(result.uploadUrl).to.match(/\/media\/upload\/[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(result).to.not.have.property('token');
    const ttl = new Date(result.expiresAt).getTime() - Date.now();
    expect(ttl).to.be.above(0).and.at.most(5 * 60 * 1000);
  });

  it('takes only a matching extension from the file name', async () => {
    const { caller } = await signUp();
    const ext = async (fileName: string, contentType: UploadRequest['contentType']) =>
      (await caller.media.createUploadUrl({ fileName, contentType, size: 10 })).path.split('.').pop();
    expect(await ext('Photo.JPEG', 'image/jpeg')).to.equal('jpeg');
    expect(await ext('photo', 'image/jpeg')).to.equal('jpg');
    expect(await ext('shell.php', 'image/png')).to.equal('png');
    expect(await ext('../../../etc/passwd.gif', 'image/webp')).to.equal('webp');
  });

  it('names the field of each bad input', async () => {
    const { caller } = await signUp();
    const paths = async (input: Record<string, unknown>) =>
      issuePaths(await expectTRPCError(caller.media.createUploadUrl({ ...png, ...input } as never), 'BAD_REQUEST'));
    expect(await paths({ contentType: 'image/svg+xml' })).to.deep.equal(['contentType']);
    expect(await paths({ size: 0 })).to.deep.equal(['size']);
    expect(await paths({ size: MAX_IMAGE_BYTES + 1 })).to.deep.equal(['size']);
    expect(await paths({ size: 1.5 })).to.deep.equal(['size']);
    expect(await paths({ fileName: ' ' })).to.deep.equal(['fileName']);
    expect(await paths({ itemId: 'not-a-uuid' })).to.deep.equal(['itemId']);
    await expectTRPCError(caller.media.createUploadUrl({ ...png, path: 'other-vendor/x.png' } as never), 'BAD_REQUEST');
  });

  it('accepts the 10 MB limit itself', async () => {
    const { caller } = await signUp();
    await caller.media.createUploadUrl({ ...png, size: MAX_IMAGE_BYTES });
  });

  it('refuses an anonymous caller and a viewer', async () => {
    const owner = await signUp();
    await expectTRPCError(callerAs().media.createUploadUrl(png), 'UNAUTHORIZED');
    const viewer = await joinDefaultStore(owner, 'viewer', 'view_only');
    await expectTRPCError(viewer.caller.media.createUploadUrl(png), 'FORBIDDEN');
  });

  it('lets staff upload only with a manager grant for a store', async () => {
    const owner = await signUp();
    const manager = await joinDefaultStore(owner, 'staff', 'manager');
    expect((await manager.caller.media.createUploadUrl(png)).path.startsWith(`${owner.vendor.id}/`)).to.equal(true);
    const seller = await joinDefaultStore(owner, 'staff', 'sales');
    await expectTRPCError(seller.caller.media.createUploadUrl(png), 'FORBIDDEN');
    const readOnly = await joinDefaultStore(owner, 'staff', 'view_only');
    await expectTRPCError(readOnly.caller.media.createUploadUrl(png), 'FORBIDDEN');
    const noGrant = await joinDefaultStore(owner, 'staff');
    await expectTRPCError(noGrant.caller.media.createUploadUrl(png), 'FORBIDDEN');
  });

  it('answers NOT_FOUND for an itemId until the inventory lookup is wired', async () => {
    const { caller } = await signUp();
    await expectTRPCError(caller.media.createUploadUrl({ ...png, itemId: randomUUID() }), 'NOT_FOUND');
  });

  it('keeps every vendor in its own folder', async () => {
    const a = await signUp();
    const b = await signUp();
    expect((await a.caller.media.createUploadUrl(png)).path.startsWith(`${a.vendor.id}/`)).to.equal(true);
    expect((await b.caller.media.createUploadUrl(png)).path.startsWith(`${b.vendor.id}/`)).to.equal(true);
  });

  describe('with an item lookup (as inventory will provide)', () => {
    // Items of vendor A in A's default store; the lookup is scoped by vendor like the real one.
    const itemsOf = (owner: SignedUp, storeId: string, itemId: string): FindItemStore =>
      async (_em, vendorId, id) => (vendorId === owner.vendor.id && id.toLowerCase() === itemId ? storeId : null);

    const asMember = async (user: SignedUp, input: UploadRequest, lookup: FindItemStore) => {
      const em = app().orm.em.fork();
      const member = (await findPrimaryMembership(em, user.user.id))!;
      return createUploadUrl(em, app().storage, member, input, lookup);
    };

    it("puts the upload in the item's folder for a member who manages its store", async () => {
      const owner = await signUp();
      const manager = await joinDefaultStore(owner, 'staff', 'manager');
      const itemId = randomUUID();
      const result = await asMember(manager, { ...png, itemId: itemId.toUpperCase() }, itemsOf(owner, manager.storeId, itemId));
      expect(result.path).to.match(new RegExp(`^${owner.vendor.id}/${itemId}/${UUID}\\.png$`));
    });

    it("refuses a member of the item's store who does not manage it, and another vendor's item", async () => {
      const owner = await signUp();
      const readOnly = await joinDefaultStore(owner, 'staff', 'view_only');
      const seller = await joinDefaultStore(owner, 'staff', 'sales');
      const itemId = randomUUID();
      const lookup = itemsOf(owner, readOnly.storeId, itemId);
      expect(await appErrorCode(asMember(readOnly, { ...png, itemId }, lookup))).to.equal('FORBIDDEN');
      expect(await appErrorCode(asMember(seller, { ...png, itemId }, lookup))).to.equal('FORBIDDEN');
      const stranger = await signUp();
      expect(await appErrorCode(asMember(stranger, { ...png, itemId }, lookup))).to.equal('NOT_FOUND');
    });
  });
});

/** The domain error a service call rejects with (services throw AppError, never TRPCError). */
async function appErrorCode(promise: Promise<unknown>) {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).to.be.instanceOf(AppError);
  return (error as AppError).code;
}
