import { LockMode } from '@mikro-orm/postgresql';
import { conflict, notFound } from '../../../core/errors.js';
import type { Transaction, VendorWriteContext } from '../../../db/write.js';
import { assertCanInStore, canReadStore, storeScopeOf } from '../../vendors/selectors/store-scope.js';
import { Sale, SaleLine } from '../entities.js';

/**
 * A completed sale of the vendor, locked for the rest of the transaction (so voids and returns of
 * one sale queue), with its lines in order, in a store where the actor may sell. Another
 * vendor's sale, or one in a store the actor cannot read, is NOT_FOUND; a voided one CONFLICT.
 */
export async function lockCompletedSale(tx: Transaction<VendorWriteContext>, id: string) {
  const sale = await tx.em.findOne(Sale, { id, vendor: tx.vendor }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
  const scope = await storeScopeOf(tx.em, tx.member);
  if (!sale || !canReadStore(scope, sale.store.id)) throw notFound('Sale');
  assertCanInStore(scope, 'sell', sale.store.id);
  if (sale.status === 'voided') throw conflict('This sale has been voided');
  const lines = await tx.em.find(SaleLine, { sale }, { orderBy: { position: 'asc' } });
  return { sale, lines };
}
