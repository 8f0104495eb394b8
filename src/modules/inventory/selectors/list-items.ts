import type { EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import type { Page } from '../../../contract/pagination.js';
import { moneySchema } from '../../../contract/money.js';
import { instant, text } from '../../../contract/text.js';
import { decodeCursor, encodeCursor } from '../../../core/pagination.js';
import { preparedRows } from '../../../db/prepared.js';
import { joinSql, sql, unsafeSql, type Sql } from '../../../db/sql.js';
import { memberJsonSql, membershipCtes, type MemberOfRead, type Reader } from '../../vendors/selectors/primary-membership.js';
import { readableStoreSql } from '../../vendors/selectors/store-scope.js';
import { MAX_STOCK, type ItemOutput, type ItemSort, type ListItemsQuery } from '../contract.js';
import { itemJsonSql } from './item-json.js';

/** What a cursor's sort value must look like for each sort (a cursor from another list is refused). */
const cursorValues: Record<ItemSort, z.ZodType> = {
  name: text(255),
  sku: text(64),
  price: moneySchema,
  quantity: z.number().int().min(0).max(MAX_STOCK),
  createdAt: instant(),
  updatedAt: instant(),
};
const sortColumns: Record<ItemSort, string> = {
  name: 'name', sku: 'sku', price: 'price', quantity: 'quantity', createdAt: 'created_at', updatedAt: 'updated_at',
};

const escapeLike = (text: string) => text.replace(/[\\%_]/g, '\\$&');

/** The filters of items.list (what a CSV export of items takes too). */
export type ItemFilters = Omit<ListItemsQuery, 'limit' | 'cursor' | 'sort' | 'order'>;

/** Where the filters read the vendor and its low-stock threshold: SQL expressions. */
export interface ItemFilterScope {
  vendorId: Sql;
  lowStockThreshold: Sql;
}

/** items.list's scope: the `member` CTE of its one statement (membershipCtes). */
const memberScope: ItemFilterScope = {
  vendorId: unsafeSql('(select vendor_id from member)'),
  lowStockThreshold: unsafeSql('(select low_stock_threshold from member)'),
};

const cardColumns = { language: 'language', marketRegion: 'market_region', game: 'game', setName: 'set_name', gradingCompany: 'grading_company' } as const;

/**
 * Every filter of items.list on the vendor's items `i` (the store scope apart), as SQL: the one
 * rule items.list and the CSV export of items both run.
 */
export function itemConditions(q: ItemFilters, scope: ItemFilterScope): Sql {
  const threshold = scope.lowStockThreshold;
  const cards = Object.entries(cardColumns).flatMap(([field, column]) => {
    const value = q[field as keyof typeof cardColumns];
    return value === undefined ? [] : [sql`${unsafeSql(`c.${column}`)} = ${value}`];
  });
  const conditions: (Sql | false)[] = [
    sql`i.vendor_id = ${scope.vendorId} and i.status = ${q.status}`,
    q.storeId !== undefined && sql`i.store_id = ${q.storeId}`,
    q.category !== undefined && sql`i.category = ${q.category}`,
    q.condition !== undefined && sql`i.condition = ${q.condition}`,
    q.search !== undefined && sql`i.search_text like ${`%${escapeLike(q.search.toLowerCase())}%`}`,
    cards.length > 0 && sql`exists (select 1 from card_details c where c.item_id = i.id and ${joinSql(cards, ' and ')})`,
    q.minPrice !== undefined && sql`i.price >= ${q.minPrice}`,
    q.maxPrice !== undefined && sql`i.price <= ${q.maxPrice}`,
    q.inStock === true && sql`i.quantity > 0`,
    q.inStock === false && sql`i.quantity = 0`,
    q.lowStock === true && sql`i.quantity > 0 and i.quantity <= ${threshold}`,
    q.lowStock === false && sql`(i.quantity = 0 or i.quantity > ${threshold})`,
  ];
  return joinSql(conditions.filter((c): c is Sql => c !== false), ' and ');
}

/** items.list's order of the items `i` (the sort column, then the id). */
export const itemOrderSql = (sort: ItemSort, order: 'asc' | 'desc'): Sql => unsafeSql(`i.${sortColumns[sort]} ${order}, i.id ${order}`);

interface ListRow {
  member: MemberOfRead | null;
  total: number;
  items: ItemOutput[];
  more: boolean;
}

/**
 * items.list as one statement: the caller's membership (membershipCtes), the page (limit + 1
 * rows, keyset after the cursor, in the stores the member reads), its exact total and every
 * item's card details and gallery, the items built as JSON by PostgreSQL (item-json.ts).
 * The total counts on the narrow `items_count_index` (index-only, deduplicated), and counts
 * without the store condition for members who see every store (a CASE runs one of the two).
 */
export function listItemsStatement(userId: string, q: ListItemsQuery): Sql {
  const where = itemConditions(q, memberScope);
  const column = sortColumns[q.sort];
  const order = unsafeSql(`${column} ${q.order}, id ${q.order}`);
  const ordered = itemOrderSql(q.sort, q.order);
  const key = q.cursor ? decodeCursor(q.cursor, cursorValues[q.sort]) : undefined;
  const [strict, inclusive] = q.order === 'desc' ? ['<', '<='] : ['>', '>='];
  // The redundant inclusive bound lets PostgreSQL start the index scan at the cursor.
  const after = key
    ? sql` and i.${unsafeSql(column)} ${unsafeSql(inclusive)} ${key.value} and (i.${unsafeSql(column)} ${unsafeSql(strict)} ${key.value} or i.id ${unsafeSql(strict)} ${key.id})`
    : unsafeSql('');
  return sql`with ${membershipCtes(userId)}, page as (
    select i.* from items i
     where ${where} and ${readableStoreSql('i.store_id')}${after}
     order by ${ordered}
     limit ${q.limit + 1}
  )
  select ${memberJsonSql} as member,
         case when (select all_stores from member) then (select count(*)::int from items i where ${where})
              else (select count(*)::int from items i where ${where} and ${readableStoreSql('i.store_id')}) end as total,
         (select coalesce(json_agg(${itemJsonSql('i')} order by ${ordered}), '[]'::json)
            from (select * from page order by ${order} limit ${q.limit}) i) as items,
         (select count(*) from page) > ${q.limit} as more`;
}

/** The answer from the statement's one row: the cursor is the last item's sort value and id. */
export function itemPageOf(row: Pick<ListRow, 'total' | 'items' | 'more'>, sort: ItemSort): Page<ItemOutput> {
  const last = row.items.at(-1);
  return { items: row.items, total: row.total, nextCursor: row.more && last ? encodeCursor(last[sort], last.id) : null };
}

export async function listItems(em: EntityManager, reader: Reader, q: ListItemsQuery): Promise<Page<ItemOutput>> {
  const statement = listItemsStatement(reader.userId, q);
  // A search's pattern decides its plan (the trigram index, or the sort order's index when it
  // matches much), which a prepared statement's generic plan cannot know: a search is planned per call.
  const [row] = q.search === undefined ? await preparedRows<ListRow>(em, statement) : await em.execute<ListRow[]>(statement.text, [...statement.params]);
  await reader.admit(row!.member);
  return itemPageOf(row!, q.sort);
}
