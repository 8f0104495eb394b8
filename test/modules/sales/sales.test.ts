import { expect } from 'chai';
import { AuditEvent } from '../../../src/modules/audit/entities.js';
import { StockMovement } from '../../../src/modules/inventory/entities.js';
import { app } from '../../support/app.js';
import { tableFingerprints } from '../../support/fingerprint.js';
import { expectTRPCError, issuePaths, signUp } from '../../support/fixtures.js';
import { createItem } from '../../support/items.js';
import { sell, shopWithItems } from '../../support/sales.js';

const fork = () => app().orm.em.fork();
const quantityOf = async (owner: Awaited<ReturnType<typeof signUp>>, id: string) => (await owner.caller.items.get({ id })).quantity;

describe('sales.create', () => {
  it('sells with split payments: exact money, tax at the vendor rate, stock taken with one movement per line, audited', async () => {
    const owner = await signUp();
    await owner.caller.vendors.update({ taxRate: '8.875' });
    const card = await createItem(owner, { quantity: 5, intakePrice: '3.10', price: '12.00', projectedPrice: '12.99' });
    const box = await createItem(owner, { quantity: 2, intakePrice: '60.00', price: '89.95' });
    const sale = await owner.caller.sales.create({
      lines: [{ itemId: card.id, quantity: 3, discount: '1.00' }, { itemId: box.id, quantity: 1, unitPrice: '85.00' }],
      discount: '5.00',
      payments: [{ method: 'card', amount: '110.00' }, { method: 'cash', amount: '18.44', tendered: '20.00' }],
      customerName: 'Ash Ketchum',
      customerEmail: 'ASH@example.test',
      idempotencyKey: 'till-1-0001',
    });
    // lines 3 × 12.99 − 1.00 = 37.97 and 85.00; subtotal 122.97; − 5.00 = 117.97; tax 8.875% = 10.4698… → 10.47; total 128.44
    expect(sale).to.deep.include({
      number: 'S-000001', status: 'completed', subtotal: '122.97', discount: '5.00', taxRate: '8.875', tax: '10.47', total: '128.44',
      changeDue: '1.56', customerName: 'Ash Ketchum', customerEmail: 'ash@example.test', createdBy: owner.user.id, voidedAt: null, returns: [],
    });
    expect(sale.lines.map((l) => [l.itemId, l.sku, l.quantity, l.unitPrice, l.unitCost, l.discount, l.lineTotal, l.returnedQuantity])).to.deep.equal([
      [card.id, card.sku, 3, '12.99', '3.10', '1.00', '37.97', 0],
      [box.id, box.sku, 1, '85.00', '60.00', '0.00', '85.00', 0],
    ]);
    expect(sale.payments).to.deep.equal([{ method: 'card', amount: '110.00', tendered: null }, { method: 'cash', amount: '18.44', tendered: '20.00' }]);
    expect([await quantityOf(owner, card.id), await quantityOf(owner, box.id)]).to.deep.equal([2, 1]);
    const movements = await fork().find(StockMovement, { reference: sale.id }, { orderBy: { delta: 'asc' } });
    expect(movements.map((m) => [m.reason, m.delta])).to.deep.equal([['sale', -3], ['sale', -1]]);
    const audit = await fork().findOneOrFail(AuditEvent, { entity: 'Sale', entityId: sale.id });
    expect(audit).to.include({ action: 'sales.create', actorId: owner.user.id, vendorId: owner.vendor.id });
    expect(audit.changes.total).to.deep.equal({ before: null, after: '128.44' });
    expect(await owner.caller.sales.get({ id: sale.id })).to.deep.equal(sale);
  });
});

