import type { SalesGrouping, SalesReportOutput } from '@api/modules/reports/contract';
import type { ItemCategory } from '@api/modules/inventory/contract';
import { categoryLabels, humanize } from '../lib/format';
import { formatDay, formatMonth, formatShortDay } from '../lib/zonedDates';
import { bucketKeys, type Period } from './period';
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

/** The chart's points for a time grouping: every bucket of the period, those without sales at zero. */
export function salesPoints(report: SalesReportOutput, groupBy: 'day' | 'week' | 'month', period: Pick<Period, 'first' | 'last'>): SalesPoint[] {
  const byKey = new Map(report.groups.map((group) => [group.key, group]));
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
