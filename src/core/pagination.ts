import { z } from 'zod';
import { idSchema } from '../contract/ids.js';
import type { Page } from '../contract/pagination.js';
import { invalidField } from './errors.js';

export type SortOrder = 'asc' | 'desc';

/**
 * A cursor is the keyset of the last row of a page, its sort value and its id, as base64url
 * JSON: opaque to clients, and stable under inserts because the next page starts after that
 * key instead of at an offset.
 */
export const encodeCursor = (value: string | number, id: string): string =>
  Buffer.from(JSON.stringify([value, id])).toString('base64url');

/** Decodes a cursor whose sort value must match `valueSchema`; anything else is a BAD_REQUEST on `cursor`. */
export function decodeCursor<V>(cursor: string, valueSchema: z.ZodType<V>): { value: V; id: string } {
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    key = undefined;
  }
  const parsed = z.tuple([valueSchema, idSchema]).safeParse(key);
  if (!parsed.success) throw invalidField(['cursor'], 'is not a cursor returned by this list');
  return { value: parsed.data[0], id: parsed.data[1] };
}

/**
 * The rows after a cursor in `(property, id)` order, as a MikroORM filter. The redundant
 * inclusive bound on the sort column lets PostgreSQL start the index scan at the cursor.
 */
export function keysetFilter(property: string, order: SortOrder, cursor: { value: unknown; id: string }) {
  const [strict, inclusive] = order === 'desc' ? ['$lt', '$lte'] : ['$gt', '$gte'];
  return {
    [property]: { [inclusive]: cursor.value },
    $or: [{ [property]: { [strict]: cursor.value } }, { id: { [strict]: cursor.id } }],
  };
}

/** A page from `limit + 1` fetched rows: the extra row only tells whether another page exists. */
export function toPage<Row extends { id: string }, T>(
  rows: Row[],
  limit: number,
  total: number,
  sortValue: (row: Row) => string | number,
  map: (row: Row) => T,
): Page<T> {
  const pageRows = rows.slice(0, limit);
  const last = pageRows.at(-1);
  return {
    items: pageRows.map(map),
    total,
    nextCursor: rows.length > limit && last ? encodeCursor(sortValue(last), last.id) : null,
  };
}
