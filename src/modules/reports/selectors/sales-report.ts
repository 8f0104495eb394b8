import type { EntityManager } from '@mikro-orm/postgresql';
import type { VendorActor } from '../../inventory/services/item-access.js';
import type { SalesFigures, SalesGrouping, SalesReportOutput, SalesReportQuery, TopSellersOutput, TopSellersQuery } from '../contract.js';
import { reportStores, salesEvents } from './sales-events.js';

/**
 * How each grouping keys and labels an event (`local_at` is its moment in the vendor's time
 * zone), what it joins, and the share of the event it takes: by payment method, each sale's
 * figures are split over its payments in proportion to their amounts (equally for a sale of 0).
 */
const groupings: Record<SalesGrouping, { key: string; label: string; join?: string; share?: string; byTime?: true }> = {
  day: { key: "to_char(local_at, 'YYYY-MM-DD')", label: "to_char(local_at, 'YYYY-MM-DD')", byTime: true },
  week: { key: "to_char(date_trunc('week', local_at), 'YYYY-MM-DD')", label: "'Week of ' || to_char(date_trunc('week', local_at), 'YYYY-MM-DD')", byTime: true },
  month: { key: "to_char(local_at, 'YYYY-MM')", label: "to_char(local_at, 'FMMonth YYYY')", byTime: true },
  category: { key: 'i.category', label: 'i.category', join: 'join items i on i.id = e.item_id' },
  store: { key: 'e.store_id::text', label: 'st.name', join: 'join stores st on st.id = e.store_id' },
  item: { key: 'e.item_id::text', label: "i.sku || ' ' || i.name", join: 'join items i on i.id = e.item_id' },
  staff: {
    key: "coalesce(e.staff_id::text, 'system')",
    label: "coalesce(nullif(concat_ws(' ', u.first_name, u.last_name), ''), u.email, 'System')",
    join: 'left join users u on u.id = e.staff_id',
  },
  paymentMethod: {
    key: 'p.method',
    label: 'p.method',
    join: `join (select sale_id, method, amount, count(*) over (partition by sale_id) as payments from payments) p on p.sale_id = e.sale_id
           join sales ps on ps.id = e.sale_id`,
    share: 'case when ps.total > 0 then p.amount / ps.total else 1.0 / p.payments end',
  },
};

/** The sums of a set of events, each weighed by `share`; money rounded to cents, units to whole units. */
const sums = (share: string) => `
  count(distinct e.sale_id) filter (where e.is_sale) as "saleCount",
  coalesce(round(sum(e.units * ${share})), 0)::bigint as units,
  coalesce(round(sum(e.revenue * ${share}), 2), 0) as revenue,
  coalesce(round(sum(e.discounts * ${share}), 2), 0) as discounts,
  coalesce(round(sum(e.tax * ${share}), 2), 0) as tax,
  coalesce(round(sum(e.returns * ${share}), 2), 0) as returns,
  coalesce(round(sum(e.cost * ${share}), 2), 0) as cost`;

interface FiguresRow extends Omit<SalesFigures, 'saleCount' | 'units'> {
  isTotal: boolean;
  key: string;
  label: string;
  saleCount: string;
  units: string;
}

/**
 * reports.sales: one statement. The period's events are keyed by the grouping (days, weeks and
 * months in the vendor's time zone), summed per group and in all, and the derived figures worked
 * out in numerics: grossProfit = revenue − costOfGoods, margin = grossProfit / revenue (4 places).
 */
export async function salesReport(em: EntityManager, actor: VendorActor, q: SalesReportQuery): Promise<SalesReportOutput> {
  const grouping = groupings[q.groupBy];
  const events = salesEvents(actor.vendor.id, q.from, q.to, await reportStores(em, actor, q.storeId));
  const rows = await em.execute<FiguresRow[]>(
    `with events as (${events.sql}),
     figures as (
       select false as is_total, ${grouping.key} as key, ${grouping.label} as label, ${sums(grouping.share ?? '1')}
         from (select *, at at time zone ? as local_at from events) e ${grouping.join ?? ''}
        group by 2, 3
       union all
       select true, null, null, ${sums('1')} from events e
     )
     select is_total as "isTotal", key, label, "saleCount", units, revenue::numeric(20,2)::text as revenue,
       discounts::numeric(20,2)::text as discounts, tax::numeric(20,2)::text as tax, returns::numeric(20,2)::text as returns,
       cost::numeric(20,2)::text as "costOfGoods", (revenue - cost)::numeric(20,2)::text as "grossProfit",
       (case when revenue = 0 then 0 else round((revenue - cost) / revenue, 4) end)::numeric(20,4)::text as margin,
       (case when "saleCount" = 0 then 0 else round(revenue / "saleCount", 2) end)::numeric(20,2)::text as "averageSale"
     from figures
     order by is_total desc, ${grouping.byTime ? 'key' : 'revenue desc, key'}`,
    [...events.params, actor.vendor.timeZone],
  );
  const [totals, ...groups] = rows.map(({ isTotal: _, key, label, saleCount, units, ...money }) => ({ key, label, saleCount: Number(saleCount), units: Number(units), ...money }));
  const { key: _key, label: _label, ...totalFigures } = totals!;
  return {
    currency: actor.vendor.currency,
    timeZone: actor.vendor.timeZone,
    from: q.from.toISOString(),
    to: q.to.toISOString(),
    groupBy: q.groupBy,
    totals: totalFigures,
    groups,
  };
}

/** reports.topSellers: the period's items by net units (or revenue), best first; items with no net units sold are left out. */
export async function topSellers(em: EntityManager, actor: VendorActor, q: TopSellersQuery): Promise<TopSellersOutput> {
  const events = salesEvents(actor.vendor.id, q.from, q.to, await reportStores(em, actor, q.storeId));
  const rows = await em.execute<{ itemId: string; sku: string; name: string; units: string; revenue: string }[]>(
    `with events as (${events.sql})
     select e.item_id as "itemId", i.sku, i.name, sum(e.units) as units, sum(e.revenue)::numeric(20,2)::text as revenue
       from events e join items i on i.id = e.item_id
      group by e.item_id, i.sku, i.name
     having sum(e.units) > 0
      order by ${q.by === 'units' ? 'sum(e.units)' : 'sum(e.revenue)'} desc, e.item_id
      limit ?`,
    [...events.params, q.limit],
  );
  return rows.map((row) => ({ ...row, units: Number(row.units) }));
}
