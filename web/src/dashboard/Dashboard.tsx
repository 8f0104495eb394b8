import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense, useMemo } from 'react';
import { Link } from 'react-router';
import { trpc } from '../api/client';
import { useCan, useVendor } from '../auth/useMe';
import { categoryLabels, formatCount } from '../lib/format';
import { formatMoney, formatRatio } from '../lib/money';
import { periodOf } from '../reports/period';
import { salesPoints } from '../reports/salesRows';
import { TopSellersTable } from '../reports/TopSellersTable';
import { PageHeader } from '../ui/PageHeader';
import { EmptyState, QueryError, Skeleton } from '../ui/states';
import { Figures } from '../ui/Figures';
import { LowStock } from './LowStock';
import { StockValueTable } from './StockValueTable';

const CategoryChart = lazy(() => import('./CategoryChart'));
const SalesChart = lazy(() => import('../reports/SalesChart'));

/**
 * The shop at a glance. Panels sit in a 12-column grid by name (styles.css, .dashboard): stock
 * figures, sales of the last 30 days and top sellers, value by category and store, low stock.
 */
export default function Dashboard() {
  const { currency, lowStockThreshold, timeZone } = useVendor();
  const canAdd = useCan('staff');
  const overview = useQuery(trpc.inventory.overview.queryOptions());
  const money = (value: string) => formatMoney(value, currency);
  const data = overview.data;
  const figures = [
    { label: 'Items (SKUs)', value: data && formatCount(data.totalSkus) },
    { label: 'Units in stock', value: data && formatCount(data.totalUnits) },
    { label: 'Value at cost', value: data && money(data.valueAtCost) },
    { label: 'Value at price', value: data && money(data.valueAtMarket) },
    { label: 'Projected value', value: data && money(data.valueAtProjected) },
    { label: 'Potential profit', value: data && money(data.potentialProfit) },
  ];
  return (
    <>
      <PageHeader
        title="Dashboard"
        actions={canAdd && <Link to="/inventory/new" className="button button--primary">Add item</Link>}
      />
      {overview.isError && <QueryError error={overview.error} retry={() => void overview.refetch()} />}
      <div className="dashboard">
        <section className="panel dashboard__figures" aria-label="Stock figures">
          <Figures
            items={[
              ...figures,
              { label: 'Low stock', className: 'figure--warning', value: data && <Link to="/inventory?stock=low">{formatCount(data.lowStockCount)}</Link> },
              { label: 'Out of stock', className: 'figure--danger', value: data && <Link to="/inventory?stock=out">{formatCount(data.outOfStockCount)}</Link> },
            ]}
          />
        </section>

        <RecentSales currency={currency} timeZone={timeZone} />

        <section className="panel dashboard__low-stock" aria-labelledby="low-stock-title">
          <h2 id="low-stock-title">Low stock</h2>
          <p className="muted">{lowStockThreshold} units or fewer, lowest first.</p>
          <LowStock />
        </section>

        <section className="panel dashboard__by-category" aria-labelledby="by-category-title">
          <h2 id="by-category-title">Value by category</h2>
          {data && data.byCategory.length === 0 ? (
            <EmptyState title="No stock yet">{canAdd && <Link to="/inventory/new">Add your first item</Link>}</EmptyState>
          ) : (
            <>
              <div className="chart-box">
                {data ? (
                  <Suspense fallback={<Skeleton height="100%" />}>
                    <CategoryChart rows={data.byCategory} currency={currency} />
                  </Suspense>
                ) : (
                  <Skeleton height="100%" />
                )}
              </div>
              <StockValueTable
                caption="Value by category"
                rows={data?.byCategory.map((row) => ({ key: row.category, name: categoryLabels[row.category], ...row }))}
                money={money}
                columns={['totalSkus', 'totalUnits', 'valueAtCost', 'valueAtMarket']}
              />
            </>
          )}
        </section>

        <section className="panel dashboard__by-store" aria-labelledby="by-store-title">
          <h2 id="by-store-title">Value by store</h2>
          <StockValueTable
            caption="Value by store"
            rows={data?.byStore.map((row) => ({ key: row.storeId, ...row }))}
            money={money}
            columns={['totalSkus', 'totalUnits', 'valueAtCost', 'valueAtMarket']}
          />
        </section>
      </div>
    </>
  );
}

/** Sales of the last 30 local days (the vendor's time zone), by day, and the items that sold best in them. */
function RecentSales({ currency, timeZone }: { currency: string; timeZone: string }) {
  const { from, to } = useMemo(() => periodOf('last30', timeZone)!, [timeZone]);
  const sales = useQuery(trpc.reports.sales.queryOptions({ from, to, groupBy: 'day' }));
  const topSellers = useQuery(trpc.reports.topSellers.queryOptions({ from, to, by: 'units', limit: 5 }));
  const report = sales.data;
  const money = (value: string) => formatMoney(value, currency);
  const figures = [
    { label: 'Revenue', value: report && money(report.totals.revenue) },
    { label: 'Gross profit', value: report && money(report.totals.grossProfit) },
    { label: 'Margin', value: report && formatRatio(report.totals.margin) },
    { label: 'Sales', value: report && formatCount(report.totals.saleCount) },
  ];
  return (
    <>
      <section className="panel dashboard__sales" aria-labelledby="sales-title">
        <h2 id="sales-title">Sales, last 30 days</h2>
        {sales.isError && <QueryError error={sales.error} retry={() => void sales.refetch()} />}
        <Figures items={figures} compact />
        <div className="chart-box chart-box--short">
          {!report ? (
            <Skeleton height="100%" />
          ) : report.totals.saleCount === 0 && report.groups.length === 0 ? (
            <EmptyState title="No sales in the last 30 days." />
          ) : (
            <Suspense fallback={<Skeleton height="100%" />}>
              <SalesChart
                points={salesPoints(report, 'day')}
                currency={currency}
                label="Bar chart of the revenue per day of the last 30 days, and of the gross profit beside it; the reports have the figures."
              />
            </Suspense>
          )}
        </div>
        <Link to="/reports">All sales reports</Link>
      </section>

      <section className="panel dashboard__top-sellers" aria-labelledby="top-sellers-title">
        <h2 id="top-sellers-title">Top sellers, last 30 days</h2>
        {topSellers.isError ? (
          <QueryError error={topSellers.error} retry={() => void topSellers.refetch()} />
        ) : (
          <TopSellersTable rows={topSellers.data} currency={currency} caption="Top sellers of the last 30 days" />
        )}
      </section>
    </>
  );
}
