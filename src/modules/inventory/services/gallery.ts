import type { EntityManager } from '@mikro-orm/postgresql';
import { invalidField } from '../../../core/errors.js';
import type { Transaction, VendorWriteContext } from '../../../db/write.js';
import { discardImages } from '../../media/discard-images.js';
import { canonicalImageUrl, imageUrlProblem, objectPathOf, type ImageUrlPolicy } from '../../media/url-policy.js';
import { canReadStore, type StoreScope } from '../../vendors/selectors/store-scope.js';
import { ItemImage, type IItem } from '../entities.js';

export interface GalleryInput {
  images?: { url: string; isPrimary?: boolean }[];
  imageUrl?: string | null;
}

export type Gallery = NonNullable<ReturnType<typeof galleryOf>>;

/**
 * The gallery an input asks for, or undefined to keep the current one. A bare `imageUrl` is a
 * gallery of one; with `images`, the flagged image (or the first) is primary and `imageUrl`, if
 * sent, must be that image. Every URL must pass the image URL policy, and is kept in its canonical
 * form, so the stored URLs of one object are equal strings.
 */
export function galleryOf(policy: ImageUrlPolicy, vendorId: string, input: GalleryInput) {
  if (input.images === undefined && input.imageUrl === undefined) return undefined;
  const asked = input.images ?? (input.imageUrl ? [{ url: input.imageUrl, isPrimary: true }] : []);
  const images = asked.map((image, index) => {
    const problem = imageUrlProblem(policy, vendorId, image.url);
    if (problem) throw invalidField(imagePath(input, index), problem);
    return { ...image, url: canonicalImageUrl(policy, image.url) };
  });
  const flagged = images.filter((image) => image.isPrimary).length;
  if (flagged > 1) throw invalidField(['images'], 'exactly one image can be primary');
  const primary = flagged ? images.findIndex((image) => image.isPrimary) : 0;
  const primaryUrl = images[primary]?.url ?? null;
  const askedPrimary = input.imageUrl ? canonicalImageUrl(policy, input.imageUrl) : input.imageUrl;
  if (input.images && askedPrimary !== undefined && askedPrimary !== primaryUrl) {
    throw invalidField(['imageUrl'], 'must be the URL of the primary image');
  }
  return { input, imageUrl: primaryUrl, images: images.map((image, position) => ({ url: image.url, position, isPrimary: position === primary })) };
}

const imagePath = (input: GalleryInput, index: number) => (input.images ? ['images', index, 'url'] : ['imageUrl']);

/**
 * Replaces the item's (loaded) gallery. A stored image already shown on another of the vendor's
 * items may only be added by someone who can read that item (else clearing the gallery could
 * delete another store's picture); images that leave the gallery are deleted from storage after
 * the commit, and only when no item shows them any more.
 */
export async function replaceGallery(tx: Transaction<VendorWriteContext>, scope: StoreScope, item: IItem, gallery: Gallery): Promise<void> {
  const before = item.images.isInitialized() ? item.images.getItems().map((image) => image.url) : [];
  await assertMayShow(tx.em, scope, item, gallery, before);
  item.imageUrl = gallery.imageUrl;
  tx.em.remove(item.images.getItems());
  item.images.set(gallery.images.map((image) => tx.em.create(ItemImage, { item, ...image })));
  const dropped = before.filter((url) => !gallery.images.some((image) => image.url === url));
  await discardWhenUnused(tx, dropped);
}

/** Deletes (after the commit) the stored objects of `urls` that no item of any store shows once this transaction's changes are in. */
export async function discardWhenUnused(tx: Transaction<VendorWriteContext>, urls: string[]): Promise<void> {
  const stored = urls.filter((url) => objectPathOf(tx.services.imageUrlPolicy, url) !== null);
  if (!stored.length) return;
  await tx.em.flush();
  const used = await tx.em.execute<{ url: string }[]>('select distinct url from item_images where url in (?)', [stored]);
  const unused = stored.filter((url) => !used.some((row) => row.url === url));
  if (unused.length) tx.afterCommit(() => discardImages(tx.services, unused));
}

async function assertMayShow(em: EntityManager, scope: StoreScope, item: IItem, gallery: Gallery, current: string[]): Promise<void> {
  const added = gallery.images.filter((image) => !current.includes(image.url));
  if (scope.all || !added.length) return;
  const shownElsewhere = await em.execute<{ url: string; store_id: string }[]>(
    `select distinct ii.url, i.store_id from item_images ii join items i on i.id = ii.item_id
      where i.vendor_id = ? and ii.url in (?) and ii.item_id <> ?`,
    [item.vendor.id, added.map((image) => image.url), item.id],
  );
  const hidden = shownElsewhere.find((row) => !canReadStore(scope, row.store_id));
  if (!hidden) return;
  const index = gallery.images.findIndex((image) => image.url === hidden.url);
  throw invalidField(imagePath(gallery.input, index), 'is an image of an item in a store you cannot see');
}
