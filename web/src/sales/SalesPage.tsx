import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { listSalesInput, paymentMethods, saleStatuses } from '@api/modules/sales/contract';
import type { RouterInputs } from '@api/router';
import { trpc, trpcClient } from '../api/client';
import { queryString } from '../api/download';
import { keysetPages } from '../api/pages';
import { useCan, useVendor } from '../auth/useMe';
import { formatCount, formatDateTime } from '../lib/format';
import { formatMoney } from '../lib/money';
import { useAddressParams } from '../lib/useAddressParams';
import { ExportButton } from '../ui/ExportButton';
import { Field } from '../ui/Field';
import { PageHeader } from '../ui/PageHeader';
import { EmptyState, QueryError, Skeleton } from '../ui/states';
import { TableWrap } from '../ui/TableWrap';
import { paymentLabels, statusLabels } from './format';
import './sales.css';

const PAGE = 50;
type SalesQuery = NonNullable<RouterInputs['sales']['list']>;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const shape = listSalesInput.unwrap().shape;

/** The filters as the address says them (?from=2026-11-01&to=2026-11-30&store=…&status=voided&method=card&q=ash). */
function useSaleFilters() {
  const [params, change] = useAddressParams();
  const filters = useMemo(() => {
    const day = (key: string) => (DAY.test(params.get(key) ?? '') ? params.get(key)! : '');
    const choice = <T,>(key: string, schema: { safeParse(v: unknown): { success: boolean; data?: T } }) => {
      const parsed = schema.safeParse(params.get(key) ?? undefined);
      return parsed.success ? (parsed.data ?? undefined) : undefined;
    };
    return {
      from: day('from'),
      to: day('to'),
      storeId: choice('store', shape.storeId),
      status: choice('status', shape.status),
      paymentMethod: choice('method', shape.paymentMethod),
      search: params.get('q') ?? '',
    };
  }, [params]);
  const update = (name: string, value: string) =>
    change((next) => {
      if (value) next.set(name, value);
      else next.delete(name);
      return next;
    });
  return { filters, update, clear: () => change(() => new URLSearchParams()) };
}

/** A day picked in the browser as the instant its local midnight is (`to` is the next midnight: exclusive). */
const startOf = (day: string, plusDays = 0) => {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d + plusDays).toISOString();
};

