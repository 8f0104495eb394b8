import type { MemberRole, StoreAccessRole } from '../../src/core/roles.js';
import { Store, StoreAccess, VendorMember } from '../../src/modules/vendors/entities.js';
import { app } from './app.js';
import { signUp, type SignedUp } from './fixtures.js';

/**
 * A new user working in `owner`'s vendor with `role` (made their primary membership), with
 * optional grants on that vendor's default store.
 */
export async function joinVendor(owner: SignedUp, role: MemberRole, storeRole?: StoreAccessRole) {
  const other = await signUp();
  const em = app().orm.em.fork();
  await em.nativeUpdate(VendorMember, { user: other.user.id }, { isPrimary: false });
  const member = em.create(VendorMember, { vendor: owner.vendor.id, user: other.user.id, role, isPrimary: true, status: 'active' });
  const store = await em.findOneOrFail(Store, { vendor: owner.vendor.id, isDefault: true });
  if (storeRole) em.create(StoreAccess, { member, store, role: storeRole });
  await em.flush();
  return { ...other, memberId: member.id, storeId: store.id };
}