describe('sales.create refusals', () => {
  it('names the field of every broken rule and writes nothing', async () => {
    const owner = await signUp();
    const [item, archived] = await shopWithItems(owner, [5, 5]);
    await owner.caller.items.archive({ id: archived!.id });
    const booth = await owner.caller.stores.create({ name: 'Booth' });
    const elsewhere = await createItem(owner, { quantity: 5, price: '10.00', storeId: booth.id });
    const line = { itemId: item!.id, quantity: 1 };
    const cash = (amount: string, tendered?: string) => ({ method: 'cash' as const, amount, ...(tendered ? { tendered } : {}) });
    const before = await tableFingerprints();
    const cases: [Parameters<typeof owner.caller.sales.create>[0], string][] = [
      [{ lines: [line], payments: [cash('9.99')] }, 'payments'],
      [{ lines: [line], payments: [{ method: 'card', amount: '10.00', tendered: '20.00' }] }, 'payments.0.tendered'],
      [{ lines: [line], payments: [cash('10.00', '9.00')] }, 'payments.0.tendered'],
      [{ lines: [line, { itemId: archived!.id, quantity: 1 }], payments: [cash('20.00')] }, 'lines.1.itemId'],
      [{ lines: [line, { itemId: elsewhere.id, quantity: 1 }], payments: [cash('20.00')] }, 'lines.1.itemId'],
      [{ lines: [{ ...line, discount: '10.01' }], payments: [cash('0.00')] }, 'lines.0.discount'],
      [{ lines: [line], discount: '10.01', payments: [cash('0.00')] }, 'discount'],
      [{ lines: [{ ...line, quantity: 1_000_000, unitPrice: '9999999999.99' }], payments: [cash('0.00')] }, 'lines.0.quantity'],
      [{ lines: [], payments: [cash('0.00')] }, 'lines'],
      [{ lines: [line], payments: [] }, 'payments'],
      [{ lines: [{ ...line, quantity: 0 }], payments: [cash('0.00')] }, 'lines.0.quantity'],
      [{ lines: [line], payments: [{ method: 'cheque' as 'cash', amount: '10.00' }] }, 'payments.0.method'],
    ];
    for (const [input, path] of cases) {
      const error = await expectTRPCError(owner.caller.sales.create(input), 'BAD_REQUEST');
      expect(issuePaths(error), path).to.deep.equal([path]);
    }
    expect(await tableFingerprints()).to.deep.equal(before);
    expect((await owner.caller.sales.create({ lines: [line], payments: [cash('10.00')] })).number).to.equal('S-000001');
  });

  it('answers CONFLICT naming every short item, summing the lines of one item, and takes nothing', async () => {
    const owner = await signUp();
    const [a, b, c] = await shopWithItems(owner, [3, 1, 5]);
    const error = await expectTRPCError(
      owner.caller.sales.create({
        lines: [{ itemId: a!.id, quantity: 2 }, { itemId: c!.id, quantity: 1 }, { itemId: b!.id, quantity: 2 }, { itemId: a!.id, quantity: 2 }],
        payments: [{ method: 'card', amount: '70.00' }],
      }),
      'CONFLICT',
    );
    const short = error.data.shortItems;
    expect(short).to.have.deep.members([{ itemId: a!.id, requested: 4, available: 3 }, { itemId: b!.id, requested: 2, available: 1 }]);
    expect(error.data.available).to.be.oneOf([3, 1]);
    expect([await quantityOf(owner, a!.id), await quantityOf(owner, b!.id), await quantityOf(owner, c!.id)]).to.deep.equal([3, 1, 5]);
    expect(await fork().count(StockMovement, { reason: 'sale' })).to.equal(0);
    const both = await sell(owner, [[a!.id, 1], [a!.id, 2]]);
    expect(both.lines.map((l) => l.quantity)).to.deep.equal([1, 2]);
    expect(await quantityOf(owner, a!.id)).to.equal(0);
  });

  it('defaults the unit price to the projected price, else the price, and the store to the default store', async () => {
    const owner = await signUp();
    const projected = await createItem(owner, { quantity: 1, price: '10.00', projectedPrice: '11.50' });
    const plain = await createItem(owner, { quantity: 1, price: '10.00' });
    const sale = await sell(owner, [[projected.id, 1], [plain.id, 1]]);
    expect(sale.lines.map((l) => l.unitPrice)).to.deep.equal(['11.50', '10.00']);
    expect(sale.storeId).to.equal(projected.storeId);
    expect(sale.taxRate).to.equal('0');
  });

  it('keeps the tax rate of the moment of sale', async () => {
    const owner = await signUp();
    const [item] = await shopWithItems(owner, [2]);
    await owner.caller.vendors.update({ taxRate: '10' });
    const sale = await sell(owner, [[item!.id, 1]]);
    await owner.caller.vendors.update({ taxRate: '20' });
    expect(await owner.caller.sales.get({ id: sale.id })).to.deep.include({ taxRate: '10', tax: '1.00', total: '11.00' });
    const { return: refunded } = await owner.caller.sales.return({ id: sale.id, lines: [{ lineId: sale.lines[0]!.id, quantity: 1 }] });
    expect(refunded).to.include({ refund: '10.00', taxRefunded: '1.00' });
  });
});

describe('sales idempotency', () => {
  it('answers the same sale for the same key and body, without taking stock again; another body is CONFLICT', async () => {
    const owner = await signUp();
    const [item] = await shopWithItems(owner, [5]);
    const storeId = item!.storeId;
    const first = await sell(owner, [[item!.id, 2]], { idempotencyKey: 'till-7' });
    // The default store named explicitly is the same request.
    const again = await sell(owner, [[item!.id, 2]], { idempotencyKey: 'till-7', storeId });
    expect(again).to.deep.equal(first);
    expect(await quantityOf(owner, item!.id)).to.equal(3);
    const error = await expectTRPCError(sell(owner, [[item!.id, 1]], { idempotencyKey: 'till-7' }), 'CONFLICT');
    expect(error.data.field).to.equal('idempotencyKey');
    expect(await quantityOf(owner, item!.id)).to.equal(3);
    expect(await fork().count(AuditEvent, { entity: 'Sale' })).to.equal(1);
    // Keys are per vendor.
    const other = await signUp();
    const [theirs] = await shopWithItems(other, [1]);
    expect((await sell(other, [[theirs!.id, 1]], { idempotencyKey: 'till-7' })).number).to.equal('S-000001');
  });

  it('makes one sale of concurrent requests with one key; all of them answer it', async () => {
    const owner = await signUp();
    const [item] = await shopWithItems(owner, [50]);
    const request = { lines: [{ itemId: item!.id, quantity: 1 }], payments: [{ method: 'card' as const, amount: '10.00' }], idempotencyKey: 'flaky-wifi' };
    const answers = await Promise.all(Array.from({ length: 12 }, () => owner.caller.sales.create(request)));
    expect(new Set(answers.map((a) => a.id)).size).to.equal(1);
    expect(await quantityOf(owner, item!.id)).to.equal(49);
    expect(await fork().count(StockMovement, { reason: 'sale' })).to.equal(1);
  });
});
