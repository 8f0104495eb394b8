import { expect } from 'chai';
import { seedDemoItems } from '../../scripts/seed-inventory.js';
import { app } from '../support/app.js';
import { signUp } from '../support/fixtures.js';
import { defaultStoreId } from '../support/members.js';

describe('scripts/seed-inventory', () => {
  it('adds a few hundred items across two stores with a ledger that adds up', async function () {
    this.timeout(180_000);
    const shop = await signUp();
    const popup = await shop.caller.stores.create({ name: 'Convention booth', type: 'popup' });
    const count = await seedDemoItems(app(), shop.vendor.id, [await defaultStoreId(shop.vendor.id), popup.id]);
    expect(count).to.be.within(200, 400);
    const em = app().orm.em.fork();
    const [summary] = await em.execute<{ stores: string; categories: string; graded: string; history: string; sales: string; mismatched: string }[]>(`
      select (select count(distinct store_id) from items) as stores,
        (select count(distinct category) from items) as categories,
        (select count(*) from card_details where cert_number is not null and grading_company in ('PSA', 'BGS', 'CGC')) as graded,
        (select count(*) from stock_movements where reason <> 'intake') as history,
        (select count(*) from stock_movements where reason = 'sale') as sales,
        (select count(*) from items i where i.quantity <> (select coalesce(sum(delta), 0) from stock_movements m where m.item_id = i.id)) as mismatched`);
    // Sales are real sales (scripts/seed-sales.ts), never bare 'sale' movements.
    expect(summary).to.deep.include({ stores: '2', categories: '5', sales: '0', mismatched: '0' });
    expect(Number(summary?.graded)).to.be.greaterThan(20);
    expect(Number(summary?.history)).to.be.greaterThan(10);
    const overview = await shop.caller.inventory.overview();
    expect(overview.totalSkus).to.equal(count);
  });
});
