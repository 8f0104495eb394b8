import type { EntityManager, FilterQuery, QBFilterQuery } from '@mikro-orm/postgresql';
import { z } from 'zod';
import { moneySchema } from '../../../contract/money.js';
import { instant, text } from '../../../contract/text.js';
import { decodeCursor, keysetFilter, toPage } from '../../../core/pagination.js';
import { readableStoreIds, storeScopeOf } from '../../vendors/selectors/store-scope.js';
import { itemDto, type ItemRow } from '../dto.js';
import { itemContentsOf } from './item-contents.js';
import { MAX_STOCK, type ItemSort, type ListItemsQuery } from '../contract.js';
import { Item, type IItem } from '../entities.js';
import type { VendorActor } from '../services/item-access.js';

/** What a cursor's sort value must look like for each sort (a cursor from another list is refused). */
const cursorValues: Record<ItemSort, z.ZodType> = {
  name: text(255),
  sku: text(64),
  price: moneySchema,
  quantity: z.number().int().min(0).max(MAX_STOCK),
  createdAt: instant(),
  updatedAt: instant(),
};
const sortValueOf = (item: ItemRow, sort: ItemSort): string | number => {
  const value = item[sort];
  return value instanceof Date ? value.toISOString() : value;
};

const escapeLike = (text: string) => text.replace(/[\\%_]/g, '\\$&');

/** The filters of items.list (what a CSV export of items takes too). */
export type ItemFilters = Omit<ListItemsQuery, 'limit' | 'cursor' | 'sort' | 'order'>;

/** Every filter of items.list as conditions on the vendor's items in the stores the actor reads. */
export function itemConditions(actor: VendorActor, storeIds: string[] | undefined, q: ItemFilters): FilterQuery<IItem>[] {
  const threshold = actor.vendor.lowStockThreshold;
  const card = { language: q.language, marketRegion: q.marketRegion, game: q.game, setName: q.setName, gradingCompany: q.gradingCompany };
  const cardFilter = Object.fromEntries(Object.entries(card).filter(([, value]) => value !== undefined));
  const conditions: (FilterQuery<IItem> | false | undefined)[] = [
    { vendor: actor.vendor, status: q.status },
    storeIds && { store: { $in: storeIds } },
    q.storeId !== undefined && { store: q.storeId },
    q.category !== undefined && { category: q.category },
    q.condition !== undefined && { condition: q.condition },
    q.search !== undefined && { searchText: { $like: `%${escapeLike(q.search.toLowerCase())}%` } },
    Object.keys(cardFilter).length > 0 && { cardDetails: cardFilter },
    q.minPrice !== undefined && { price: { $gte: q.minPrice } },
    q.maxPrice !== undefined && { price: { $lte: q.maxPrice } },
    q.inStock !== undefined && { quantity: q.inStock ? { $gt: 0 } : 0 },
    q.lowStock === true && { quantity: { $gt: 0, $lte: threshold } },
    q.lowStock === false && { $or: [{ quantity: 0 }, { quantity: { $gt: threshold } }] },
  ];
  return conditions.filter((c): c is FilterQuery<IItem> => Boolean(c));
}

/**
 * items.list: one query for the page (limit + 1 rows, keyset after the cursor), one count with
 * the same filters, and the card details and images of the whole page in one query each.
 * Reads plain rows, never managed entities: hydrating a page of entities into the identity map
 * cost several times the SQL itself (see the Performance section of the README).
 */
export async function listItems(em: EntityManager, actor: VendorActor, q: ListItemsQuery) {
  const storeIds = readableStoreIds(await storeScopeOf(em, actor.member));
  const conditions = itemConditions(actor, storeIds, q);
  const after = q.cursor ? [keysetFilter(q.sort, q.order, decodeCursor(q.cursor, cursorValues[q.sort])) as FilterQuery<IItem>] : [];
  const [rows, total] = await Promise.all([
    em.createQueryBuilder(Item).where({ $and: [...conditions, ...after] } as QBFilterQuery<IItem>)
      .orderBy([{ [q.sort]: q.order }, { id: q.order }])
      .limit(q.limit + 1)
      .execute<ItemRow[]>('all'),
    em.count(Item, { $and: conditions }),
  ]);
  const page = rows.slice(0, q.limit);
  const { cardDetailsOf, imagesOf } = await itemContentsOf(em, page.map((row) => row.id));
  return toPage(rows, q.limit, total, (row) => sortValueOf(row, q.sort), (row) => itemDto(row, cardDetailsOf(row.id), imagesOf(row.id)));
}
