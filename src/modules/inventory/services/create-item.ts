import type { EntityManager } from '@mikro-orm/postgresql';
import type { Money } from '../../../contract/money.js';
import type { ImageUrlPolicy } from '../../media/url-policy.js';
import { storeScopeOf } from '../../vendors/selectors/store-scope.js';
import type { CardDetailsInput, ItemCategory } from '../contract.js';
import { Item } from '../entities.js';
import { findWritableStore, type Actor } from './item-access.js';
import { applyCardDetails, galleryOf, recordMovement, recordPriceChanges, replaceGallery, searchTextOf, validAttributes, type GalleryInput } from './item-content.js';

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
export async function createItem(em: EntityManager, actor: Actor, policy: ImageUrlPolicy, input: ItemInput) {
  const { storeId, attributes, cardDetails, images, imageUrl, ...fields } = input;
  const category = input.category ?? 'other';
  const validated = validAttributes(category, attributes ?? {});
  const gallery = galleryOf(policy, actor.vendor.id, { images, imageUrl });
  return em.transactional(async (tx) => {
    const store = await findWritableStore(tx, actor, await storeScopeOf(tx, actor.member), storeId);
    const item = tx.create(Item, { ...itemDefaults, ...fields, vendor: actor.vendor, store, createdBy: actor.user, category, attributes: validated, searchText: '' });
    if (cardDetails) applyCardDetails(tx, item, cardDetails);
    if (gallery) replaceGallery(tx, item, gallery);
    item.searchText = searchTextOf(item);
    recordPriceChanges(tx, item, null, actor.user);
    if (item.quantity > 0) recordMovement(tx, item, actor.user, { quantityBefore: 0, quantityAfter: item.quantity, reason: 'intake' });
    return item;
  });
}
