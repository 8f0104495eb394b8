import { z } from 'zod';
import { count } from './query.js';
import { text } from './text.js';

/** The list inputs every paginated procedure shares: `limit` 1–200 (default 50) and an opaque `cursor`. */
export const paginationFields = {
  limit: count(1, 200).prefault(50),
  cursor: text(1000).min(1).optional(),
};

/** `{ items, total, nextCursor }`: one page of a list; `nextCursor` is null on the last page. */
export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), total: z.number().int(), nextCursor: z.string().nullable() });

export type Page<T> = { items: T[]; total: number; nextCursor: string | null };
