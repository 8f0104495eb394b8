import { expect } from 'chai';
import { asOfPast, seedDemoSales } from '../../scripts/seed-sales.js';
import { app } from '../support/app.js';
import { signUp } from '../support/fixtures.js';
import { createItem } from '../support/items.js';
import { defaultStoreId, joinVendor } from '../support/members.js';

describe('scripts/seed-sales', () => {
  it('writes days of sales at their moments, with split payments, returns and a void, and a ledger that adds up', async function () {
    this.timeout(120_000);
    const owner = await signUp();
    await owner.caller.vendors.update({ taxRate: '8.25', timeZone: 'America/Chicago' });
    const mainId = await defaultStoreId(owner.vendor.id);
    const booth = await owner.caller.stores.create({ name: 'Booth', type: 'popup' });
    const seller = await joinVendor(owner, 'staff', [{ storeId: mainId, role: 'sales' }]);
    const [ownerMember] = await app().orm.em.fork().execute<{ id: string }[]>('select id from vendor_members where user_id = ?', [owner.user.id]);
    const days = 12;
    const counts = await asOfPast(days, async (setClock, start) => {
      // A small catalogue across both stores (the demo's own is scripts/seed-inventory.ts, tested apart).
      await Promise.all(Array.from({ length: 24 }, (_, i) =>
        createItem(owner, { quantity: 2 + (i % 5), intakePrice: `${3 + i}.00`, price: `${6 + 2 * i}.50`, storeId: i % 3 ? mainId : booth.id }),
      ));
      return seedDemoSales(app(), owner.vendor.id, {
        start,
        days,
        sellers: [{ memberId: ownerMember!.id, storeIds: [mainId, booth.id] }, { memberId: seller.memberId, storeIds: [mainId] }],
        weekendStoreId: booth.id,
        setClock,
      });
    });
    expect(counts.sales).to.be.greaterThan(20);
    expect(counts.voids).to.equal(1);
    expect(counts.returns).to.be.greaterThan(0);

    const [facts] = await app().orm.em.fork().execute<Record<string, string>[]>(
      `select (select count(*) from sales) as sales,
        (select count(*) from sales s where (select count(*) from payments p where p.sale_id = s.id) > 1) as split,
        (select count(*) from sales where status = 'voided') as voided,
        (select count(*) from sale_returns) as returns,
        (select count(distinct created_by_id) from sales) as sellers,
        (select count(*) from sales where created_at > now() - interval '${days} days' - interval '1 day' and created_at < now()) as in_window,
        (select count(*) from sales a join sales b on b.vendor_id = a.vendor_id and b.number > a.number and b.created_at < a.created_at) as out_of_order,
        (select count(*) from items i where i.quantity <> (select coalesce(sum(delta), 0) from stock_movements m where m.item_id = i.id)) as mismatched,
        (select count(*) from stock_movements where quantity_after < 0) as negative,
        (select count(*) from audit_events where action = 'script:seed-demo' and entity in ('Sale', 'SaleReturn')) as audited`,
    );
    expect(facts).to.deep.include({ voided: '1', sellers: '2', out_of_order: '0', mismatched: '0', negative: '0' });
    expect(Number(facts!.sales)).to.equal(counts.sales);
    expect(Number(facts!.in_window)).to.equal(counts.sales);
    expect(Number(facts!.split)).to.be.greaterThan(0);
    expect(Number(facts!.audited)).to.equal(counts.sales + counts.returns + counts.voids);

    const from = new Date(Date.now() - (days + 1) * 86_400_000).toISOString();
    const byDay = await owner.caller.reports.sales({ from, to: new Date().toISOString(), groupBy: 'day' });
    expect(byDay.totals.saleCount).to.equal(counts.sales - 1);
    expect(byDay.groups.length).to.be.at.least(days - 1);
  });
});
