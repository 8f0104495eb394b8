/**
 * Money in the browser stays what the API sends: decimal strings with two places ("19.99").
 * Arithmetic runs on integer cents as BigInt, and formatting hands the string itself to
 * Intl.NumberFormat, which reads it as an exact decimal: no float ever touches an amount.
 */
const MONEY = /^(-)?(\d+)(?:\.(\d{1,2}))?$/;

export const isMoney = (value: string) => MONEY.test(value.trim());

export function toCents(value: string): bigint {
  const match = MONEY.exec(value.trim());
  if (!match) throw new Error(`not an amount: ${value}`);
  const cents = BigInt(match[2]!) * 100n + BigInt((match[3] ?? '').padEnd(2, '0'));
  return match[1] ? -cents : cents;
}

export function fromCents(cents: bigint): string {
  const sign = cents < 0n ? '-' : '';
  const abs = cents < 0n ? -cents : cents;
  return `${sign}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
}

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
