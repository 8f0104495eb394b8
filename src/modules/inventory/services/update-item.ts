import type { EntityManager } from '@mikro-orm/postgresql';
import { conflict } from '../../../core/errors.js';
import type { ImageUrlPolicy } from '../../media/url-policy.js';
import type { ItemInput } from './create-item.js';
import { findItemInScope, findWritableStore, type Actor } from './item-access.js';
import { applyCardDetails, galleryOf, recordMovement, recordPriceChanges, replaceGallery, searchTextOf, validAttributes } from './item-content.js';

export interface UpdateItemInput extends Partial<ItemInput> {
  id: string;
  expectedVersion?: number;
}

/**
 * A partial update under a row lock: card details merge, a given gallery replaces the old one,
 * a new quantity is a `count` movement, changed prices are history, and the version goes up.
 * Answers the item and the image URLs that left its gallery.
 */
export async function updateItem(em: EntityManager, actor: Actor, policy: ImageUrlPolicy, input: UpdateItemInput) {
  const { id, expectedVersion, storeId, attributes, cardDetails, images, imageUrl, ...fields } = input;
  const gallery = galleryOf(policy, actor.vendor.id, { images, imageUrl });
  return em.transactional(async (tx) => {
    const { item, scope } = await findItemInScope(tx, actor, id, { write: true, lock: true });
    if (expectedVersion !== undefined && expectedVersion !== item.version) {
      throw conflict('This item was changed since you read it; reload and retry', { currentVersion: item.version });
    }
    await tx.populate(item, ['cardDetails', 'images']);
    if (storeId !== undefined && storeId !== item.store.id) item.store = await findWritableStore(tx, actor, scope, storeId);
    const pricesBefore = { intakePrice: item.intakePrice, price: item.price, projectedPrice: item.projectedPrice };
    const quantityBefore = item.quantity;
    tx.assign(item, fields);
    if (attributes !== undefined || fields.category !== undefined) item.attributes = validAttributes(item.category, attributes ?? item.attributes);
    if (cardDetails !== undefined) applyCardDetails(tx, item, cardDetails);
    const droppedImageUrls = gallery ? replaceGallery(tx, item, gallery) : [];
    item.searchText = searchTextOf(item);
    item.version += 1;
    recordPriceChanges(tx, item, pricesBefore, actor.user);
    if (item.quantity !== quantityBefore) recordMovement(tx, item, actor.user, { quantityBefore, quantityAfter: item.quantity, reason: 'count' });
    return { item, droppedImageUrls };
  });
}
