import { z } from 'zod';

/**
 * Money travels as a decimal string ("19.99") and is stored as numeric(12,2): never a float.
 * The shape matches the column (at most 10 integer digits, 2 decimals) and the CHECK (>= 0),
 * so anything a client sends is refused here, on its field, before the database sees it.
 * Values are normalised to PostgreSQL's own text form ("7" → "7.00"), so a stored value and
 * an input compare as plain strings.
 */
export const moneySchema = z
  .string()
  .trim()
  .regex(/^\d{1,10}(\.\d{1,2})?$/, 'must be a decimal string >= 0 with at most 10 integer digits and 2 decimals')
  .transform((value) => {
    const [units = '0', cents = ''] = value.split('.');
    return `${units.replace(/^0+(?=\d)/, '')}.${cents.padEnd(2, '0')}`;
  });

export type Money = z.output<typeof moneySchema>;
