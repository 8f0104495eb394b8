import { useCallback, useMemo } from 'react';
import { listItemsInput, type ListItemsQuery } from '@api/modules/inventory/contract';
import { useAddressParams } from '../lib/useAddressParams';

/** What the inventory screen's address says (?q=pikachu&category=trading_card&stock=low&sort=price). */
export type StockFilter = 'any' | 'in' | 'out' | 'low';
export type ItemFilters = Omit<ListItemsQuery, 'limit' | 'cursor' | 'inStock' | 'lowStock'> & { stock: StockFilter };

const TEXT_FILTERS = ['search', 'condition', 'language', 'marketRegion', 'game', 'setName', 'minPrice', 'maxPrice'] as const;
const CHOICE_FILTERS = ['category', 'status', 'storeId', 'gradingCompany', 'sort', 'order'] as const;
const fieldOf = (key: string) => (key === 'search' ? 'q' : key);
const stockFilters: StockFilter[] = ['any', 'in', 'out', 'low'];

const shape = listItemsInput.shape;

/** Each parameter is checked with the contract's own schema; one that does not fit is ignored, not an error. */
function parse(params: URLSearchParams): ItemFilters {
  const read = (key: (typeof TEXT_FILTERS)[number] | (typeof CHOICE_FILTERS)[number]) => {
    const raw = params.get(fieldOf(key));
    const parsed = raw === null ? undefined : shape[key].safeParse(raw);
    return parsed?.success ? parsed.data : undefined;
  };
  const filters = Object.fromEntries([...TEXT_FILTERS, ...CHOICE_FILTERS].map((key) => [key, read(key)]));
  const stock = params.get('stock') as StockFilter;
  return {
    ...filters,
    status: filters.status ?? 'active',
    sort: filters.sort ?? 'createdAt',
    order: filters.order ?? 'desc',
    stock: stockFilters.includes(stock) ? stock : 'any',
  } as ItemFilters;
}

/** The items.list input for these filters (without limit and cursor). */
export function listInput(filters: ItemFilters) {
  const { stock, ...rest } = filters;
  const defined = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined && v !== ''));
  return {
    ...defined,
    ...(stock === 'in' && { inStock: true }),
    ...(stock === 'out' && { inStock: false }),
    ...(stock === 'low' && { lowStock: true }),
  } as Omit<ListItemsQuery, 'limit' | 'cursor'>;
}

/** Filters other than search, status and sort that are set: how many the "Filters" button shows. */
export const activeFilterCount = (filters: ItemFilters) =>
  [...TEXT_FILTERS.filter((k) => k !== 'search'), 'category', 'storeId', 'gradingCompany'].filter((k) => filters[k as keyof ItemFilters]).length +
  (filters.stock === 'any' ? 0 : 1);

export function useItemFilters() {
  const [params, change] = useAddressParams();
  const filters = useMemo(() => parse(params), [params]);
  const update = useCallback(
    (changes: Partial<ItemFilters>) =>
      change((next) => {
        for (const [key, value] of Object.entries(changes)) {
          const name = fieldOf(key);
          const isDefault = value === undefined || value === '' || (key === 'stock' && value === 'any') || (key === 'status' && value === 'active');
          if (isDefault) next.delete(name);
          else next.set(name, String(value));
        }
        return next;
      }),
    [change],
  );
  const clear = useCallback(() => change(() => new URLSearchParams()), [change]);
  return { filters, update, clear };
}
