import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense } from 'react';
import { Link } from 'react-router';
import { trpc } from '../api/client';
import { useCan, useVendor } from '../auth/useMe';
import { categoryLabels, formatCount } from '../lib/format';
import { formatMoney } from '../lib/money';
import { PageHeader } from '../ui/PageHeader';
import { EmptyState, QueryError, Skeleton } from '../ui/states';
import { TableWrap } from '../ui/TableWrap';
import { LowStock } from './LowStock';

const CategoryChart = lazy(() => import('./CategoryChart'));

/**
 * The shop at a glance. Panels sit in a 12-column grid by name (styles.css, .dashboard): sales of
 * the last 30 days and top sellers take their own areas when reports exist.
 */
export default function Dashboard() {
  const { currency, lowStockThreshold } = useVendor();
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
          <dl className="figures">
            {figures.map((figure) => (
              <div key={figure.label} className="figure">
                <dt>{figure.label}</dt>
                <dd>{figure.value ?? <Skeleton height="1.75rem" width="7rem" />}</dd>
              </div>
            ))}
            <div className="figure figure--warning">
              <dt>Low stock</dt>
              <dd>
                {data ? <Link to="/inventory?stock=low">{formatCount(data.lowStockCount)}</Link> : <Skeleton height="1.75rem" width="4rem" />}
              </dd>
            </div>
            <div className="figure figure--danger">
              <dt>Out of stock</dt>
              <dd>
                {data ? <Link to="/inventory?stock=out">{formatCount(data.outOfStockCount)}</Link> : <Skeleton height="1.75rem" width="4rem" />}
              </dd>
            </div>
          </dl>
        </section>

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
              <FigureTable
                caption="Value by category"
                rows={(data?.byCategory ?? []).map((row) => ({ key: row.category, name: categoryLabels[row.category], ...row }))}
                money={money}
              />
            </>
          )}
        </section>

        <section className="panel dashboard__by-store" aria-labelledby="by-store-title">
          <h2 id="by-store-title">Value by store</h2>
          {data ? (
            <FigureTable caption="Value by store" rows={data.byStore.map((row) => ({ key: row.storeId, ...row }))} money={money} />
          ) : (
            <Skeleton height="6rem" />
          )}
        </section>
      </div>
    </>
  );
}

interface FigureRow {
  key: string;
  name: string;
  totalSkus: number;
  totalUnits: number;
  valueAtCost: string;
  valueAtMarket: string;
}

function FigureTable({ caption, rows, money }: { caption: string; rows: FigureRow[]; money: (v: string) => string }) {
  return (
    <TableWrap label={caption}>
      <table className="data-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col" className="num">Items</th>
            <th scope="col" className="num">Units</th>
            <th scope="col" className="num">At cost</th>
            <th scope="col" className="num">At price</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key}>
              <th scope="row">{row.name}</th>
              <td className="num">{formatCount(row.totalSkus)}</td>
              <td className="num">{formatCount(row.totalUnits)}</td>
              <td className="num">{money(row.valueAtCost)}</td>
              <td className="num">{money(row.valueAtMarket)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}
