import { invalidField } from '../../../core/errors.js';
import { allocate, fromCents, percentOf, sumCents, toCents } from '../../../core/money.js';
import { write, type VendorWriteContext } from '../../../db/write.js';
import { changesOf } from '../../audit/changes.js';
import { changeStock } from '../../inventory/services/stock.js';
import { lineRefund, saleNumberText, type ReturnSaleInput, type SaleOutput, type SaleReturnOutput } from '../contract.js';
import { SaleReturn, SaleReturnLine, type ISaleLine } from '../entities.js';
import { saleById } from '../selectors/sales.js';
import { lockCompletedSale } from './sale-access.js';

interface ReturnedLine {
  line: ISaleLine;
  quantity: number;
  /** The first input line naming it, for errors. */
  index: number;
}

/**
 * Takes back some units of some lines of a completed sale. The refund (tax-exclusive) defaults to
 * the returned units' share of their line totals and may be lowered, never raised; the tax
 * refunded is round_half_up(refund × the sale's tax rate / 100), never more than the sale's tax
 * not yet refunded. Both are split over the lines exactly, for reports by item. With `restock`
 * (the default) the units go back to stock as `return` movements referencing the sale.
 */
export async function returnSale(wc: VendorWriteContext, input: ReturnSaleInput): Promise<{ sale: SaleOutput; return: SaleReturnOutput }> {
  const { saleId, returnId } = await write(wc, async (tx) => {
    const { sale, lines } = await lockCompletedSale(tx, input.id);
    const returned = returnedLines(input, lines);
    const defaults = returned.map((r) => lineRefund(r.line, r.quantity));
    const fullRefund = sumCents(defaults);
    const refund = input.refund === undefined ? fullRefund : toCents(input.refund);
    if (refund > fullRefund) throw invalidField(['refund'], `must not exceed ${fromCents(fullRefund)}, the returned units' share of their lines`);
    const [earlier] = await tx.em.execute<{ tax: string }[]>('select coalesce(sum(tax_refunded), 0)::text as tax from sale_returns where sale_id = ?', [sale.id]);
    const taxLeft = toCents(sale.tax) - toCents(earlier!.tax);
    const taxRefunded = [percentOf(refund, sale.taxRate), taxLeft].reduce((a, b) => (a < b ? a : b));
    const refunds = allocate(refund, defaults);
    const taxRefunds = allocate(taxRefunded, refunds);

    if (input.restock) {
      await changeStock(tx, returned.map((r) => ({ itemId: r.line.item.id, delta: r.quantity })), {
        reason: 'return',
        reference: sale.id,
        note: `Return on ${saleNumberText(sale.number)}`,
        pathOf: (index) => ['lines', returned[index]!.index, 'quantity'],
      });
    }
    const saleReturn = tx.em.create(SaleReturn, {
      vendor: tx.vendor,
      sale,
      restock: input.restock,
      refund: fromCents(refund),
      taxRefunded: fromCents(taxRefunded),
      reason: input.reason ?? null,
      actor: tx.user,
      createdAt: new Date(),
    });
    returned.forEach((r, i) => {
      r.line.returnedQuantity += r.quantity;
      tx.em.create(SaleReturnLine, { saleReturn, line: r.line, quantity: r.quantity, refund: fromCents(refunds[i]!), taxRefunded: fromCents(taxRefunds[i]!) });
    });
    tx.audit({
      entity: 'SaleReturn',
      entityId: saleReturn.id,
      changes: changesOf(null, {
        sale: saleNumberText(sale.number),
        lines: returned.map((r) => ({ lineId: r.line.id, quantity: r.quantity })),
        restock: input.restock,
        refund: fromCents(refund),
        taxRefunded: fromCents(taxRefunded),
      }),
    });
    await tx.em.flush();
    return { saleId: sale.id, returnId: saleReturn.id };
  });
  const sale = (await saleById(wc.em, wc.vendor.id, saleId))!;
  return { sale, return: sale.returns.find((r) => r.id === returnId)! };
}

/** The input lines per sale line (a line named twice counts once, with both quantities), each within what is left to return. */
function returnedLines(input: ReturnSaleInput, lines: ISaleLine[]): ReturnedLine[] {
  const returned = new Map<string, ReturnedLine>();
  input.lines.forEach(({ lineId, quantity }, index) => {
    const line = lines.find((l) => l.id === lineId.toLowerCase());
    if (!line) throw invalidField(['lines', index, 'lineId'], 'is not a line of this sale');
    const entry = returned.get(line.id) ?? { line, quantity: 0, index };
    entry.quantity += quantity;
    const left = line.quantity - line.returnedQuantity;
    if (entry.quantity > left) throw invalidField(['lines', index, 'quantity'], `only ${left} of this line's ${line.quantity} can still be returned`);
    returned.set(line.id, entry);
  });
  return [...returned.values()];
}
