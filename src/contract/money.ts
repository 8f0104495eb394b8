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

/**
 * Exact decimal arithmetic for money, never a float: amounts are integer cents (BigInt) between
 * parsing a decimal string and formatting one. PostgreSQL numerics and these helpers are the
 * only places money is computed. They live in the contract, so the server (through
 * src/core/money.ts) and the browser (a till's cart) run the very same arithmetic.
 */
export type Cents = bigint;

const DECIMAL = /^(-)?(\d+)(?:\.(\d+))?$/;

/** A decimal string ("12.5", "-0.05", "8.875") as an integer with `scale` decimals; more decimals are an error. */
export function toScaled(value: string, scale: number): bigint {
  const match = DECIMAL.exec(value);
  const fraction = match?.[3] ?? '';
  if (!match || fraction.length > scale) throw new Error(`not a decimal with at most ${scale} places: ${value}`);
  const scaled = BigInt(match[2]! + fraction.padEnd(scale, '0'));
  return match[1] ? -scaled : scaled;
}

/** An integer with `scale` decimals as a decimal string with exactly that many places. */
export function fromScaled(value: bigint, scale: number): string {
  const digits = (value < 0n ? -value : value).toString().padStart(scale + 1, '0');
  const sign = value < 0n ? '-' : '';
  return scale ? `${sign}${digits.slice(0, -scale)}.${digits.slice(-scale)}` : `${sign}${digits}`;
}

/** The largest amount a numeric(12,2) column holds: 9,999,999,999.99. */
export const MAX_AMOUNT: Cents = 999_999_999_999n;

export const toCents = (money: string): Cents => toScaled(money, 2);
export const sumCents = (values: Cents[]): Cents => values.reduce((a, b) => a + b, 0n);
export const fromCents = (cents: Cents): string => fromScaled(cents, 2);

/** `numerator / denominator` rounded half up (half away from zero, as PostgreSQL's round()). */
export function divideHalfUp(numerator: bigint, denominator: bigint): bigint {
  if (denominator <= 0n) throw new Error('divideHalfUp: the denominator must be positive');
  const half = numerator < 0n ? -1n : 1n;
  return (numerator * 2n + half * denominator) / (denominator * 2n);
}

/** Rates are percentages with up to three decimals ("8.875"). */
const RATE_SCALE = 3;

/** A rate as people write it: numeric(6,3) text without trailing zeros ("8.500" → "8.5", "0.000" → "0"). */
export const percentText = (rate: string): string => (rate.includes('.') ? rate.replace(/0+$/, '').replace(/\.$/, '') : rate);

/** `round_half_up(cents × percent / 100)`: tax on an amount at a rate. */
export const percentOf = (cents: Cents, percent: string): Cents => divideHalfUp(cents * toScaled(percent, RATE_SCALE), 100n * 10n ** BigInt(RATE_SCALE));

/**
 * Splits a non-negative `total` over parts in proportion to non-negative `weights`, exactly: each
 * part gets its floor share
 * and the cents left go one each to the largest remainders (the earlier part on a tie), so the
 * parts always add up to `total`. All-zero weights are only allowed for a zero total.
 */
export function allocate(total: Cents, weights: bigint[]): Cents[] {
  const sum = sumCents(weights);
  if (sum === 0n) {
    if (total !== 0n) throw new Error('allocate: nothing to allocate over');
    return weights.map(() => 0n);
  }
  const shares = weights.map((weight) => (total * weight) / sum);
  const remainders = weights.map((weight, index) => ({ index, remainder: (total * weight) % sum }));
  let left = total - sumCents(shares);
  remainders.sort((a, b) => (a.remainder === b.remainder ? a.index - b.index : a.remainder > b.remainder ? -1 : 1));
  for (const { index } of remainders) {
    if (left === 0n) break;
    shares[index]! += 1n;
    left -= 1n;
  }
  return shares;
}

