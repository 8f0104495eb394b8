import { zodResolver } from '@hookform/resolvers/zod';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { Link } from 'react-router';
import { z } from 'zod';
import { slowMoversInput } from '@api/modules/reports/contract';
import { trpc, trpcClient } from '../api/client';
import { keysetPages } from '../api/pages';
import { formatCount, formatDate } from '../lib/format';
import { numberText } from '../lib/formSchemas';
import { formatMoney } from '../lib/money';
import { Field } from '../ui/Field';
import { EmptyState, QueryError, SkeletonRows } from '../ui/states';
import { TableWrap } from '../ui/TableWrap';
import { steady } from './reportParams';

const daysForm = z.object({ days: numberText(slowMoversInput.shape.days, true) });
const PAGE = 50;

interface SlowMoversReportProps {
  days: number;
  storeId: string | undefined;
  currency: string;
  onDays: (days: number) => void;
}

/** reports.slowMovers: items in stock not sold for `days` days, longest idle first, page by page. */
export function SlowMoversReport({ days, storeId, currency, onDays }: SlowMoversReportProps) {
  const form = useForm({ resolver: zodResolver(daysForm), values: { days: String(days) } });
  const input = { days, limit: PAGE, ...(storeId && { storeId }) };
  const pages = useInfiniteQuery({
    ...keysetPages(trpc.reports.slowMovers.queryKey(input), (cursor) => trpcClient.reports.slowMovers.query({ ...input, cursor })),
    ...steady,
  });
  const rows = pages.data?.pages.flatMap((page) => page.items);
  const total = pages.data?.pages[0]?.total;
  const money = (value: string) => formatMoney(value, currency);
  return (
    <div className="stack">
      <form className="form-row form-row--end report-controls" noValidate onSubmit={form.handleSubmit((values) => onDays(values.days!))}>
        <Field label="Not sold for (days)" hint="Items in stock whose last sale, or creation if never sold, is longer ago." error={form.formState.errors.days?.message}>
          <input inputMode="numeric" autoComplete="off" {...form.register('days')} />
        </Field>
        <button type="submit" className="button">
          Show
        </button>
      </form>
      <h2 aria-live="polite">
        {total === undefined ? 'Slow movers' : `${formatCount(total)} ${total === 1 ? 'item' : 'items'} not sold for ${formatCount(days)} days`}
      </h2>
      {pages.isError && <QueryError error={pages.error} retry={() => void pages.refetch()} />}
      {rows && rows.length === 0 ? (
        <EmptyState title={`Every item in stock sold in the last ${formatCount(days)} days.`} />
      ) : (
        <TableWrap label="Slow movers">
          <table className="data-table">
            <caption className="visually-hidden">Slow movers</caption>
            <thead>
              <tr>
                <th scope="col">Item</th>
                <th scope="col" className="num">In stock</th>
                <th scope="col">Last sold</th>
                <th scope="col" className="num">Days idle</th>
                <th scope="col" className="num">Value at cost</th>
              </tr>
            </thead>
            <tbody>
              {rows
                ? rows.map((row) => (
                    <tr key={row.itemId}>
                      <th scope="row">
                        <Link to={`/inventory/${row.itemId}`}>{row.name}</Link>
                        <span className="muted small"> · {row.sku}</span>
                      </th>
                      <td className="num">{formatCount(row.quantity)}</td>
                      <td>{row.lastSoldAt ? formatDate(row.lastSoldAt) : 'Never'}</td>
                      <td className="num">{row.daysSinceLastSale === null ? '—' : formatCount(row.daysSinceLastSale)}</td>
                      <td className="num">{money(row.valueAtCost)}</td>
                    </tr>
                  ))
                : <SkeletonRows rows={6} columns={5} />}
            </tbody>
          </table>
        </TableWrap>
      )}
      {pages.hasNextPage && (
        <div className="button-row">
          <button type="button" className="button" disabled={pages.isFetchingNextPage} onClick={() => void pages.fetchNextPage()}>
            {pages.isFetchingNextPage ? 'Loading…' : 'Show more'}
          </button>
        </div>
      )}
    </div>
  );
}
