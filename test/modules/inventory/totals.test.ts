import { TRPCError } from '@trpc/server';
import { expect } from 'chai';
import { fullScanOverview } from '../../../scripts/bench/overview-full-scan.js';
import { itemCategories, type ItemCategory } from '../../../src/modules/inventory/contract.js';
import { describeFix, repairTotals } from '../../../src/modules/inventory/services/totals.js';
import { VendorMember } from '../../../src/modules/vendors/entities.js';
import { app } from '../../support/app.js';
import { expectTRPCError, signUp, unique, type SignedUp } from '../../support/fixtures.js';
import { createItem } from '../../support/items.js';
import { defaultStoreId, joinVendor } from '../../support/members.js';
import { sell } from '../../support/sales.js';

/** A small seeded PRNG (mulberry32): the workload is the same on every run. */
function random(seed: number) {
  let state = seed;
  const next = () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  return { int, pick: <T>(values: readonly T[]): T => values[int(0, values.length - 1)]!, chance: (p: number) => next() < p };
}
type Random = ReturnType<typeof random>;

const cents = (r: Random) => `${r.int(0, 500)}.${String(r.int(0, 99)).padStart(2, '0')}`;

/**
 * The stored totals against a recomputation from the items written here, independently of the
 * service's (numeric equality: exact); rows whose every figure is zero are rows whose items left.
 * Answers the rows that differ, both ways.
 */
async function drift(vendorId: string): Promise<unknown[]> {
  return app().orm.em.fork().execute(
    `with expected as (
       select i.store_id, i.category, get_byte(uuid_send(i.id), 15) % 8 as shard, count(*)::bigint as skus, sum(i.quantity)::bigint as units,
         sum(i.quantity * i.intake_price) as cost, sum(i.quantity * i.price) as market, sum(i.quantity * i.projected_price) as projected,
         count(*) filter (where i.quantity > 0 and i.quantity <= v.low_stock_threshold) as low, count(*) filter (where i.quantity = 0) as out
       from items i join vendors v on v.id = i.vendor_id where i.vendor_id = ? and i.status = 'active' group by 1, 2, 3),
     stored as (
       select store_id, category, shard, sku_count, units, value_at_cost, value_at_market, value_at_projected, low_stock_count, out_of_stock_count
       from inventory_totals where vendor_id = ? and (sku_count, units, value_at_cost, value_at_market, value_at_projected, low_stock_count, out_of_stock_count) <> (0, 0, 0, 0, 0, 0, 0))
     select 'missing' as side, * from (select * from expected except select * from stored) m
     union all select 'extra', * from (select * from stored except select * from expected) x`,
    [vendorId, vendorId],
  );
}

type Reader = Pick<SignedUp, 'caller' | 'user'>;

/** inventory.overview as the caller gets it, and as the old full scan computes it for the same member (their primary one). */
async function bothOverviews(who: Reader) {
  const em = app().orm.em.fork();
  const member = await em.findOneOrFail(VendorMember, { user: who.user.id, isPrimary: true }, { populate: ['vendor'] });
  return { maintained: await who.caller.inventory.overview(), fullScan: await fullScanOverview(em, { vendor: member.vendor, member }) };
}

async function expectExact(vendorId: string, readers: Reader[]) {
  expect(await drift(vendorId)).to.deep.equal([]);
  for (const reader of readers) {
    const { maintained, fullScan } = await bothOverviews(reader);
    expect(maintained).to.deep.equal(fullScan);
  }
}

/** An expected refusal (sold out, sold item deleted, ...) is part of the workload; anything else fails the test. */
const tolerated = async (call: Promise<unknown>) => {
  try {
    await call;
  } catch (error) {
    if (!(error instanceof TRPCError) || !['CONFLICT', 'NOT_FOUND', 'BAD_REQUEST'].includes(error.code)) throw error;
  }
};

/**
 * Imports write items set-based: one INSERT ... ON CONFLICT over the vendor's lower(sku), new SKUs
 * and existing ones (quantity, prices, category and status replaced) in one statement.
 */
async function upsertItems(vendorId: string, storeId: string, rows: { sku: string; quantity: number; price: string; category: ItemCategory; status: string }[]) {
  await app().orm.em.fork().execute(
    `insert into items (id, vendor_id, store_id, name, sku, category, status, quantity, intake_price, price, projected_price, attributes, search_text, version, created_at, updated_at)
     select gen_random_uuid(), ?, ?, 'Imported ' || r.sku, r.sku, r.category, r.status, r.quantity, r.price / 2, r.price, r.price * 1.5, '{}', lower(r.sku), 1, now(), now()
       from json_to_recordset(?::json) as r(sku text, quantity int, price numeric, category text, status text)
     on conflict (vendor_id, lower(sku)) do update set quantity = excluded.quantity, price = excluded.price, intake_price = excluded.intake_price,
       projected_price = round(excluded.projected_price, 2), category = excluded.category, status = excluded.status, version = items.version + 1`,
    [vendorId, storeId, JSON.stringify(rows)],
    'run',
  );
}

