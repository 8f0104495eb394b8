import { expect } from 'chai';
import { seedDemo } from '../../scripts/seed-demo.js';
import { app } from '../support/app.js';

describe('scripts/seed-demo (npm run seed)', () => {
  it('writes the demo vendor with its items and sales once; a second run adds nothing', async function () {
    this.timeout(180_000);
    // A few days of sales instead of four weeks: the items and the sales themselves are tested in seed-inventory and seed-sales.
    const first = await seedDemo(app(), 3);
    expect(first.history.items).to.be.greaterThan(0);
    expect(first.history.sales).to.be.greaterThan(0);
    const [written] = await app().orm.em.fork().execute<{ sales: string; vendors: string }[]>(
      'select (select count(*) from sales where vendor_id = ?) as sales, (select count(distinct vendor_id) from sales) as vendors',
      [first.vendor.id],
    );
    expect(written).to.deep.equal({ sales: String(first.history.sales), vendors: '1' });

    const again = await seedDemo(app(), 3);
    expect(again.vendor.id).to.equal(first.vendor.id);
    expect(again.history).to.deep.equal({ items: 0, sales: 0, returns: 0, voids: 0 });
  });
});
