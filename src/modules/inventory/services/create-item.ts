import type { Money } from '../../../contract/money.js';
import { definedOnly } from '../../../core/objects.js';
import { write, type VendorWriteContext } from '../../../db/write.js';
import { changesOf } from '../../audit/changes.js';
import { storeScopeOf } from '../../vendors/selectors/store-scope.js';
import type { CardDetailsInput, ItemCategory } from '../contract.js';
import { Item } from '../entities.js';
import { galleryOf, replaceGallery, type GalleryInput } from './gallery.js';
import { findWritableStore } from './item-access.js';
import { applyCardDetails, intakeOf, itemSnapshot, priceChangesOf, searchTextOf, validAttributes, writeItemLedgers } from './item-content.js';

export interface ItemInput extends GalleryInput {
  name: string;
  sku: string;
  storeId?: string;
  description?: string | null;
  category?: ItemCategory;
  condition?: string | null;
  quantity?: number;
  intakePrice?: Money;
  price?: Money;
  projectedPrice?: Money;
  attributes?: Record<string, unknown>;
  cardDetails?: CardDetailsInput | null;
}

// Set in memory (not only as column defaults) so the ledger and history see them before the insert.
const itemDefaults = { status: 'active', quantity: 0, intakePrice: '0.00', price: '0.00', projectedPrice: '0.00', version: 1 } as const;

/** A new item with its card details and gallery; initial stock is an `intake` movement, initial prices are history. */
export function createItem(wc: VendorWriteContext, input: ItemInput) {
  const { storeId, attributes, cardDetails, images, imageUrl, ...fields } = input;
  const category = input.category ?? 'other';
  const validated = validAttributes(category, attributes ?? {});
  const gallery = galleryOf(wc.services.imageUrlPolicy, wc.vendor.id, { images, imageUrl });
  return write(wc, async (tx) => {
    const scope = await storeScopeOf(tx.em, tx.member);
    const store = await findWritableStore(tx.em, tx, scope, storeId);
    const item = tx.em.create(Item, { ...itemDefaults, ...definedOnly(fields), vendor: tx.vendor, store, createdBy: tx.user, category, attributes: validated, searchText: '' });
    if (cardDetails) applyCardDetails(tx.em, item, cardDetails);
    if (gallery) await replaceGallery(tx, scope, item, gallery);
    item.searchText = searchTextOf(item);
    tx.audit({ entity: 'Item', entityId: item.id, changes: changesOf(null, itemSnapshot(item)) });
    // The item itself is inserted last, at the commit (the ledgers' foreign keys are deferred): the
    // totals rows its trigger locks are then held only for the commit, not for another round trip.
    await writeItemLedgers(tx, { priceChanges: priceChangesOf(item, null, tx.user), movements: item.quantity > 0 ? [intakeOf(item, tx.user)] : [] });
    return item;
  });
}