describe('inventory totals (maintained by the items triggers)', function () {
  this.timeout(180_000);

  it('a seeded random workload of every kind of write keeps the totals equal to a recomputation, and the overview to the old full scan', async () => {
    const r = random(20261202);
    const shop = await signUp();
    const other = await signUp();
    const mainId = await defaultStoreId(shop.vendor.id);
    const stores = [mainId, (await shop.caller.stores.create({ name: 'B Popup' })).id, (await shop.caller.stores.create({ name: 'C Warehouse', type: 'warehouse' })).id];
    // A staff member who sees one store: the overview's store scope reads the totals of that store only.
    const staff = await joinVendor(shop, 'staff', [{ storeId: stores[1]!, role: 'manager' }]);
    const items: string[] = [];
    const sales: { id: string; lineIds: string[] }[] = [];
    const importedSkus: string[] = [];
    const sellable = async () => (await shop.caller.items.list({ limit: 100, sort: 'quantity', order: 'desc' })).items.filter((i) => i.quantity > 0 && i.storeId === mainId);

    const operations: [number, () => Promise<unknown>][] = [
      [6, async () => {
        const item = await createItem(shop, { storeId: r.pick(stores), category: r.pick(itemCategories), quantity: r.int(0, 8), intakePrice: cents(r), price: cents(r), projectedPrice: cents(r) });
        items.push(item.id);
      }],
      [5, () => tolerated(shop.caller.items.update({ id: r.pick(items), price: cents(r), ...(r.chance(0.5) ? { intakePrice: cents(r) } : { projectedPrice: cents(r) }) }))],
      [3, () => tolerated(shop.caller.items.update({ id: r.pick(items), category: r.pick(itemCategories) }))],
      [3, () => tolerated(shop.caller.items.update({ id: r.pick(items), storeId: r.pick(stores) }))],
      [2, () => tolerated(shop.caller.items.update({ id: r.pick(items), quantity: r.int(0, 12), name: unique('Renamed') }))],
      [1, () => tolerated(shop.caller.items.update({ id: r.pick(items), name: unique('Renamed only') }))],
      [6, () => tolerated(shop.caller.items.adjustStock({ id: r.pick(items), delta: r.pick([-3, -1, 1, 2, 5]), reason: 'adjustment' }))],
      [2, () => tolerated(shop.caller.items.archive({ id: r.pick(items) }))],
      [2, () => tolerated(shop.caller.items.restore({ id: r.pick(items) }))],
      [5, async () => {
        const stocked = await sellable();
        if (!stocked.length) return;
        const lines = [...new Set(Array.from({ length: r.int(1, 3) }, () => r.pick(stocked)))].map((i): [string, number] => [i.id, r.int(1, Math.min(2, i.quantity))]);
        const sale = await sell(shop, lines);
        sales.push({ id: sale.id, lineIds: sale.lines.map((l) => l.id) });
      }],
      [2, async () => {
        if (!sales.length) return;
        const sale = sales.splice(r.int(0, sales.length - 1), 1)[0]!;
        await tolerated(shop.caller.sales.void({ id: sale.id, reason: 'test void' }));
      }],
      [2, async () => {
        if (!sales.length) return;
        const sale = r.pick(sales);
        await tolerated(shop.caller.sales.return({ id: sale.id, lines: [{ lineId: r.pick(sale.lineIds), quantity: 1 }], restock: r.chance(0.7) }));
      }],
      [2, async () => {
        const index = r.int(0, items.length - 1);
        await tolerated(shop.caller.items.delete({ id: items[index]! }).then(() => items.splice(index, 1)));
      }],
      [2, async () => {
        const skus = [...new Set(Array.from({ length: r.int(1, 6) }, () => (importedSkus.length && r.chance(0.5) ? r.pick(importedSkus) : unique('IMP'))))];
        const rows = skus.map((sku) => {
          if (!importedSkus.includes(sku)) importedSkus.push(sku);
          return { sku, quantity: r.int(0, 9), price: cents(r), category: r.pick(itemCategories), status: r.chance(0.85) ? 'active' : 'archived' };
        });
        await upsertItems(shop.vendor.id, r.pick(stores), rows);
      }],
      [1, () => shop.caller.vendors.update({ lowStockThreshold: r.int(0, 10) })],
      // The other vendor writes too; its totals are its own.
      [2, () => createItem(other, { quantity: r.int(0, 5), price: cents(r), category: r.pick(itemCategories) })],
    ];
    const weights = operations.flatMap(([weight, run], index) => Array<number>(weight).fill(index).map(() => run));

    for (let i = 0; i < 5; i++) items.push((await createItem(shop, { quantity: 5, price: '10.00', intakePrice: '4.00' })).id);
    for (let step = 1; step <= 240; step++) {
      await r.pick(weights)();
      if (step % 40 === 0) await expectExact(shop.vendor.id, [shop, staff]);
    }
    await expectExact(shop.vendor.id, [shop, staff]);
    await expectExact(other.vendor.id, [other]);
    const { maintained } = await bothOverviews(shop);
    expect(maintained.totalSkus).to.be.greaterThan(10);
    expect(maintained.byStore.length).to.be.greaterThan(1);
  });

  it('a new low-stock threshold recounts the vendor, and writes after it count with it', async () => {
    const shop = await signUp();
    const item = await createItem(shop, { quantity: 4 });
    await createItem(shop, { quantity: 9 });
    expect((await shop.caller.inventory.overview()).lowStockCount).to.equal(1); // threshold 5
    await shop.caller.vendors.update({ lowStockThreshold: 10 });
    expect((await shop.caller.inventory.overview()).lowStockCount).to.equal(2);
    await shop.caller.items.adjustStock({ id: item.id, delta: 20, reason: 'intake' });
    expect((await shop.caller.inventory.overview()).lowStockCount).to.equal(1);
    await shop.caller.vendors.update({ lowStockThreshold: 0 });
    expect((await shop.caller.inventory.overview()).lowStockCount).to.equal(0);
    await expectExact(shop.vendor.id, [shop]);
  });

  it('a threshold change behind a long item write (an import) answers CONFLICT after its lock timeout, and changes nothing', async () => {
    const shop = await signUp();
    const item = await createItem(shop, { quantity: 4 });
    let release!: () => void;
    let started!: () => void;
    const writing = new Promise<void>((resolve) => (started = resolve));
    const longWrite = app().orm.em.fork().transactional(async (tx) => {
      await tx.execute('update items set quantity = 9 where id = ?', [item.id]);
      started();
      await new Promise<void>((resolve) => (release = resolve));
    });
    await writing;
    await expectTRPCError(shop.caller.vendors.update({ lowStockThreshold: 10 }), 'CONFLICT');
    release();
    await longWrite;
    expect((await shop.caller.vendors.current()).lowStockThreshold).to.equal(5);
    await expectExact(shop.vendor.id, [shop]);
  });

  it('the repair recomputes drifted totals, says what it fixed, and then finds nothing', async () => {
    const shop = await signUp();
    const other = await signUp();
    await createItem(shop, { quantity: 3, price: '2.50', category: 'comic' });
    await createItem(shop, { quantity: 0, price: '1.00', category: 'toy' });
    await createItem(other, { quantity: 1 });
    const em = app().orm.em.fork();
    // Drift that no write through the triggers makes: a wrong figure, a lost row, a stray row.
    await em.execute("update inventory_totals set units = units + 5, value_at_market = value_at_market + 0.01 where vendor_id = ? and category = 'comic'", [shop.vendor.id]);
    await em.execute("delete from inventory_totals where vendor_id = ? and category = 'toy'", [shop.vendor.id]);
    await em.execute("insert into inventory_totals (vendor_id, store_id, category, shard, sku_count) values (?, ?, 'console', 0, 2)", [shop.vendor.id, await defaultStoreId(shop.vendor.id)]);
    expect(await drift(shop.vendor.id)).to.have.length(4);

    const [repair, ...rest] = await repairTotals(em, { slug: shop.vendor.slug });
    expect(rest).to.deep.equal([]);
    expect(repair!.fixes.map(describeFix).sort()).to.satisfy((lines: string[]) =>
      lines.length === 3 && lines.some((l) => / comic shard \d: units 8 → 3, value_at_market 7\.51 → 7\.50$/.test(l))
      && lines.some((l) => / toy shard \d: sku_count 0 → 1, out_of_stock_count 0 → 1$/.test(l))
      && lines.some((l) => / console shard 0: sku_count 2 → 0$/.test(l)));
    await expectExact(shop.vendor.id, [shop]);
    expect((await repairTotals(em)).flatMap((r) => r.fixes)).to.deep.equal([]);
  });

  it('parallel sales, restocks and a threshold change of one vendor keep the totals exact', async () => {
    const shop = await signUp();
    const items = await Promise.all(Array.from({ length: 12 }, (_, i) => createItem(shop, { quantity: 200, price: `${i + 1}.25`, intakePrice: '1.10', category: i % 2 ? 'trading_card' : 'sealed_product' })));
    const r = random(7);
    const calls = Array.from({ length: 120 }, (_, n) => {
      if (n === 60) return shop.caller.vendors.update({ lowStockThreshold: 30 });
      if (n % 10 === 0) return shop.caller.items.adjustStock({ id: r.pick(items).id, delta: 3, reason: 'intake' });
      const lines = [...new Set([r.pick(items), r.pick(items), r.pick(items)])].map((i) => ({ itemId: i.id, quantity: r.int(1, 2), unitPrice: '1.00' }));
      const total = `${lines.reduce((sum, l) => sum + l.quantity, 0)}.00`;
      return shop.caller.sales.create({ lines, payments: [{ method: 'card', amount: total }] });
    });
    const outcomes = await Promise.allSettled(calls);
    const failures = outcomes.filter((o) => o.status === 'rejected').map((o) => (o as PromiseRejectedResult).reason as Error);
    expect(failures).to.deep.equal([]);
    await expectExact(shop.vendor.id, [shop]);
  });
});
