import { write, type VendorWriteContext } from '../../../db/write.js';
import { changesOf } from '../../audit/changes.js';
import { changeStock } from '../../inventory/services/stock.js';
import { saleNumberText, type SaleOutput } from '../contract.js';
import { saleById } from '../selectors/sales.js';
import { lockCompletedSale } from './sale-access.js';

/**
 * Voids a sale: every unit not yet returned goes back to stock (`return` movements referencing the
 * sale), and the sale counts nowhere from now on. A second void is CONFLICT.
 */
export async function voidSale(wc: VendorWriteContext, input: { id: string; reason: string }): Promise<SaleOutput> {
  const saleId = await write(wc, async (tx) => {
    const { sale, lines } = await lockCompletedSale(tx, input.id);
    const unreturned = lines.filter((line) => line.quantity > line.returnedQuantity);
    if (unreturned.length) {
      await changeStock(tx, unreturned.map((line) => ({ itemId: line.item.id, delta: line.quantity - line.returnedQuantity })), {
        reason: 'return',
        reference: sale.id,
        note: `Void of ${saleNumberText(sale.number)}`,
      });
    }
    tx.audit({ entity: 'Sale', entityId: sale.id, changes: changesOf({ status: sale.status, voidReason: null }, { status: 'voided', voidReason: input.reason }) });
    Object.assign(sale, { status: 'voided', voidedAt: new Date(), voidedBy: tx.user, voidReason: input.reason });
    await tx.em.flush();
    return sale.id;
  });
  return (await saleById(wc.em, wc.vendor.id, saleId))!;
}
