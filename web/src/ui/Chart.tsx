import type { ReactElement } from 'react';
import { ResponsiveContainer } from 'recharts';

/** A chart filling its box, announced as one image described by `label` (the figures are in a table beside it). */
export function ChartFrame({ label, children }: { label: string; children: ReactElement }) {
  return (
    <div role="img" aria-label={label} className="chart">
      <ResponsiveContainer width="100%" height="100%">
        {children}
      </ResponsiveContainer>
    </div>
  );
}

/** "$2.2K": axis labels, where an exact amount would not fit. */
export const compactMoney = (currency: string) => {
  const format = new Intl.NumberFormat(undefined, { style: 'currency', currency, notation: 'compact' });
  return (value: number) => format.format(value);
};
