import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useMemo, useRef, useState } from 'react';
import { Link } from 'react-router';
import { itemSorts, type ItemSort } from '@api/modules/inventory/contract';
import { trpc, trpcClient } from '../api/client';
import { queryString } from '../api/download';
import { keysetPages } from '../api/pages';
import { useCan } from '../auth/useMe';
import { formatCount } from '../lib/format';
import { Alert } from '../ui/Alert';
import { ExportButton } from '../ui/ExportButton';
import { PageHeader } from '../ui/PageHeader';
import { QueryError } from '../ui/states';
import { BulkActions } from './BulkActions';
import { FilterPanel } from './FilterPanel';
import { activeFilterCount, listInput, useItemFilters } from './filters';
import { ItemTable } from './ItemTable';

/** Rows per items.list call: the table asks for the next page well before the user reaches it. */
const PAGE = 100;
/** Typing pauses this long before the search runs, so each word is one query, not one per letter. */
const SEARCH_DELAY_MS = 100;

const sortLabels: Record<ItemSort, string> = {
  name: 'Name',
  sku: 'SKU',
  price: 'Price',
  quantity: 'Quantity',
  createdAt: 'Date added',
  updatedAt: 'Last changed',
};

export default function InventoryPage() {
  const { filters, update, clear } = useItemFilters();
  const canWrite = useCan('staff');
  const [search, setSearch] = useState(filters.search ?? '');
  const [filtersOpen, setFiltersOpen] = useState(false);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [notice, setNotice] = useState<string | null>(null);

  const searchTimer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const onSearch = (value: string) => {
    setSearch(value);
    clearTimeout(searchTimer.current);
    searchTimer.current = setTimeout(() => update({ search: value.trim() || undefined }), SEARCH_DELAY_MS);
  };
  // The address changed by itself (back, a link, "clear"): the box follows it.
  const [searched, setSearched] = useState(filters.search);
  if (searched !== filters.search) {
    setSearched(filters.search);
    if ((filters.search ?? '') !== search.trim()) setSearch(filters.search ?? '');
  }

  const input = useMemo(() => ({ ...listInput(filters), limit: PAGE }), [filters]);
  // A selection belongs to the rows it was made in.
  const [selectionFor, setSelectionFor] = useState(input);
  if (selectionFor !== input) {
    setSelectionFor(input);
    setSelected(new Set());
    setNotice(null);
  }
  const items = useInfiniteQuery({
    ...keysetPages(trpc.items.list.queryKey(input), (cursor) => trpcClient.items.list.query({ ...input, cursor })),
    placeholderData: keepPreviousData,
  });
  const stores = useQuery(trpc.stores.list.queryOptions({ includeArchived: true }));
  const rows = useMemo(() => items.data?.pages.flatMap((page) => page.items) ?? [], [items.data]);
  const total = items.data?.pages[0]?.total;
  const storeNames = useMemo(() => new Map(stores.data?.map((store) => [store.id, store.name])), [stores.data]);
  const filterCount = activeFilterCount(filters);
  const sortValue = `${filters.sort}:${filters.order}`;

  return (
    <div className="page-fill">
      <PageHeader
        title="Inventory"
        actions={
          <>
            <ExportButton label="Export CSV" path="/exports/items.csv" query={queryString({ ...listInput(filters), preset: 'native' })} />
            <ExportButton label="Export for TCGplayer" path="/exports/items.csv" query={queryString({ ...listInput(filters), preset: 'tcgplayer' })} />
            {canWrite && (
              <Link to="/inventory/import" className="button">
                Import CSV
              </Link>
            )}
            {canWrite && (
              <Link to="/inventory/new" className="button button--primary">
                Add item
              </Link>
            )}
          </>
        }
      />
      <div className="toolbar" role="search">
        <label htmlFor="item-search" className="visually-hidden">
          Search items
        </label>
        <input
          id="item-search"
          type="search"
          className="toolbar__search"
          placeholder="Search name, SKU, set, description…"
          value={search}
          onChange={(event) => onSearch(event.target.value)}
          autoComplete="off"
        />
        <div className="segmented" role="group" aria-label="Status">
          {(['active', 'archived'] as const).map((status) => (
            <button key={status} type="button" aria-pressed={filters.status === status} onClick={() => update({ status })}>
              {status === 'active' ? 'Active' : 'Archived'}
            </button>
          ))}
        </div>
        <label htmlFor="item-sort" className="visually-hidden">
          Sort by
        </label>
        <select
          id="item-sort"
          value={sortValue}
          onChange={(event) => {
            const [sort, order] = event.target.value.split(':') as [ItemSort, 'asc' | 'desc'];
            update({ sort, order });
          }}
        >
          {itemSorts.flatMap((sort) =>
            (['asc', 'desc'] as const).map((order) => (
              <option key={`${sort}:${order}`} value={`${sort}:${order}`}>
                {sortLabels[sort]} {sortDirection(sort, order)}
              </option>
            )),
          )}
        </select>
        <button type="button" className="button" aria-expanded={filtersOpen} aria-controls="item-filters" onClick={() => setFiltersOpen((open) => !open)}>
          Filters{filterCount > 0 && <span className="badge">{filterCount}</span>}
        </button>
      </div>
      {filtersOpen && <FilterPanel id="item-filters" filters={filters} update={update} clear={clear} stores={stores.data ?? []} />}

      <p className="result-count" aria-live="polite">
        {total === undefined ? '\u00a0' : `${formatCount(total)} ${total === 1 ? 'item' : 'items'}${items.isPlaceholderData ? ' (updating…)' : ''}`}
      </p>
      <Alert tone="success">{notice}</Alert>
      {items.isError && <QueryError error={items.error} retry={() => void items.refetch()} />}
      {canWrite && selected.size > 0 && (
        <BulkActions
          selected={rows.filter((row) => selected.has(row.id))}
          status={filters.status}
          onDone={(done) => {
            setSelected(new Set());
            setNotice(done ?? null);
          }}
        />
      )}
      <ItemTable
        rows={rows}
        total={total}
        loading={items.isPending}
        hasMore={items.hasNextPage}
        loadMore={() => void (items.isFetchingNextPage || items.fetchNextPage())}
        sort={filters.sort}
        order={filters.order}
        onSort={(sort) => update({ sort, order: filters.sort === sort && filters.order === 'asc' ? 'desc' : 'asc' })}
        selectable={canWrite}
        selected={selected}
        onSelect={setSelected}
        storeNames={storeNames}
        empty={
          filterCount > 0 || filters.search ? (
            <>
              <p>No items match these filters.</p>
              <button type="button" className="button" onClick={clear}>
                Clear search and filters
              </button>
            </>
          ) : filters.status === 'archived' ? (
            <p>No archived items.</p>
          ) : (
            <>
              <p>No items yet.</p>
              {canWrite && <Link to="/inventory/new" className="button button--primary">Add your first item</Link>}
            </>
          )
        }
      />
    </div>
  );
}

function sortDirection(sort: ItemSort, order: 'asc' | 'desc') {
  if (sort === 'price' || sort === 'quantity') return order === 'asc' ? '(lowest first)' : '(highest first)';
  if (sort === 'createdAt' || sort === 'updatedAt') return order === 'asc' ? '(oldest first)' : '(newest first)';
  return order === 'asc' ? '(A–Z)' : '(Z–A)';
}
