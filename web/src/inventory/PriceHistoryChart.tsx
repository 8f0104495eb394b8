import { CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import type { PriceChangeOutput, PriceField } from '@api/modules/inventory/contract';
import { formatDate, formatDateTime } from '../lib/format';
import { ChartFrame, compactMoney } from '../ui/Chart';
import { formatMoney } from '../lib/money';

const lines: { field: PriceField; label: string; color: string }[] = [
  { field: 'price', label: 'Price', color: 'var(--chart-2)' },
  { field: 'intakePrice', label: 'Cost', color: 'var(--chart-1)' },
  { field: 'projectedPrice', label: 'Projected', color: 'var(--chart-3)' },
];

/**
 * Each price as a step line over time. Numbers are for the lines' positions only; the tooltip
 * shows the exact amounts.
 */
export default function PriceHistoryChart({ changes, currency }: { changes: PriceChangeOutput[]; currency: string }) {
  const ordered = [...changes].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  // Every price as it stood after each moment; changes made together (an item's creation) are one point.
  const latest: Partial<Record<PriceField, string>> = {};
  const points: { at: number; exact: Partial<Record<PriceField, string>> }[] = [];
  for (const change of ordered) {
    latest[change.field] = change.newValue;
    const at = new Date(change.createdAt).getTime();
    if (points.at(-1)?.at === at) points.pop();
    points.push({ at, exact: { ...latest } });
  }
  const data = points.map((point) => ({ ...point, ...Object.fromEntries(Object.entries(point.exact).map(([k, v]) => [k, Number(v)])) }));
  // One moment (the prices an item was created with) still needs a span of time to draw over.
  const first = points[0]?.at ?? 0;
  const last = points.at(-1)?.at ?? first;
  const domain = [first, last > first ? last : first + 86_400_000];
  return (
    <ChartFrame label="Line chart of the item's prices over time; the list below has every change.">
      <LineChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="at" type="number" domain={domain} tickFormatter={(at: number) => formatDate(new Date(at).toISOString())} tick={{ fontSize: 12 }} />
        <YAxis tickFormatter={compactMoney(currency)} width={64} tick={{ fontSize: 12 }} />
        <Tooltip
          labelFormatter={(at) => formatDateTime(new Date(Number(at)).toISOString())}
          formatter={(_value, key, entry) => {
            const exact = (entry.payload as { exact: Partial<Record<PriceField, string>> }).exact[key as PriceField];
            return [exact ? formatMoney(exact, currency) : '', lines.find((l) => l.field === key)?.label ?? String(key)];
          }}
        />
        <Legend formatter={(key) => lines.find((l) => l.field === key)?.label ?? key} />
        {lines.map((line) => (
          <Line key={line.field} type="stepAfter" dataKey={line.field} stroke={line.color} strokeWidth={2} dot={{ r: 3 }} isAnimationActive={false} connectNulls />
        ))}
      </LineChart>
    </ChartFrame>
  );
}
