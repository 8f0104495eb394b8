import { Link } from 'react-router';
import type { RouterOutputs } from '@api/router';
import { formatCount } from '../lib/format';
import { formatMoney } from '../lib/money';
import { EmptyState, SkeletonRows } from '../ui/states';
import { TableWrap } from '../ui/TableWrap';

type Row = RouterOutputs['reports']['topSellers'][number];

/** The best-selling items of a period, net of returns; skeleton rows of the same height while they load. */
export function TopSellersTable({ rows, currency, caption, skeletonRows = 5 }: { rows: Row[] | undefined; currency: string; caption: string; skeletonRows?: number }) {
  if (rows && rows.length === 0) return <EmptyState title="No items sold in this period." />;
  return (
    <TableWrap label={caption}>
      <table className="data-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col" className="num">#</th>
            <th scope="col">Item</th>
            <th scope="col" className="num">Units</th>
            <th scope="col" className="num">Revenue</th>
          </tr>
        </thead>
        <tbody>
          {rows
            ? rows.map((row, n) => (
                <tr key={row.itemId}>
                  <td className="num">{n + 1}</td>
                  <th scope="row">
                    <Link to={`/inventory/${row.itemId}`}>{row.name}</Link>
                    <span className="muted small"> · {row.sku}</span>
                  </th>
                  <td className="num">{formatCount(row.units)}</td>
                  <td className="num">{formatMoney(row.revenue, currency)}</td>
                </tr>
              ))
            : <SkeletonRows rows={skeletonRows} columns={4} />}
        </tbody>
      </table>
    </TableWrap>
  );
}
