/**
 * Money in the browser stays what the API sends: decimal strings with two places ("19.99").
 * Arithmetic runs on integer cents as BigInt, and formatting hands the string itself to
 * Intl.NumberFormat, which reads it as an exact decimal: no float ever touches an amount. The
 * arithmetic is the contract's (src/contract/money.ts), the one the server runs.
 */
import { fromCents, moneySchema, toCents } from '@api/contract/money';

export { fromCents, toCents };

/** Whether a typed amount is one the API takes ("12.5", "0.99"; not "-1" or "1.005"). */
export const isMoney = (value: string) => moneySchema.safeParse(value).success;

export const subtractMoney = (a: string, b: string) => fromCents(toCents(a) - toCents(b));

export const compareMoney = (a: string, b: string) => {
  const diff = toCents(a) - toCents(b);
  return diff < 0n ? -1 : diff > 0n ? 1 : 0;
};

/** `part / whole` in percent with one decimal (toward zero), or null when `whole` is zero. */
export function percentOf(part: string, whole: string): number | null {
  const w = toCents(whole);
  return w === 0n ? null : Number((toCents(part) * 1000n) / w) / 10;
}

const formatters = new Map<string, Intl.NumberFormat>();

/** "1234.50" in EUR → "€1,234.50" (the browser's locale). */
export function formatMoney(value: string, currency: string): string {
  let format = formatters.get(currency);
  if (!format) {
    format = new Intl.NumberFormat(undefined, { style: 'currency', currency });
    formatters.set(currency, format);
  }
  // Intl.NumberFormat formats a numeric string as the exact decimal it spells.
  return format.format(value as unknown as number);
}

const percent = new Intl.NumberFormat(undefined, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 2 });

/** A ratio the API sends as a decimal string ("0.2345", a margin) → "23.45%", exactly. */
export const formatRatio = (ratio: string) => percent.format(ratio as unknown as number);
