import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, type ReactNode } from 'react';
import { Link } from 'react-router';
import type { ItemOutput, ItemSort } from '@api/modules/inventory/contract';
import { useVendor } from '../auth/useMe';
import { categoryLabels, formatCount } from '../lib/format';
import { formatMoney } from '../lib/money';
import { useMediaQuery } from '../lib/useMediaQuery';
import { EmptyState, Skeleton } from '../ui/states';
import { Thumbnail } from './Thumbnail';

interface ItemTableProps {
  rows: ItemOutput[];
  total: number | undefined;
  loading: boolean;
  hasMore: boolean;
  loadMore: () => void;
  sort: ItemSort;
  order: 'asc' | 'desc';
  onSort: (sort: ItemSort) => void;
  selectable: boolean;
  selected: ReadonlySet<string>;
  onSelect: (selected: ReadonlySet<string>) => void;
  storeNames: Map<string, string>;
  empty: ReactNode;
}

/** Ask for the next page while this many loaded rows are still ahead of the view. */
const PREFETCH_ROWS = 40;

/**
 * The item list: only the rows in view (and a few around) are in the page, each of one fixed
 * height, so 100,000 items scroll as smoothly as 100 and nothing moves when a page arrives.
 * Pages load by keyset cursor as the end comes near. ARIA table roles keep the semantics that
 * the CSS grid layout would otherwise hide, with each row's place in the whole list.
 */
export function ItemTable(props: ItemTableProps) {
  const { rows, total, loading, hasMore, loadMore, selectable, selected, onSelect } = props;
  const { currency } = useVendor();
  const narrow = useMediaQuery('(max-width: 720px)');
  const rowHeight = narrow ? 68 : 56;
  const scroller = useRef<HTMLDivElement>(null);
  const count = rows.length + (hasMore ? 1 : 0);
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer's functions are read in this render only
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scroller.current,
    estimateSize: () => rowHeight,
    overscan: 12,
  });
  useEffect(() => virtualizer.measure(), [rowHeight, virtualizer]);
  const visible = virtualizer.getVirtualItems();
  const last = visible.at(-1)?.index ?? 0;
  useEffect(() => {
    if (hasMore && last >= rows.length - PREFETCH_ROWS) loadMore();
  }, [hasMore, last, rows.length, loadMore]);

  const allSelected = rows.length > 0 && rows.every((row) => selected.has(row.id));
  const toggle = (id: string) => {
    const next = new Set(selected);
    if (!next.delete(id)) next.add(id);
    onSelect(next);
  };
  const header = (
    <div role="row" aria-rowindex={1} className="item-row item-row--header">
      {selectable && (
        <span role="columnheader" className="item-row__select">
          <input
            type="checkbox"
            aria-label={allSelected ? 'Unselect all loaded items' : `Select all ${formatCount(rows.length)} loaded items`}
            checked={allSelected}
            onChange={() => onSelect(allSelected ? new Set() : new Set(rows.map((row) => row.id)))}
          />
        </span>
      )}
      <span role="columnheader" className="item-row__thumb">
        <span className="visually-hidden">Image</span>
      </span>
      <SortHeader {...props} column="name" label="Name" className="item-row__name" />
      <span role="columnheader" className="item-row__category">Category</span>
      <span role="columnheader" className="item-row__condition">Condition</span>
      <span role="columnheader" className="item-row__store">Store</span>
      <SortHeader {...props} column="quantity" label="Qty" className="item-row__qty num" />
      <SortHeader {...props} column="price" label="Price" className="item-row__price num" />
    </div>
  );

  return (
    <div
      ref={scroller}
      className="item-table"
      role="table"
      aria-label="Items"
      aria-rowcount={total === undefined ? -1 : total + 1}
      aria-busy={loading}
    >
      <div role="rowgroup" className="item-table__head">
        {header}
      </div>
      {loading ? (
        <div role="rowgroup">
          {Array.from({ length: 8 }, (_, n) => (
            <div key={n} role="row" className="item-row" style={{ height: rowHeight }}>
              <span role="cell" className="item-row__skeleton">
                <Skeleton height="1.5rem" />
              </span>
            </div>
          ))}
        </div>
      ) : rows.length === 0 ? (
        <div role="rowgroup">
          <div role="row">
            <div role="cell">
              <EmptyState title="Nothing to show">{props.empty}</EmptyState>
            </div>
          </div>
        </div>
      ) : (
        <div role="rowgroup" className="item-table__body" style={{ height: virtualizer.getTotalSize() }}>
          {visible.map((virtual) => {
            const item = rows[virtual.index];
            const style = { height: rowHeight, transform: `translateY(${virtual.start}px)` };
            if (!item) {
              return (
                <div key="more" role="row" className="item-row item-row--loading" style={style}>
                  <span role="cell">Loading more items…</span>
                </div>
              );
            }
            return (
              <div key={item.id} role="row" aria-rowindex={virtual.index + 2} aria-selected={selectable ? selected.has(item.id) : undefined} className="item-row" style={style}>
                {selectable && (
                  <span role="cell" className="item-row__select">
                    <input type="checkbox" aria-label={`Select ${item.name}`} checked={selected.has(item.id)} onChange={() => toggle(item.id)} />
                  </span>
                )}
                <span role="cell" className="item-row__thumb">
                  <Thumbnail item={item} size={narrow ? 44 : 40} />
                </span>
                <span role="cell" className="item-row__name">
                  <Link to={`/inventory/${item.id}`}>{item.name}</Link>
                  <span className="muted item-row__sku">{item.sku}</span>
                </span>
                <span role="cell" className="item-row__category">{categoryLabels[item.category]}</span>
                <span role="cell" className="item-row__condition">{conditionText(item)}</span>
                <span role="cell" className="item-row__store">{props.storeNames.get(item.storeId) ?? ''}</span>
                <span role="cell" className={`item-row__qty num${item.quantity === 0 ? ' is-out' : ''}`}>
                  {formatCount(item.quantity)}
                </span>
                <span role="cell" className="item-row__price num">
                  {formatMoney(item.price, currency)}
                </span>
              </div>
            );
          })}
        </div>
      )}
    </div>
  );
}

/** "Near Mint · PSA 9.5": condition and grade in one short cell. */
function conditionText(item: ItemOutput) {
  const card = item.cardDetails;
  const grade = card?.grade != null ? `${card.gradingCompany ?? 'Grade'} ${card.grade}` : null;
  return [item.condition, grade].filter(Boolean).join(' · ');
}

function SortHeader({ column, label, className, sort, order, onSort }: ItemTableProps & { column: ItemSort; label: string; className: string }) {
  const active = sort === column;
  return (
    <span role="columnheader" className={className} aria-sort={active ? (order === 'asc' ? 'ascending' : 'descending') : 'none'}>
      <button type="button" className="sort-button" onClick={() => onSort(column)}>
        {label}
        <span aria-hidden="true">{active ? (order === 'asc' ? ' ▲' : ' ▼') : ''}</span>
      </button>
    </span>
  );
}
