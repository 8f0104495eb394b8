import { expect } from 'chai';
import { AuditEvent } from '../../../src/modules/audit/entities.js';
import { StockMovement } from '../../../src/modules/inventory/entities.js';
import { app } from '../../support/app.js';
import { expectTRPCError, issuePaths, signUp, type SignedUp } from '../../support/fixtures.js';
import { joinVendor } from '../../support/members.js';
import { ledgerSum, sell, shopWithItems } from '../../support/sales.js';

const fork = () => app().orm.em.fork();
const quantities = (owner: SignedUp, ids: string[]) => Promise.all(ids.map(async (id) => (await owner.caller.items.get({ id })).quantity));

describe('sales.void and sales.return', () => {
  it('returns some units with the default refund (half up per line) and tax at the sale rate, restocking them', async () => {
    const owner = await signUp();
    await owner.caller.vendors.update({ taxRate: '7.25' });
    const [a, b] = await shopWithItems(owner, [10, 10]);
    const sale = await sell(owner, [{ itemId: a!.id, quantity: 3, unitPrice: '10.00' }, { itemId: b!.id, quantity: 4, unitPrice: '2.50', discount: '0.01' }]);
    const [lineA, lineB] = sale.lines;
    const { sale: after, return: first } = await owner.caller.sales.return({
      id: sale.id, lines: [{ lineId: lineA!.id, quantity: 1 }, { lineId: lineB!.id, quantity: 3 }], reason: 'changed their mind',
    });
    // 30.00 / 3 = 10.00; 9.99 × 3 / 4 = 7.4925 → 7.49; refund 17.49; tax 7.25% = 1.268… → 1.27
    expect(first).to.deep.include({ saleId: sale.id, restock: true, refund: '17.49', taxRefunded: '1.27', reason: 'changed their mind', actorId: owner.user.id });
    expect(first.lines).to.deep.equal([{ lineId: lineA!.id, quantity: 1, refund: '10.00' }, { lineId: lineB!.id, quantity: 3, refund: '7.49' }]);
    expect(after.lines.map((l) => l.returnedQuantity)).to.deep.equal([1, 3]);
    expect(after.returns).to.deep.equal([first]);
    expect(await quantities(owner, [a!.id, b!.id])).to.deep.equal([8, 9]);
    // The last unit of line B refunds what is left of its total: 9.99 − 7.49.
    const { return: second } = await owner.caller.sales.return({ id: sale.id, lines: [{ lineId: lineB!.id, quantity: 1 }] });
    expect(second.refund).to.equal('2.50');
    expect(await fork().count(StockMovement, { reference: sale.id, reason: 'return' })).to.equal(3);
    expect(await fork().count(AuditEvent, { entity: 'SaleReturn', action: 'sales.return' })).to.equal(2);
  });

  it('refuses returning more than sold minus returned (BAD_REQUEST on that line), foreign lines and a raised refund', async () => {
    const owner = await signUp();
    const [a, b] = await shopWithItems(owner, [5, 5]);
    const sale = await sell(owner, [[a!.id, 2], [b!.id, 1]]);
    const other = await sell(owner, [[a!.id, 1]]);
    const [lineA, lineB] = sale.lines;
    await owner.caller.sales.return({ id: sale.id, lines: [{ lineId: lineA!.id, quantity: 1 }] });
    const cases: [Parameters<typeof owner.caller.sales.return>[0], string][] = [
      [{ id: sale.id, lines: [{ lineId: lineB!.id, quantity: 1 }, { lineId: lineA!.id, quantity: 2 }] }, 'lines.1.quantity'],
      [{ id: sale.id, lines: [{ lineId: lineA!.id, quantity: 1 }, { lineId: lineA!.id, quantity: 1 }] }, 'lines.1.quantity'],
      [{ id: sale.id, lines: [{ lineId: other.lines[0]!.id, quantity: 1 }] }, 'lines.0.lineId'],
      [{ id: sale.id, lines: [{ lineId: lineB!.id, quantity: 1 }], refund: '10.01' }, 'refund'],
    ];
    for (const [input, path] of cases) {
      expect(issuePaths(await expectTRPCError(owner.caller.sales.return(input), 'BAD_REQUEST')), path).to.deep.equal([path]);
    }
    expect(await quantities(owner, [a!.id, b!.id])).to.deep.equal([3, 4]);
    const { return: lowered } = await owner.caller.sales.return({ id: sale.id, lines: [{ lineId: lineB!.id, quantity: 1 }], refund: '7.00', restock: false });
    expect(lowered).to.include({ refund: '7.00', restock: false });
    expect(await quantities(owner, [b!.id])).to.deep.equal([4]);
  });

  it('voids: every unreturned unit goes back with return movements; a second void and later returns are CONFLICT', async () => {
    const owner = await signUp();
    const [a, b] = await shopWithItems(owner, [6, 6]);
    const sale = await sell(owner, [[a!.id, 4], [b!.id, 2]]);
    await owner.caller.sales.return({ id: sale.id, lines: [{ lineId: sale.lines[0]!.id, quantity: 1 }], restock: false });
    await owner.caller.sales.return({ id: sale.id, lines: [{ lineId: sale.lines[1]!.id, quantity: 1 }] });
    expect(await quantities(owner, [a!.id, b!.id])).to.deep.equal([2, 5]);
    const voided = await owner.caller.sales.void({ id: sale.id, reason: 'rang up the wrong customer' });
    expect(voided).to.deep.include({ status: 'voided', voidedBy: owner.user.id, voidReason: 'rang up the wrong customer' });
    expect(voided.voidedAt).to.be.a('string');
    // 3 unreturned units of A and 1 of B come back; the unit of A returned without restock stays out.
    expect(await quantities(owner, [a!.id, b!.id])).to.deep.equal([5, 6]);
    expect([await ledgerSum(a!.id), await ledgerSum(b!.id)]).to.deep.equal([5, 6]);
    await expectTRPCError(owner.caller.sales.void({ id: sale.id, reason: 'again' }), 'CONFLICT');
    await expectTRPCError(owner.caller.sales.return({ id: sale.id, lines: [{ lineId: sale.lines[1]!.id, quantity: 1 }] }), 'CONFLICT');
    expect(await quantities(owner, [a!.id, b!.id])).to.deep.equal([5, 6]);
    const audit = await fork().findOneOrFail(AuditEvent, { entity: 'Sale', entityId: sale.id, action: 'sales.void' });
    expect(audit.changes.status).to.deep.equal({ before: 'completed', after: 'voided' });
  });

  it('lets only admins void; a sold item (voided or not) cannot be deleted', async () => {
    const owner = await signUp();
    const [item] = await shopWithItems(owner, [3]);
    const staff = await joinVendor(owner, 'staff', [{ storeId: item!.storeId, role: 'manager' }]);
    const sale = await sell(owner, [[item!.id, 1]]);
    await expectTRPCError(staff.caller.sales.void({ id: sale.id, reason: 'no' }), 'FORBIDDEN');
    await owner.caller.sales.void({ id: sale.id, reason: 'test' });
    await expectTRPCError(owner.caller.items.delete({ id: item!.id }), 'CONFLICT');
    // A stock movement with reason sale alone (an adjustment) does not block deleting.
    const [adjusted] = await shopWithItems(owner, [3]);
    await owner.caller.items.adjustStock({ id: adjusted!.id, delta: -1, reason: 'sale' });
    expect(await owner.caller.items.delete({ id: adjusted!.id })).to.deep.equal({ ok: true });
  });
});
