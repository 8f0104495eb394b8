import { conflict } from '../../../core/errors.js';
import { write, type VendorWriteContext } from '../../../db/write.js';
import { changesOf, pick } from '../../audit/changes.js';
import { priceFields } from '../contract.js';
import type { ItemInput } from './create-item.js';
import { galleryOf, replaceGallery } from './gallery.js';
import { findItemInScope, findWritableStore } from './item-access.js';
import { applyCardDetails, itemSnapshot, priceChangesOf, searchTextOf, validAttributes, writeItemLedgers } from './item-content.js';
import { changeStock } from './stock.js';

export interface UpdateItemInput extends Partial<ItemInput> {
  id: string;
  expectedVersion?: number;
}

/**
 * A partial update under a row lock: card details merge, a given gallery replaces the old one,
 * a new quantity is a `count` movement (through the one stock path), changed prices are
 * history, and the version goes up by one.
 */
export function updateItem(wc: VendorWriteContext, input: UpdateItemInput) {
  const { id, expectedVersion, storeId, attributes, cardDetails, images, imageUrl, quantity, ...fields } = input;
  const gallery = galleryOf(wc.services.imageUrlPolicy, wc.vendor.id, { images, imageUrl });
  return write(wc, async (tx) => {
    const { item, scope } = await findItemInScope(tx.em, tx, id, { write: true, lock: true });
    if (expectedVersion !== undefined && expectedVersion !== item.version) {
      throw conflict('This item was changed since you read it; reload and retry', { currentVersion: item.version });
    }
    await tx.em.populate(item, ['cardDetails', 'images']);
    const before = itemSnapshot(item);
    const pricesBefore = pick(item, priceFields) as Record<(typeof priceFields)[number], string>;
    if (storeId !== undefined && storeId !== item.store.id) item.store = await findWritableStore(tx.em, tx, scope, storeId);
    if (quantity !== undefined && quantity !== item.quantity) {
      await changeStock(tx, [{ itemId: item.id, delta: quantity - item.quantity }], { reason: 'count', pathOf: () => ['quantity'], touch: false });
      item.quantity = quantity;
    }
    tx.em.assign(item, fields);
    if (attributes !== undefined || fields.category !== undefined) item.attributes = validAttributes(item.category, attributes ?? item.attributes);
    if (cardDetails !== undefined) applyCardDetails(tx.em, item, cardDetails);
    if (gallery) await replaceGallery(tx, scope, item, gallery);
    item.searchText = searchTextOf(item);
    item.version += 1;
    tx.audit({ entity: 'Item', entityId: item.id, changes: changesOf(before, itemSnapshot(item)) });
    // Before the item's own update (at the commit): its trigger's totals rows are then held the least.
    await writeItemLedgers(tx, { priceChanges: priceChangesOf(item, pricesBefore, tx.user), movements: [] });
    return item;
  });
}
