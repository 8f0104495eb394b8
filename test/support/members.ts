import type { MemberRole } from '../../src/core/roles.js';
import { VendorMember } from '../../src/modules/vendors/entities.js';
import { app } from './app.js';
import { signUp, type SignedUp } from './fixtures.js';

/**
 * A new user working in `owner`'s vendor with `role` (their own signup vendor stays, not primary).
 * Written straight to the database so tests of other domains do not depend on invitations.
 */
export async function addMember(owner: Pick<SignedUp, 'vendor'>, role: MemberRole) {
  const user = await signUp();
  const em = app().orm.em.fork();
  await em.nativeUpdate(VendorMember, { user: user.user.id }, { isPrimary: false });
  const member = em.create(VendorMember, { vendor: owner.vendor.id, user: user.user.id, role, isPrimary: true, status: 'active' });
  await em.flush();
  return { ...user, memberId: member.id };
}
