import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from 'recharts';
import { formatMoney } from '../lib/money';
import { ChartFrame, compactMoney } from '../ui/Chart';

/** One bucket of time: its axis label, the label in the tooltip, and its exact amounts. */
export interface SalesPoint {
  key: string;
  tick: string;
  label: string;
  revenue: string;
  grossProfit: string;
}

const series = [
  { key: 'revenue', label: 'Revenue' },
  { key: 'grossProfit', label: 'Gross profit' },
] as const;
const labelOf = (key: unknown) => series.find((s) => s.key === key)?.label ?? String(key);

/**
 * Revenue and gross profit per bucket of time, side by side (bars only, so the dashboard loads no
 * line-chart code). Amounts become numbers for the geometry only; the tooltip shows the exact strings.
 */
export default function SalesChart({ points, currency, label }: { points: SalesPoint[]; currency: string; label: string }) {
  const data = points.map((point) => ({ ...point, revenueValue: Number(point.revenue), grossProfitValue: Number(point.grossProfit) }));
  return (
    <ChartFrame label={label}>
      <BarChart data={data} margin={{ top: 8, right: 8, bottom: 8, left: 8 }}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="tick" tick={{ fontSize: 12 }} minTickGap={12} />
        <YAxis tickFormatter={compactMoney(currency)} width={64} tick={{ fontSize: 12 }} />
        <Tooltip
          labelFormatter={(_tick, entries) => (entries[0]?.payload as SalesPoint | undefined)?.label ?? ''}
          formatter={(_value, name, entry) => {
            const key = series.find((s) => `${s.key}Value` === name)?.key ?? 'revenue';
            return [formatMoney((entry.payload as SalesPoint)[key], currency), labelOf(key)];
          }}
        />
        <Legend formatter={(name: string) => labelOf(name.replace(/Value$/, ''))} />
        <Bar dataKey="revenueValue" fill="var(--chart-2)" radius={[3, 3, 0, 0]} isAnimationActive={false} />
        <Bar dataKey="grossProfitValue" fill="var(--chart-3)" radius={[3, 3, 0, 0]} isAnimationActive={false} />
      </BarChart>
    </ChartFrame>
  );
}
