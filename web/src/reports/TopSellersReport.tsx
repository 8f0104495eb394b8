import { skipToken, useQuery } from '@tanstack/react-query';
import { trpc } from '../api/client';
import { QueryError } from '../ui/states';
import type { Period } from './period';
import { steady } from './reportParams';
import { TopSellersTable } from './TopSellersTable';

const LIMIT = 20;

interface TopSellersReportProps {
  period: Period | null;
  by: 'units' | 'revenue';
  storeId: string | undefined;
  currency: string;
  onBy: (by: 'units' | 'revenue') => void;
}

/** reports.topSellers: the period's best items by units or by revenue, net of returns. */
export function TopSellersReport({ period, by, storeId, currency, onBy }: TopSellersReportProps) {
  const input = period && { from: period.from, to: period.to, by, limit: LIMIT, ...(storeId && { storeId }) };
  const rows = useQuery(trpc.reports.topSellers.queryOptions(input ?? skipToken, steady));
  return (
    <div className="stack">
      <div className="segmented" role="group" aria-label="Rank by">
        {(['units', 'revenue'] as const).map((choice) => (
          <button key={choice} type="button" aria-pressed={by === choice} onClick={() => onBy(choice)}>
            {choice === 'units' ? 'By units' : 'By revenue'}
          </button>
        ))}
      </div>
      <h2>The {LIMIT} best sellers by {by}</h2>
      {!input && <p className="muted">Choose the first and last day of the period.</p>}
      {rows.isError ? (
        <QueryError error={rows.error} retry={() => void rows.refetch()} />
      ) : (
        <TopSellersTable rows={input ? rows.data : []} currency={currency} caption={`Top sellers by ${by}`} skeletonRows={8} />
      )}
    </div>
  );
}
