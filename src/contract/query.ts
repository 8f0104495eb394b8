import { z } from 'zod';

/*
 * The input of a GET procedure arrives as JSON over /trpc and as a query string over REST
 * (`/api/v1/items?inStock=true&limit=20`), where every value is text. These fragments take the
 * JSON value and its one exact text form, so both transports parse alike; nothing else is
 * converted: "0", "yes", "", "1e2" and " 5" are refused on their field like any bad input.
 * Every boolean and number of a GET input is one of them; a default is given with `.prefault()`,
 * which the OpenAPI document shows (it leaves out `.default()` values of fields that transform).
 */

const DIGITS = /^-?\d{1,15}$/;

/**
 * Zod counts a preprocessed field as optional on input (a transform may be handed `undefined`), so
 * the OpenAPI document would call it optional; it is required until `.optional()` or `.default()`
 * says otherwise (absent, it fails its own check either way).
 */
function required<T extends z.ZodType>(schema: T): T {
  Object.defineProperty(schema._zod, 'optin', { value: undefined });
  return schema;
}

/** A boolean: `true` / `false`, or the text "true" / "false". */
export const flag = () =>
  required(
    z.preprocess(
      (value: boolean | 'true' | 'false') => (value === 'true' ? true : value === 'false' ? false : value),
      z.boolean({ error: 'must be true or false' }),
    ),
  );

/** A whole number from `min` to `max`: a JSON number, or its decimal digits as text. */
export const count = (min: number, max: number) =>
  required(
    z.preprocess(
      (value: number | `${number}`) => (typeof value === 'string' && DIGITS.test(value) ? Number(value) : value),
      z.number({ error: 'must be a whole number' }).int().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`),
    ),
  );
