import { expect } from 'chai';
import { salesColumns } from '../../../src/modules/exports/contract.js';
import { fromCents, sumCents, toCents } from '../../../src/core/money.js';
import { csvObjects } from '../../support/csv.js';
import { joinAs, signUp, unique } from '../../support/fixtures.js';
import { exportErrorOf, exportGetter } from '../../support/exports.js';
import { startHttpApp } from '../../support/http.js';
import { createItem } from '../../support/items.js';
import { sell } from '../../support/sales.js';

type Server = Awaited<ReturnType<typeof startHttpApp>>;

describe('GET /exports/sales.csv', () => {
  let server: Server;
  before(async () => (server = await startHttpApp()));
  after(() => server.stop());

  const get = exportGetter(() => server, '/exports/sales.csv');
  const errorOf = exportErrorOf;
  const period = () => {
    const from = new Date(Date.now() - 3_600_000).toISOString();
    const to = new Date(Date.now() + 3_600_000).toISOString();
    return { from, to, query: `?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}` };
  };

  /** A shop in New York with 10% tax: a two-line sale with discounts, split paid, one unit returned; a voided sale. */
  async function shop() {
    const owner = await signUp();
    await owner.caller.vendors.update({ timeZone: 'America/New_York', taxRate: '10' });
    const annex = await owner.caller.stores.create({ name: unique('Annex') });
    const mew = await createItem(owner, { name: 'Mew', sku: 'MEW-1', quantity: 5, price: '10.00', intakePrice: '4.00' });
    const sleeves = await createItem(owner, { name: '=Sleeves', sku: 'SLV-1', quantity: 5, price: '3.00' });
    const sale = await owner.caller.sales.create({
      lines: [{ itemId: mew.id, quantity: 2, discount: '1.00' }, { itemId: sleeves.id, quantity: 1 }],
      discount: '2.00',
      payments: [{ method: 'card', amount: '15.00' }, { method: 'cash', amount: '7.00', tendered: '10.00' }],
      customerName: 'Ash', customerEmail: 'ash@example.test',
    });
    const returned = await owner.caller.sales.return({ id: sale.id, lines: [{ lineId: sale.lines[0]!.id, quantity: 1 }], reason: 'changed mind' });
    const voided = await sell(owner, [[sleeves.id, 1]]);
    await owner.caller.sales.void({ id: voided.id, reason: 'wrong till' });
    return { owner, annex, sale, returned, voided };
  }

  it('lists one row per sale line and per returned line, signed, in the vendor’s time zone, voided sales marked', async () => {
    const { owner, sale, returned, voided } = await shop();
    const { from, to, query } = period();
    const res = await get(query, owner.accessToken);
    const body = await res.text();
    expect(res.status, body).to.equal(200);
    expect(res.headers.get('content-type')).to.equal('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).to.match(new RegExp(`^attachment; filename="sales-${owner.vendor.slug}-\\d{8}-\\d{6}-\\d{8}-\\d{6}\\.csv"$`));
    const { header, rows } = csvObjects(body);
    expect(header).to.deep.equal([...salesColumns]);
    expect(rows.map((r) => [r.type, r.saleNumber, r.saleStatus, r.sku])).to.deep.equal([
      ['sale', sale.number, 'completed', 'MEW-1'],
      ['sale', sale.number, 'completed', 'SLV-1'],
      ['return', sale.number, 'completed', 'MEW-1'],
      ['sale', voided.number, 'voided', 'SLV-1'],
    ]);
    const [mewLine, sleevesLine, returnRow, voidRow] = rows as [Record<string, string>, Record<string, string>, Record<string, string>, Record<string, string>];
    const store = (await owner.caller.stores.list()).find((s) => s.isDefault)!.slug;
    // 2 × 10.00 − 1.00 = 19.00 and 3.00; the sale discount 2.00 split 19:3 (1.73 / 0.27); tax 10% of 20.00 = 2.00 split alike.
    expect(mewLine).to.deep.include({
      store, name: 'Mew', quantity: '2', unitPrice: '10.00', lineDiscount: '1.00', lineTotal: '19.00', returnedQuantity: '1',
      payments: 'card 15.00; cash 7.00', customerName: 'Ash', customerEmail: 'ash@example.test', voidedAt: '', timeZone: 'America/New_York',
      instant: sale.createdAt,
    });
    expect(sleevesLine).to.deep.include({ name: "'=Sleeves", quantity: '1', lineTotal: '3.00', returnedQuantity: '0' });
    expect(toCents(mewLine.saleDiscountShare!) + toCents(sleevesLine.saleDiscountShare!)).to.equal(200n);
    expect(toCents(mewLine.tax!) + toCents(sleevesLine.tax!)).to.equal(toCents(sale.tax));
    for (const row of [mewLine, sleevesLine]) {
      expect(toCents(row.net!), 'net = lineTotal − share of the sale discount').to.equal(toCents(row.lineTotal!) - toCents(row.saleDiscountShare!));
      expect(toCents(row.gross!)).to.equal(toCents(row.net!) + toCents(row.tax!));
    }
    expect(fromCents(sumCents([mewLine, sleevesLine].map((r) => toCents(r.gross!))))).to.equal(sale.total);
    const local = new Intl.DateTimeFormat('sv-SE', { timeZone: 'America/New_York', dateStyle: 'short', timeStyle: 'medium' }).format(new Date(sale.createdAt));
    expect(mewLine.localTime).to.equal(local);

    expect(returnRow).to.deep.include({
      quantity: '-1', net: `-${returned.return.refund}`, tax: `-${returned.return.taxRefunded}`, lineTotal: '', lineDiscount: '',
      returnReason: 'changed mind', instant: returned.return.createdAt,
    });
    expect(voidRow.voidedAt).to.match(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(voidRow.voidReason).to.equal('wrong till');

    // What reports.sales counts: completed sales' and returns' net is its revenue.
    const report = await owner.caller.reports.sales({ from, to, groupBy: 'day' });
    const completed = rows.filter((r) => r.saleStatus === 'completed');
    expect(fromCents(sumCents(completed.map((r) => toCents(r.net!))))).to.equal(report.totals.revenue);
    expect(fromCents(sumCents(completed.map((r) => toCents(r.tax!))))).to.equal(report.totals.tax);
  });

  it('narrows to one store; another vendor’s store is 404 and its sales never appear', async () => {
    const { owner, annex } = await shop();
    const { query } = period();
    const annexRows = csvObjects(await (await get(`${query}&storeId=${annex.id}`, owner.accessToken)).text()).rows;
    expect(annexRows).to.deep.equal([]);
    const other = await signUp();
    const res = await get(`${query}&storeId=${annex.id}`, other.accessToken);
    expect(res.status).to.equal(404);
    expect(await errorOf(res)).to.deep.include({ code: 'NOT_FOUND', httpStatus: 404 });
    expect(csvObjects(await (await get(query, other.accessToken)).text()).rows, 'another vendor sees none of these sales').to.deep.equal([]);
  });

  it('is for admins: staff and viewers are 403, anonymous callers 401, a bad period 400 on its field', async () => {
    const { owner } = await shop();
    const { query } = period();
    const admin = await joinAs(owner, 'admin');
    expect((await get(query, admin.accessToken)).status).to.equal(200);
    for (const role of ['staff', 'viewer'] as const) {
      const member = await joinAs(owner, role);
      const res = await get(query, member.accessToken);
      expect(res.status, role).to.equal(403);
      expect((await errorOf(res)).code).to.equal('FORBIDDEN');
    }
    expect((await get(query)).status).to.equal(401);
    const paths = async (q: string) => ((await errorOf(await get(q, owner.accessToken))).issues ?? []).map((i) => i.path.join('.'));
    expect(await paths('?to=2026-01-01T00:00:00.000Z')).to.deep.equal(['from']);
    expect(await paths('?from=2026-02-01T00:00:00.000Z&to=2026-01-01T00:00:00.000Z')).to.deep.equal(['to']);
    expect(await paths(`${query}&storeId=nope`)).to.deep.equal(['storeId']);
  });
});
