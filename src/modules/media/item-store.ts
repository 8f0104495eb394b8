import type { EntityManager } from '@mikro-orm/postgresql';

/** The store id of one of the vendor's items, or null when the vendor has no such item. */
export type FindItemStore = (em: EntityManager, vendorId: string, itemId: string) => Promise<string | null>;

/**
 * MERGE POINT: the Item entity lives on the inventory branch. Until this looks the item up
 * (`em.findOne(Item, { id: itemId, vendor: vendorId }, { fields: ['store'] })`), every itemId
 * answers NOT_FOUND, which is the safe side.
 */
export const findItemStore: FindItemStore = async () => null;
