import type { EntityManager } from '@mikro-orm/postgresql';
import { conflict } from '../../../core/errors.js';
import type { ItemStatus } from '../contract.js';
import { Item, ItemImage, StockMovement } from '../entities.js';
import { findItemInScope, type Actor } from './item-access.js';

/** Archive or restore: the item and its history stay; only its status (and version) change. */
export async function setItemStatus(em: EntityManager, actor: Actor, id: string, status: ItemStatus) {
  return em.transactional(async (tx) => {
    const { item } = await findItemInScope(tx, actor, id, { write: true, lock: true });
    if (item.status !== status) {
      item.status = status;
      item.version += 1;
    }
    await tx.populate(item, ['cardDetails', 'images']);
    return item;
  });
}

/**
 * Permanent delete (with its images, card details and ledger) for an item never sold. Sales do
 * not exist yet, so "sold" means the ledger holds a `sale` movement for it; sold items can only
 * be archived. Answers the deleted item's image URLs.
 */
export async function deleteItem(em: EntityManager, actor: Actor, id: string): Promise<string[]> {
  return em.transactional(async (tx) => {
    const { item } = await findItemInScope(tx, actor, id, { write: true, lock: true });
    if (await tx.count(StockMovement, { item, reason: 'sale' })) throw conflict('This item has been sold; archive it instead');
    const imageUrls = (await tx.find(ItemImage, { item }, { fields: ['url'] })).map((image) => image.url);
    await tx.nativeDelete(Item, { id: item.id });
    return imageUrls;
  });
}
