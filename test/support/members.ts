import { memberWriteContext as memberContextOf, type MemberWriteContext } from '../../src/db/write.js';
import type { MemberRole, StoreAccessRole } from '../../src/modules/vendors/contract.js';
import { StoreAccess, Store, Vendor, VendorMember } from '../../src/modules/vendors/entities.js';
import { app } from './app.js';
import { callerAs, signUp, type SignedUp } from './fixtures.js';

/**
 * A second user working in `owner`'s vendor with `role`, granted the given stores. Rows are
 * written directly (invitations and stores.grantAccess are other issues): the user's own
 * primary membership is cleared, the new one is primary.
 */
export async function joinVendor(owner: SignedUp, role: MemberRole, grants: { storeId: string; role: StoreAccessRole }[] = []) {
  const joiner = await signUp();
  const em = app().orm.em.fork();
  await em.nativeUpdate(VendorMember, { user: joiner.user.id }, { isPrimary: false });
  const member = em.create(VendorMember, { vendor: em.getReference(Vendor, owner.vendor.id), user: joiner.user.id, role, isPrimary: true, status: 'active' });
  for (const grant of grants) em.create(StoreAccess, { member, store: em.getReference(Store, grant.storeId), role: grant.role });
  await em.flush();
  return { ...joiner, memberId: member.id, caller: callerAs(joiner.accessToken) };
}

/** The id of a vendor's default store. */
export async function defaultStoreId(vendorId: string): Promise<string> {
  const store = await app().orm.em.fork().findOneOrFail(Store, { vendor: vendorId, isDefault: true });
  return store.id;
}

/** The write context a member's request would build, on its own EntityManager (for service-level tests). */
export const memberWriteContext = (memberId: string): Promise<MemberWriteContext> => memberContextOf(app(), 'test', memberId);

/** Resolves once some session of this database waits on a row lock (or `stop()` says to give up). */
async function lockWaiter(stop: () => boolean) {
  const connection = app().orm.em.getConnection();
  while (!stop()) {
    const [row] = await connection.execute<{ waiting: number }[]>(
      "select count(*)::int as waiting from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'",
    );
    if (row!.waiting > 0) return;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/**
 * Runs `racer` while the change `holder` makes in an open transaction of `holding` is not yet
 * committed; commits it once the racer waits on a lock (or ended without waiting) and answers
 * how the racer ended: 'ok' or its error code.
 */
export async function racedAgainstUncommitted(holding: MemberWriteContext, holder: () => Promise<unknown>, racer: () => Promise<unknown>) {
  await holding.em.begin();
  await holder();
  let settled = false;
  const racing = racer().then(() => 'ok', (error: { code?: string }) => error.code).finally(() => (settled = true));
  await Promise.race([racing, lockWaiter(() => settled)]);
  await holding.em.commit();
  return racing;
}
