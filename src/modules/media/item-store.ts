import type { EntityManager } from '@mikro-orm/postgresql';
import { Item } from '../inventory/entities.js';

/** The store id of one of the vendor's items, or null when the vendor has no such item. */
export type FindItemStore = (em: EntityManager, vendorId: string, itemId: string) => Promise<string | null>;

export const findItemStore: FindItemStore = async (em, vendorId, itemId) => {
  const item = await em.findOne(Item, { id: itemId, vendor: vendorId }, { fields: ['store'] });
  return item?.store.id ?? null;
};
