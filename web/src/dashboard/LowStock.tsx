import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { trpc } from '../api/client';
import { formatCount } from '../lib/format';
import { EmptyState, QueryError, Skeleton } from '../ui/states';
import { Thumbnail } from '../inventory/Thumbnail';

const SHOWN = 8;

export function LowStock() {
  const items = useQuery(trpc.items.list.queryOptions({ lowStock: true, sort: 'quantity', order: 'asc', limit: SHOWN }));
  if (items.isError) return <QueryError error={items.error} retry={() => void items.refetch()} />;
  if (!items.data) {
    return (
      <ul className="plain-list">
        {Array.from({ length: 4 }, (_, n) => (
          <li key={n} className="list-row">
            <Skeleton height="2.5rem" />
          </li>
        ))}
      </ul>
    );
  }
  if (items.data.items.length === 0) return <EmptyState title="Nothing is running low." />;
  return (
    <>
      <ul className="plain-list">
        {items.data.items.map((item) => (
          <li key={item.id} className="list-row">
            <Thumbnail item={item} size={40} />
            <Link to={`/inventory/${item.id}`} className="list-row__main">
              {item.name}
              <span className="muted"> · {item.sku}</span>
            </Link>
            <span className="badge badge--warning">{formatCount(item.quantity)} left</span>
          </li>
        ))}
      </ul>
      {items.data.total > SHOWN && (
        <Link to="/inventory?stock=low&sort=quantity&order=asc">All {formatCount(items.data.total)} low-stock items</Link>
      )}
    </>
  );
}
