import { invalidField, notFound } from '../../../core/errors.js';
import { write, type UserWriteContext, type VendorWriteContext } from '../../../db/write.js';
import { changesOf, pick } from '../../audit/changes.js';
import { recomputeTotals } from '../../inventory/services/totals.js';
import { VendorMember, type IVendor } from '../entities.js';
import { makePrimary } from './memberships.js';

export interface VendorChanges {
  name?: string;
  description?: string | null;
  logoUrl?: string | null;
  currency?: string;
  lowStockThreshold?: number;
  timeZone?: string;
  taxRate?: string;
}

const settingFields = ['name', 'description', 'logoUrl', 'currency', 'lowStockThreshold', 'timeZone', 'taxRate'] as const;

export function updateVendor(wc: VendorWriteContext, changes: VendorChanges): Promise<IVendor> {
  return write(wc, async (tx) => {
    // Reports convert in PostgreSQL: a zone the runtime knows but its time zone data does not is refused here.
    if (changes.timeZone !== undefined && !(await tx.em.execute('select 1 from pg_timezone_names where name = ?', [changes.timeZone])).length) {
      throw invalidField(['timeZone'], 'is not a time zone the database knows');
    }
    const before = pick(tx.vendor, settingFields);
    // The maintained totals count low stock with the threshold of their writes; a new threshold
    // recounts them. Chosen over per-quantity buckets (thresholds go up to 1,000,000, so buckets
    // would multiply the rows the overview reads and every write touches): a threshold change is
    // rare, and its recount is one set-based statement over the vendor's items, in this
    // transaction, holding the vendor's totals lock (item writes of the vendor wait at their
    // trigger until the commit, reads do not). Measured on the benchmark's 100,000-item vendor:
    // see `npm run bench -- --overview` ("threshold change"). Behind a long writer (an import)
    // it gives up after 3 s with CONFLICT rather than stall the vendor's other writes.
    if (changes.lowStockThreshold !== undefined && changes.lowStockThreshold !== before.lowStockThreshold) {
      await recomputeTotals(tx.em, tx.vendor.id, { lowStockThreshold: changes.lowStockThreshold, lockTimeoutMs: 3_000 });
    }
    tx.em.assign(tx.vendor, changes);
    tx.em.persist(tx.vendor);
    tx.audit({ entity: 'Vendor', entityId: tx.vendor.id, changes: changesOf(before, pick(tx.vendor, settingFields)) });
    return tx.vendor;
  });
}

/** Makes one of the user's active memberships primary; anything else is NOT_FOUND. */
export function switchVendor(wc: UserWriteContext, vendorId: string): Promise<IVendor> {
  return write(wc, async (tx) => {
    const target = await tx.em.findOne(
      VendorMember,
      { user: wc.user, vendor: { id: vendorId, isActive: true }, status: 'active' },
      { populate: ['vendor'] },
    );
    if (!target) throw notFound('Vendor');
    if (!target.isPrimary) await makePrimary(tx.em, wc.user.id, target.id);
    tx.audit({ vendorId: target.vendor.id, entity: 'VendorMember', entityId: target.id, changes: changesOf({ isPrimary: target.isPrimary }, { isPrimary: true }) });
    return target.vendor;
  });
}
