import { z } from 'zod';
import { adjustStockInput, MAX_STOCK_CHANGE } from '@api/modules/inventory/contract';

/**
 * A number typed into a text box, then checked by the contract's schema for that field: empty is
 * null (a cleared optional field) or, when `required`, "must not be empty".
 */
export const numberText = <T extends z.ZodType>(schema: T, required = false) =>
  z
    .string()
    .trim()
    .transform((value, ctx) => {
      if (value === '') {
        if (required) ctx.addIssue({ code: 'custom', message: 'must not be empty' });
        return null;
      }
      const number = Number(value);
      if (!Number.isFinite(number)) ctx.addIssue({ code: 'custom', message: 'must be a number' });
      return number;
    })
    .pipe(schema as z.ZodType<z.output<T>, number | null>);

/** Optional text: empty is null (the API's "no value"). */
export const optionalText = <T extends z.ZodType>(schema: T) =>
  z.string().transform((value) => value.trim() || null).pipe(schema as z.ZodType<z.output<T>, string | null>);

/** Manual stock changes: units in or out with a reason; sales and imports have their own screens. */
export const manualReasons = ['intake', 'return', 'adjustment', 'damage', 'transfer_in', 'transfer_out'] as const;

export const stockAdjustForm = z
  .object({
    direction: z.enum(['add', 'remove']),
    units: numberText(z.number().int('must be a whole number').min(1, 'must be at least 1').max(MAX_STOCK_CHANGE), true),
    reason: z.enum(manualReasons),
    note: optionalText(adjustStockInput.shape.note),
  })
  .transform(({ direction, units, ...rest }) => ({ ...rest, delta: direction === 'add' ? units : -units }));
