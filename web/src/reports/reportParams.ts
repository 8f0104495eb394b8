import { keepPreviousData } from '@tanstack/react-query';
import { useCallback, useMemo } from 'react';
import { z } from 'zod';
import { calendarDate } from '@api/contract/text';
import { idSchema } from '@api/contract/ids';
import { salesGroupings, slowMoversInput, topSellersInput } from '@api/modules/reports/contract';
import { useAddressParams } from '../lib/useAddressParams';
import { periodPresets } from './period';

export const reportTabs = ['sales', 'top-sellers', 'slow-movers', 'inventory-value'] as const;

/**
 * What the reports screen's address says (?tab=sales&period=last7&groupBy=store&store=…), each
 * parameter checked with its schema (the contract's where there is one); one that does not fit
 * takes its default.
 */
const params = {
  tab: z.enum(reportTabs).catch('sales'),
  period: z.enum(periodPresets).catch('last30'),
  first: calendarDate().optional().catch(undefined),
  last: calendarDate().optional().catch(undefined),
  groupBy: z.enum(salesGroupings).catch('day'),
  store: idSchema.optional().catch(undefined),
  by: topSellersInput.shape.by.unwrap().catch('units'),
  days: slowMoversInput.shape.days.catch(30),
  asOf: calendarDate().optional().catch(undefined),
};
const defaults = { tab: 'sales', period: 'last30', groupBy: 'day', by: 'units', days: '30' } as Record<string, string>;

export type ReportParams = { [K in keyof typeof params]: z.output<(typeof params)[K]> };

export function useReportParams() {
  const [search, change] = useAddressParams();
  const values = useMemo(
    () => Object.fromEntries(Object.entries(params).map(([key, schema]) => [key, schema.parse(search.get(key) ?? undefined)])) as ReportParams,
    [search],
  );
  const update = useCallback(
    (changes: Partial<ReportParams>) =>
      change((next) => {
        for (const [key, value] of Object.entries(changes)) {
          if (value === undefined || value === '' || defaults[key] === String(value)) next.delete(key);
          else next.set(key, String(value));
        }
        return next;
      }),
    [change],
  );
  return { params: values, update };
}

/** Report queries keep showing the last answer while a new choice loads, so the page does not jump. */
export const steady = { placeholderData: keepPreviousData } as const;