/** The export needs a period: the dates chosen, else the last 30 days up to the end of today. */
function exportPeriod(from: string, to: string, storeId: string | undefined) {
  const today = new Date();
  const day = (date: Date) => `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
  const end = to || day(today);
  const start = from || day(new Date(today.getFullYear(), today.getMonth(), today.getDate() - 29));
  return { from: startOf(start), to: startOf(end, 1), storeId };
}

export default function SalesPage() {
  const { currency } = useVendor();
  const canSell = useCan('staff');
  const isAdmin = useCan('admin');
  const { filters, update, clear } = useSaleFilters();
  const [search, setSearch] = useState(filters.search);
  const stores = useQuery(trpc.stores.list.queryOptions({ includeArchived: true }));
  const storeNames = useMemo(() => new Map(stores.data?.map((store) => [store.id, store.name])), [stores.data]);
  const input = useMemo((): SalesQuery => {
    const search = filters.search.trim();
    return {
      limit: PAGE,
      ...(filters.from && { from: startOf(filters.from) }),
      ...(filters.to && { to: startOf(filters.to, 1) }),
      ...(filters.storeId && { storeId: filters.storeId }),
      ...(filters.status && { status: filters.status }),
      ...(filters.paymentMethod && { paymentMethod: filters.paymentMethod }),
      ...(search && { search }),
    };
  }, [filters]);
  const badRange = filters.from && filters.to && filters.from > filters.to;
  const sales = useInfiniteQuery({
    ...keysetPages(trpc.sales.list.queryKey(input), (cursor) => trpcClient.sales.list.query({ ...input, cursor })),
    placeholderData: keepPreviousData,
    enabled: !badRange,
  });
  const rows = sales.data?.pages.flatMap((page) => page.items) ?? [];
  const total = sales.data?.pages[0]?.total;
  const filtered = Object.values(filters).some(Boolean);
  const filterCount = [filters.from, filters.to, filters.storeId, filters.status, filters.paymentMethod].filter(Boolean).length;
  const [filtersOpen, setFiltersOpen] = useState(filterCount > 0);
  const money = (value: string) => formatMoney(value, currency);

  return (
    <>
      <PageHeader
        title="Sales"
        actions={
          <>
            {isAdmin && (
              <ExportButton
                label="Export CSV"
                path="/exports/sales.csv"
                query={queryString(exportPeriod(filters.from, filters.to, filters.storeId))}
                disabled={Boolean(badRange)}
              />
            )}
            {canSell && (
              <Link to="/pos" className="button button--primary">
                New sale
              </Link>
            )}
          </>
        }
      />
      <form
        role="search"
        className="toolbar"
        onSubmit={(event) => {
          event.preventDefault();
          update('q', search.trim());
        }}
      >
        <label htmlFor="sale-search" className="visually-hidden">
          Search (number or customer)
        </label>
        <input
          id="sale-search"
          type="search"
          className="toolbar__search"
          value={search}
          placeholder="Sale number (S-000042 or 42) or customer"
          onChange={(event) => setSearch(event.target.value)}
          onBlur={() => update('q', search.trim())}
          autoComplete="off"
        />
        <button type="button" className="button" aria-expanded={filtersOpen} aria-controls="sale-filters" onClick={() => setFiltersOpen((open) => !open)}>
          Filters{filterCount > 0 && <span className="badge">{filterCount}</span>}
        </button>
      </form>
      {filtersOpen && (
        <section id="sale-filters" className="panel filter-panel" aria-label="Filters">
          <div className="filter-grid">
            <Field label="From" error={badRange ? 'must be on or before the end date' : undefined}>
              <input type="date" value={filters.from} onChange={(event) => update('from', event.target.value)} />
            </Field>
            <Field label="To">
              <input type="date" value={filters.to} onChange={(event) => update('to', event.target.value)} />
            </Field>
            <Field label="Store">
              <select value={filters.storeId ?? ''} onChange={(event) => update('store', event.target.value)}>
                <option value="">Any store</option>
                {stores.data?.map((store) => (
                  <option key={store.id} value={store.id}>
                    {store.name}
                  </option>
                ))}
              </select>
            </Field>
            <Field label="Status">
              <select value={filters.status ?? ''} onChange={(event) => update('status', event.target.value)}>
                <option value="">Any status</option>
                {saleStatuses.map((status) => (
                  <option key={status} value={status}>
                    {statusLabels[status]}
                  </option>
                ))}
              </select>
            </Field>
            <Field label="Payment method">
              <select value={filters.paymentMethod ?? ''} onChange={(event) => update('method', event.target.value)}>
                <option value="">Any method</option>
                {paymentMethods.map((method) => (
                  <option key={method} value={method}>
                    {paymentLabels[method]}
                  </option>
                ))}
              </select>
            </Field>
          </div>
          <button
            type="button"
            className="button button--ghost"
            onClick={() => {
              setSearch('');
              clear();
            }}
          >
            Clear all filters
          </button>
        </section>
      )}

      <p className="result-count" aria-live="polite">
        {total === undefined ? '\u00a0' : `${formatCount(total)} ${total === 1 ? 'sale' : 'sales'}${sales.isPlaceholderData ? ' (updating…)' : ''}`}
      </p>
      {sales.isError && <QueryError error={sales.error} retry={() => void sales.refetch()} />}
      {badRange ? null : sales.isPending ? (
        <Skeleton height="20rem" />
      ) : rows.length === 0 ? (
        <EmptyState title={filtered ? 'No sales match these filters.' : 'No sales yet.'}>
          {!filtered && canSell && <Link to="/pos">Make the first sale</Link>}
        </EmptyState>
      ) : (
        <>
          <TableWrap label="Sales">
            <table className="data-table sale-table">
              <thead>
                <tr>
                  <th scope="col">Number</th>
                  <th scope="col">When</th>
                  <th scope="col">Customer</th>
                  <th scope="col">Store</th>
                  <th scope="col" className="num">Units</th>
                  <th scope="col">Paid by</th>
                  <th scope="col" className="num">Total</th>
                  <th scope="col">Status</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((sale) => (
                  <tr key={sale.id}>
                    <th scope="row">
                      <Link to={`/sales/${sale.id}`}>{sale.number}</Link>
                    </th>
                    <td>{formatDateTime(sale.createdAt)}</td>
                    <td>{sale.customerName ?? <span className="muted">—</span>}</td>
                    <td>{storeNames.get(sale.storeId) ?? ''}</td>
                    <td className="num">{formatCount(sale.lines.reduce((sum, line) => sum + line.quantity, 0))}</td>
                    <td>{[...new Set(sale.payments.map((payment) => paymentLabels[payment.method]))].join(', ')}</td>
                    <td className="num">{money(sale.total)}</td>
                    <td>
                      <SaleStatusBadge sale={sale} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
          {sales.hasNextPage && (
            <button type="button" className="button" disabled={sales.isFetchingNextPage} onClick={() => void sales.fetchNextPage()}>
              {sales.isFetchingNextPage ? 'Loading…' : 'Show older sales'}
            </button>
          )}
        </>
      )}
    </>
  );
}

export function SaleStatusBadge({ sale }: { sale: { status: 'completed' | 'voided'; returns: unknown[] } }) {
  if (sale.status === 'voided') return <span className="badge badge--danger">Voided</span>;
  if (sale.returns.length > 0) return <span className="badge badge--warning">Returns</span>;
  return <span className="badge">Completed</span>;
}
