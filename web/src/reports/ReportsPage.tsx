import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useCan, useVendor } from '../auth/useMe';
import { trpc } from '../api/client';
import { dayIn } from '../lib/zonedDates';
import { StoreOptions } from '../stores/StoreOptions';
import { Field } from '../ui/Field';
import { PageHeader } from '../ui/PageHeader';
import { Tabs } from '../ui/Tabs';
import { InventoryValueReport } from './InventoryValueReport';
import { periodOf, periodPresets, presetLabels, type PeriodPreset } from './period';
import { reportTabs, useReportParams } from './reportParams';
import { SalesReport } from './SalesReport';
import { SlowMoversReport } from './SlowMoversReport';
import { TopSellersReport } from './TopSellersReport';

const tabLabels: Record<(typeof reportTabs)[number], string> = {
  sales: 'Sales',
  'top-sellers': 'Top sellers',
  'slow-movers': 'Slow movers',
  'inventory-value': 'Inventory value',
};

/**
 * Sales, top sellers, slow movers and the value of the stock. Periods are whole days in the
 * vendor's time zone, as the server counts them; every choice lives in the address.
 */
export default function ReportsPage() {
  const { timeZone, currency } = useVendor();
  const isAdmin = useCan('admin');
  const { params, update } = useReportParams();
  const stores = useQuery(trpc.stores.list.queryOptions({ includeArchived: true }));
  const period = periodOf(params.period, timeZone, { first: params.first, last: params.last });
  const usesPeriod = params.tab === 'sales' || params.tab === 'top-sellers';
  const today = dayIn(timeZone);

  const choosePreset = (preset: PeriodPreset) => {
    if (preset !== 'custom') return update({ period: preset, first: undefined, last: undefined });
    // Custom dates start from the period shown, so the figures stay until a date changes.
    update({ period: preset, first: period?.first ?? today, last: period?.last ?? today });
  };
  const rangeError = params.period === 'custom' && !period ? (params.first && params.last ? 'must be on or after the start date' : 'choose both dates') : undefined;

  return (
    <>
      <PageHeader title="Reports">
        <p className="muted">
          Days run in the shop’s time zone, {timeZone}.{isAdmin && <> <Link to="/settings">Change it in the settings</Link>.</>}
        </p>
      </PageHeader>
      <section className="panel report-filters" aria-label="Report filters">
        <div className="filter-grid">
          {usesPeriod && (
            <Field label="Period">
              <select value={params.period} onChange={(event) => choosePreset(event.target.value as PeriodPreset)}>
                {periodPresets.map((preset) => (
                  <option key={preset} value={preset}>
                    {presetLabels[preset]}
                  </option>
                ))}
              </select>
            </Field>
          )}
          {usesPeriod && params.period === 'custom' && (
            <>
              <Field label="From">
                <input type="date" value={params.first ?? ''} max={today} onChange={(event) => update({ first: event.target.value || undefined })} />
              </Field>
              <Field label="To (included)" error={rangeError}>
                <input type="date" value={params.last ?? ''} max={today} onChange={(event) => update({ last: event.target.value || undefined })} />
              </Field>
            </>
          )}
          <Field label="Store">
            <select value={params.store ?? ''} onChange={(event) => update({ store: event.target.value || undefined })}>
              <StoreOptions stores={stores.data} any="All stores" />
            </select>
          </Field>
        </div>
      </section>

      <Tabs label="Reports" tabs={reportTabs.map((id) => ({ id, label: tabLabels[id] }))} selected={params.tab} onSelect={(tab) => update({ tab })}>
        {params.tab === 'sales' && <SalesReport period={period} groupBy={params.groupBy} storeId={params.store} currency={currency} onGroupBy={(groupBy) => update({ groupBy })} />}
        {params.tab === 'top-sellers' && <TopSellersReport period={period} by={params.by} storeId={params.store} currency={currency} onBy={(by) => update({ by })} />}
        {params.tab === 'slow-movers' && <SlowMoversReport days={params.days} storeId={params.store} currency={currency} onDays={(days) => update({ days })} />}
        {params.tab === 'inventory-value' && (
          <InventoryValueReport asOfDay={params.asOf} today={today} timeZone={timeZone} storeId={params.store} currency={currency} onAsOf={(asOf) => update({ asOf })} />
        )}
      </Tabs>
    </>
  );
}
