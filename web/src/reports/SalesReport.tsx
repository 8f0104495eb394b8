import { skipToken, useQuery } from '@tanstack/react-query';
import { lazy, Suspense, type ReactNode } from 'react';
import { Link } from 'react-router';
import { salesGroupings, type SalesFigures, type SalesGrouping } from '@api/modules/reports/contract';
import { trpc } from '../api/client';
import { formatCount } from '../lib/format';
import { formatMoney, formatRatio } from '../lib/money';
import { Field } from '../ui/Field';
import { Figures } from '../ui/Figures';
import { EmptyState, QueryError, Skeleton, SkeletonRows } from '../ui/states';
import { TableWrap } from '../ui/TableWrap';
import { isTimeGrouping, type Period } from './period';
import { steady } from './reportParams';
import { groupLabel, salesPoints } from './salesRows';

const SalesChart = lazy(() => import('./SalesChart'));

export const groupingLabels: Record<SalesGrouping, string> = {
  day: 'Day',
  week: 'Week',
  month: 'Month',
  category: 'Category',
  item: 'Item',
  store: 'Store',
  staff: 'Staff member',
  paymentMethod: 'Payment method',
};

/** The columns of the groups table, in the order people read a till report. */
const moneyColumns = [
  { key: 'revenue', label: 'Revenue' },
  { key: 'discounts', label: 'Discounts' },
  { key: 'returns', label: 'Returns' },
  { key: 'tax', label: 'Tax' },
  { key: 'costOfGoods', label: 'Cost of goods' },
  { key: 'grossProfit', label: 'Gross profit' },
] as const;

interface SalesReportProps {
  period: Period | null;
  groupBy: SalesGrouping;
  storeId: string | undefined;
  currency: string;
  onGroupBy: (groupBy: SalesGrouping) => void;
}

/** reports.sales: the period's totals, a chart for time groupings and a table for every grouping. */
export function SalesReport({ period, groupBy, storeId, currency, onGroupBy }: SalesReportProps) {
  const input = period && { from: period.from, to: period.to, groupBy, ...(storeId && { storeId }) };
  const report = useQuery(trpc.reports.sales.queryOptions(input ?? skipToken, steady));
  const data = input ? report.data : undefined;
  const money = (value: string) => formatMoney(value, currency);
  const totals = data?.totals;
  const figures = [
    { label: 'Revenue', value: totals && money(totals.revenue) },
    { label: 'Gross profit', value: totals && money(totals.grossProfit) },
    { label: 'Margin', value: totals && formatRatio(totals.margin) },
    { label: 'Cost of goods', value: totals && money(totals.costOfGoods) },
    { label: 'Discounts', value: totals && money(totals.discounts) },
    { label: 'Returns', value: totals && money(totals.returns) },
    { label: 'Tax', value: totals && money(totals.tax) },
    { label: 'Average sale', value: totals && money(totals.averageSale) },
    { label: 'Units sold', value: totals && formatCount(totals.units) },
    { label: 'Sales', value: totals && formatCount(totals.saleCount) },
  ];
  // The table's rows are the answer's groups; a time grouping's chart shows every bucket, empty ones at zero.
  const shownGroupBy = data?.groupBy ?? groupBy;
  return (
    <div className="stack">
      <div className="form-row report-controls">
        <Field label="Group by">
          <select value={groupBy} onChange={(event) => onGroupBy(event.target.value as SalesGrouping)}>
            {salesGroupings.map((grouping) => (
              <option key={grouping} value={grouping}>
                {groupingLabels[grouping]}
              </option>
            ))}
          </select>
        </Field>
      </div>
      {!input && <p className="muted">Choose the first and last day of the period.</p>}
      {report.isError && <QueryError error={report.error} retry={() => void report.refetch()} />}
      <section aria-labelledby="sales-totals-title">
        <h2 id="sales-totals-title">Totals{report.isPlaceholderData && <span className="muted small"> (updating…)</span>}</h2>
        <Figures items={figures} compact />
      </section>
      {isTimeGrouping(groupBy) && input && (
        <div className="chart-box">
          {!data || !isTimeGrouping(shownGroupBy) ? (
            <Skeleton height="100%" />
          ) : data.groups.length > 0 ? (
            <Suspense fallback={<Skeleton height="100%" />}>
              <SalesChart
                points={salesPoints(data, shownGroupBy)}
                currency={currency}
                label={`Bar chart of the revenue per ${groupingLabels[shownGroupBy].toLowerCase()}, and of the gross profit beside it; the table below has the figures.`}
              />
            </Suspense>
          ) : (
            <EmptyState title="No sales in this period." />
          )}
        </div>
      )}
      <section aria-labelledby="sales-groups-title">
        <h2 id="sales-groups-title">By {groupingLabels[shownGroupBy].toLowerCase()}</h2>
        {shownGroupBy === 'paymentMethod' && (
          <p className="muted small">A sale paid in parts is shared out over its payment methods, so these rows may differ from the totals by a cent; a sale counts once for each method it used.</p>
        )}
        {data && data.groups.length === 0 ? (
          <EmptyState title="No sales in this period." />
        ) : (
          <TableWrap label={`Sales by ${groupingLabels[shownGroupBy].toLowerCase()}`}>
            <table className="data-table report-table">
              <caption className="visually-hidden">Sales by {groupingLabels[shownGroupBy].toLowerCase()}</caption>
              <thead>
                <tr>
                  <th scope="col">{groupingLabels[shownGroupBy]}</th>
                  <th scope="col" className="num">Sales</th>
                  <th scope="col" className="num">Units</th>
                  {moneyColumns.map((column) => (
                    <th key={column.key} scope="col" className="num">
                      {column.label}
                    </th>
                  ))}
                  <th scope="col" className="num">Margin</th>
                </tr>
              </thead>
              <tbody>
                {data
                  ? data.groups.map((group) => (
                      <FiguresRow
                        key={group.key}
                        name={shownGroupBy === 'item' ? <Link to={`/inventory/${group.key}`}>{group.label}</Link> : groupLabel(shownGroupBy, group)}
                        figures={group}
                        money={money}
                      />
                    ))
                  : <SkeletonRows rows={4} columns={moneyColumns.length + 4} />}
              </tbody>
              {data && (
                <tfoot>
                  <FiguresRow name="Total" figures={data.totals} money={money} />
                </tfoot>
              )}
            </table>
          </TableWrap>
        )}
      </section>
    </div>
  );
}

function FiguresRow({ name, figures, money }: { name: ReactNode; figures: SalesFigures; money: (value: string) => string }) {
  return (
    <tr>
      <th scope="row">{name}</th>
      <td className="num">{formatCount(figures.saleCount)}</td>
      <td className="num">{formatCount(figures.units)}</td>
      {moneyColumns.map((column) => (
        <td key={column.key} className="num">
          {money(figures[column.key])}
        </td>
      ))}
      <td className="num">{formatRatio(figures.margin)}</td>
    </tr>
  );
}
