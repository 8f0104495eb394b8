import { useQuery } from '@tanstack/react-query';
import { trpc } from '../api/client';
import { categoryLabels, formatCount, formatDateTime } from '../lib/format';
import { formatMoney } from '../lib/money';
import { addDays, formatDay, startOfDay } from '../lib/zonedDates';
import { Field } from '../ui/Field';
import { StockValueTable } from '../dashboard/StockValueTable';
import { Figures } from '../ui/Figures';
import { QueryError } from '../ui/states';
import { steady } from './reportParams';

interface InventoryValueReportProps {
  /** The day whose end the stock is valued at; none: now. */
  asOfDay: string | undefined;
  today: string;
  timeZone: string;
  storeId: string | undefined;
  currency: string;
  onAsOf: (day: string | undefined) => void;
}

const valueColumns = ['units', 'valueAtCost', 'valueAtMarket', 'valueAtProjected'] as const;

/** reports.inventoryValue: units and value now, or at the end of a past day (from the ledger and the price history). */
export function InventoryValueReport({ asOfDay, today, timeZone, storeId, currency, onAsOf }: InventoryValueReportProps) {
  // The end of a past day is the start of the next; today (or later) is now.
  const asOf = asOfDay && asOfDay < today ? startOfDay(addDays(asOfDay, 1), timeZone) : undefined;
  const value = useQuery(trpc.reports.inventoryValue.queryOptions({ ...(asOf && { asOf }), ...(storeId && { storeId }) }, steady));
  const data = value.data;
  const money = (amount: string) => formatMoney(amount, currency);
  const figures = [
    { label: 'Units', value: data && formatCount(data.totals.units) },
    { label: 'Value at cost', value: data && money(data.totals.valueAtCost) },
    { label: 'Value at price', value: data && money(data.totals.valueAtMarket) },
    { label: 'Projected value', value: data && money(data.totals.valueAtProjected) },
  ];
  return (
    <div className="stack">
      <div className="form-row form-row--end report-controls">
        <Field label="As of the end of" hint="Empty: now. A past day is rebuilt from the stock ledger and the price history.">
          <input type="date" value={asOfDay ?? ''} max={today} onChange={(event) => onAsOf(event.target.value || undefined)} />
        </Field>
        {asOfDay && (
          <button type="button" className="button" onClick={() => onAsOf(undefined)}>
            Now
          </button>
        )}
      </div>
      <h2 aria-live="polite">{asOf ? `Stock at the end of ${formatDay(asOfDay!)}` : 'Stock now'}</h2>
      {value.isError && <QueryError error={value.error} retry={() => void value.refetch()} />}
      <Figures items={figures} compact />
      {data && <p className="muted small">Valued at {formatDateTime(data.asOf)}.</p>}
      <h3>By store</h3>
      <StockValueTable columns={valueColumns} caption="Value by store" rows={data?.byStore.map((row) => ({ key: row.storeId, ...row }))} money={money} />
      <h3>By category</h3>
      <StockValueTable columns={valueColumns} caption="Value by category" rows={data?.byCategory.map((row) => ({ key: row.category, name: categoryLabels[row.category], ...row }))} money={money} />
    </div>
  );
}
