import { formatCount } from '../lib/format';
import { SkeletonRows } from '../ui/states';
import { TableWrap } from '../ui/TableWrap';

/** Units and values of a group of stock (a store, a category), as inventory.overview and reports.inventoryValue answer them. */
export interface StockValueRow {
  key: string;
  name: string;
  totalSkus?: number;
  totalUnits?: number;
  units?: number;
  valueAtCost: string;
  valueAtMarket: string;
  valueAtProjected?: string;
}

const columnLabels = {
  totalSkus: 'Items',
  totalUnits: 'Units',
  units: 'Units',
  valueAtCost: 'At cost',
  valueAtMarket: 'At price',
  valueAtProjected: 'Projected',
} as const;
type Column = keyof typeof columnLabels;

/** One row a group, the figures in `columns`; skeleton rows while `rows` loads. */
export function StockValueTable({ caption, rows, money, columns }: { caption: string; rows: StockValueRow[] | undefined; money: (v: string) => string; columns: readonly Column[] }) {
  const cell = (row: StockValueRow, column: Column) => {
    const value = row[column];
    return typeof value === 'number' ? formatCount(value) : value === undefined ? '' : money(value);
  };
  return (
    <TableWrap label={caption}>
      <table className="data-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            {columns.map((column) => (
              <th key={column} scope="col" className="num">
                {columnLabels[column]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows ? (
            rows.map((row) => (
              <tr key={row.key}>
                <th scope="row">{row.name}</th>
                {columns.map((column) => (
                  <td key={column} className="num">
                    {cell(row, column)}
                  </td>
                ))}
              </tr>
            ))
          ) : (
            <SkeletonRows rows={2} columns={columns.length + 1} />
          )}
        </tbody>
      </table>
    </TableWrap>
  );
}
