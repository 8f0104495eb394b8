import { addDays, addMonths, dayIn, daysBetween, startOfDay, weekStart, type CalendarDay } from '../lib/zonedDates';
import type { SalesGrouping } from '@api/modules/reports/contract';

export const periodPresets = ['today', 'last7', 'last30', 'thisMonth', 'custom'] as const;
export type PeriodPreset = (typeof periodPresets)[number];

export const presetLabels: Record<PeriodPreset, string> = {
  today: 'Today',
  last7: 'Last 7 days',
  last30: 'Last 30 days',
  thisMonth: 'This month',
  custom: 'Custom dates',
};

/** Whole local days, first to last (both included), and the instants the API asks for: [from, to). */
export interface Period {
  first: CalendarDay;
  last: CalendarDay;
  from: string;
  to: string;
}

/** A period of local days in `timeZone`; null when a custom range is incomplete or backwards. */
export function periodOf(preset: PeriodPreset, timeZone: string, custom: { first?: string; last?: string } = {}): Period | null {
  const today = dayIn(timeZone);
  const [first, last] =
    preset === 'today' ? [today, today]
    : preset === 'last7' ? [addDays(today, -6), today]
    : preset === 'last30' ? [addDays(today, -29), today]
    : preset === 'thisMonth' ? [`${today.slice(0, 8)}01`, addDays(addMonths(today, 1), -1)]
    : [custom.first, custom.last];
  if (!first || !last || last < first) return null;
  return { first, last, from: startOfDay(first, timeZone), to: startOfDay(addDays(last, 1), timeZone) };
}

/** The keys reports.sales gives the time buckets of a period (day "YYYY-MM-DD", week its Monday, month "YYYY-MM"), gaps included. */
export function bucketKeys(groupBy: Extract<SalesGrouping, 'day' | 'week' | 'month'>, period: Pick<Period, 'first' | 'last'>): string[] {
  if (groupBy === 'day') return daysBetween(period.first, period.last);
  if (groupBy === 'week') {
    const keys: string[] = [];
    for (let week = weekStart(period.first); week <= period.last && keys.length < 600; week = addDays(week, 7)) keys.push(week);
    return keys;
  }
  const keys: string[] = [];
  for (let month = `${period.first.slice(0, 8)}01`; month <= period.last && keys.length < 240; month = addMonths(month, 1)) keys.push(month.slice(0, 7));
  return keys;
}

export const isTimeGrouping = (groupBy: SalesGrouping): groupBy is 'day' | 'week' | 'month' => groupBy === 'day' || groupBy === 'week' || groupBy === 'month';
