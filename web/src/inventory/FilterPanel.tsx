import { useState, type ChangeEvent } from 'react';
import { gradingCompanies, itemCategories } from '@api/modules/inventory/contract';
import type { StoreOutput } from '@api/modules/vendors/contract';
import { isMoney } from '../lib/money';
import { categoryLabels } from '../lib/format';
import { StoreOptions } from '../stores/StoreOptions';
import { Field } from '../ui/Field';
import type { ItemFilters, StockFilter } from './filters';

interface FilterPanelProps {
  id: string;
  filters: ItemFilters;
  update: (changes: Partial<ItemFilters>) => void;
  clear: () => void;
  stores: StoreOutput[];
}

const textFilters = [
  { key: 'condition', label: 'Condition', placeholder: 'Near Mint' },
  { key: 'game', label: 'Game', placeholder: 'Pokemon' },
  { key: 'setName', label: 'Set', placeholder: 'Base Set' },
  { key: 'language', label: 'Language', placeholder: 'English' },
  { key: 'marketRegion', label: 'Market region', placeholder: 'EU' },
] as const;

/** Every filter of items.list; each takes effect as it changes (text ones when the field is left). */
export function FilterPanel({ id, filters, update, clear, stores }: FilterPanelProps) {
  const choose = (key: keyof ItemFilters) => (event: ChangeEvent<HTMLSelectElement>) => update({ [key]: event.target.value || undefined });
  return (
    <section id={id} className="panel filter-panel" aria-label="Filters">
      <div className="filter-grid">
        <Field label="Category">
          <select value={filters.category ?? ''} onChange={choose('category')}>
            <option value="">Any category</option>
            {itemCategories.map((category) => (
              <option key={category} value={category}>
                {categoryLabels[category]}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Store">
          <select value={filters.storeId ?? ''} onChange={choose('storeId')}>
            <StoreOptions stores={stores} any="Any store" />
          </select>
        </Field>
        <Field label="Stock">
          <select value={filters.stock} onChange={(event) => update({ stock: event.target.value as StockFilter })}>
            <option value="any">Any stock</option>
            <option value="in">In stock</option>
            <option value="low">Low stock</option>
            <option value="out">Out of stock</option>
          </select>
        </Field>
        <Field label="Grading company">
          <select value={filters.gradingCompany ?? ''} onChange={choose('gradingCompany')}>
            <option value="">Any or ungraded</option>
            {gradingCompanies.map((company) => (
              <option key={company} value={company}>
                {company}
              </option>
            ))}
          </select>
        </Field>
        {textFilters.map(({ key, label, placeholder }) => (
          <TextFilter key={key} label={label} placeholder={placeholder} value={filters[key] ?? ''} onCommit={(value) => update({ [key]: value || undefined })} />
        ))}
        <TextFilter label="Min price" placeholder="0.00" inputMode="decimal" value={filters.minPrice ?? ''} valid={isMoney} onCommit={(value) => update({ minPrice: value || undefined })} />
        <TextFilter label="Max price" placeholder="100.00" inputMode="decimal" value={filters.maxPrice ?? ''} valid={isMoney} onCommit={(value) => update({ maxPrice: value || undefined })} />
      </div>
      <button type="button" className="button button--ghost" onClick={clear}>
        Clear all filters
      </button>
    </section>
  );
}

interface TextFilterProps {
  label: string;
  placeholder: string;
  value: string;
  onCommit: (value: string) => void;
  valid?: (value: string) => boolean;
  inputMode?: 'decimal';
}

/** Applied on Enter or when the field is left, not on every letter. */
function TextFilter({ label, placeholder, value, onCommit, valid, inputMode }: TextFilterProps) {
  const [draft, setDraft] = useState(value);
  const [shown, setShown] = useState(value);
  if (shown !== value) {
    setShown(value);
    setDraft(value);
  }
  const invalid = draft.trim() !== '' && valid !== undefined && !valid(draft);
  const commit = () => {
    if (!invalid && draft.trim() !== value) onCommit(draft.trim());
  };
  return (
    <Field label={label} error={invalid ? 'must be an amount such as 12.50' : undefined}>
      <input
        value={draft}
        placeholder={placeholder}
        inputMode={inputMode}
        autoComplete="off"
        onChange={(event) => setDraft(event.target.value)}
        onBlur={commit}
        onKeyDown={(event) => event.key === 'Enter' && commit()}
      />
    </Field>
  );
}
