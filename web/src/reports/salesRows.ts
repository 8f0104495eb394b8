import type { SalesGrouping, SalesReportOutput } from '@api/modules/reports/contract';
import type { ItemCategory } from '@api/modules/inventory/contract';
import { categoryLabels, humanize } from '../lib/format';
import { addDays, dayIn, formatDay, formatMonth, formatShortDay } from '../lib/zonedDates';
import { bucketKeys } from './period';
import type { SalesPoint } from './SalesChart';

type Group = SalesReportOutput['groups'][number];

/** A group's name in words: days, weeks and months in the browser's language, categories and payment methods by name. */
export function groupLabel(groupBy: SalesGrouping, group: Pick<Group, 'key' | 'label'>): string {
  switch (groupBy) {
    case 'day':
      return formatDay(group.key);
    case 'week':
      return `Week of ${formatDay(group.key)}`;
    case 'month':
      return formatMonth(group.key);
    case 'category':
      return categoryLabels[group.key as ItemCategory] ?? humanize(group.key);
    case 'paymentMethod':
      return humanize(group.key);
    default:
      return group.label;
  }
}

/**
 * The chart's points for a report by time: every bucket of the report's own period (its local
 * days in its time zone), those without sales at zero.
 */
export function salesPoints(report: SalesReportOutput, groupBy: 'day' | 'week' | 'month'): SalesPoint[] {
  const byKey = new Map(report.groups.map((group) => [group.key, group]));
  const period = { first: dayIn(report.timeZone, Date.parse(report.from)), last: addDays(dayIn(report.timeZone, Date.parse(report.to)), -1) };
  return bucketKeys(groupBy, period).map((key) => {
    const group = byKey.get(key);
    return {
      key,
      tick: groupBy === 'month' ? formatMonth(key) : formatShortDay(key),
      label: groupLabel(groupBy, { key, label: key }),
      revenue: group?.revenue ?? '0.00',
      grossProfit: group?.grossProfit ?? '0.00',
    };
  });
}
