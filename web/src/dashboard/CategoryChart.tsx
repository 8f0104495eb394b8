import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from 'recharts';
import type { RouterOutputs } from '@api/router';
import { categoryLabels } from '../lib/format';
import { ChartFrame, compactMoney } from '../ui/Chart';
import { formatMoney } from '../lib/money';

type Row = RouterOutputs['inventory']['overview']['byCategory'][number];

/**
 * Value at cost and at price per category. Amounts become numbers here for the bars' lengths only;
 * every figure people read (axis, tooltip, the table beside it) is the exact decimal string.
 */
export default function CategoryChart({ rows, currency }: { rows: Row[]; currency: string }) {
  const data = rows.map((row) => ({
    name: categoryLabels[row.category],
    cost: Number(row.valueAtCost),
    price: Number(row.valueAtMarket),
    exact: { cost: row.valueAtCost, price: row.valueAtMarket },
  }));
  return (
    <ChartFrame label="Bar chart of the value at cost and at price per category; the table below has the figures.">
      <BarChart data={data} margin={{ top: 8, right: 8, bottom: 8, left: 8 }}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="name" tick={{ fontSize: 12 }} interval={0} angle={-20} textAnchor="end" height={56} />
        <YAxis tickFormatter={compactMoney(currency)} width={64} tick={{ fontSize: 12 }} />
        <Tooltip
          formatter={(_value, key, item) => [
            formatMoney((item.payload as (typeof data)[number]).exact[key as 'cost' | 'price'], currency),
            key === 'cost' ? 'At cost' : 'At price',
          ]}
        />
        <Bar dataKey="cost" name="cost" fill="var(--chart-1)" radius={[3, 3, 0, 0]} />
        <Bar dataKey="price" name="price" fill="var(--chart-2)" radius={[3, 3, 0, 0]} />
      </BarChart>
    </ChartFrame>
  );
}
