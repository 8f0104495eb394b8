import type { EntityManager } from '@mikro-orm/postgresql';
import { notFound } from '../../../core/errors.js';
import { canReadStore, storeScopeOf } from '../../vendors/selectors/store-scope.js';
import { idOf, itemDto, type CardDetailsRow, type ImageRow, type ItemRow } from '../dto.js';
import { CardDetails, Item, ItemImage } from '../entities.js';
import type { VendorActor } from '../services/item-access.js';

/** Card details and images of several items, one query each, as plain rows grouped by item. */
export async function itemContentsOf(em: EntityManager, itemIds: string[]) {
  const [cards, images] = itemIds.length
    ? await Promise.all([
        em.createQueryBuilder(CardDetails).where({ item: { $in: itemIds } }).execute<(CardDetailsRow & { item: string })[]>('all'),
        em.createQueryBuilder(ItemImage).where({ item: { $in: itemIds } }).orderBy({ position: 'asc' }).execute<(ImageRow & { item: string })[]>('all'),
      ])
    : [[], []];
  const cardByItem = new Map(cards.map((card) => [card.item, card]));
  const imagesByItem = Map.groupBy(images, (image) => image.item);
  return {
    cardDetailsOf: (itemId: string) => cardByItem.get(itemId) ?? null,
    imagesOf: (itemId: string) => imagesByItem.get(itemId) ?? [],
  };
}

/** items.get: one of the vendor's items in a store the actor reads (else NOT_FOUND), as plain rows. */
export async function getItem(em: EntityManager, actor: VendorActor, id: string) {
  const [[row], scope] = await Promise.all([
    em.createQueryBuilder(Item).where({ id, vendor: actor.vendor }).execute<ItemRow[]>('all'),
    storeScopeOf(em, actor.member),
  ]);
  if (!row || !canReadStore(scope, idOf(row.store))) throw notFound('Item');
  const { cardDetailsOf, imagesOf } = await itemContentsOf(em, [row.id]);
  return itemDto(row, cardDetailsOf(row.id), imagesOf(row.id));
}
