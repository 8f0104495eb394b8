import type { EntityManager } from '@mikro-orm/postgresql';
import type { IUser } from '../../identity/entities.js';
import { toInvitationDto } from '../dto.js';
import { Invitation, type IVendor } from '../entities.js';

/** invitations.list: every invitation of the vendor, newest first; tokens are never shown. */
export async function listVendorInvitations(em: EntityManager, vendor: IVendor) {
  const invitations = await em.find(Invitation, { vendor }, { orderBy: { createdAt: 'desc' }, limit: 500 });
  return invitations.map(toInvitationDto);
}

/** invitations.mine: the pending, unexpired invitations addressed to the caller's email. */
export async function listMyInvitations(em: EntityManager, user: IUser) {
  const invitations = await em.find(
    Invitation,
    { email: user.email, status: 'pending', expiresAt: { $gt: new Date() }, vendor: { isActive: true } },
    { populate: ['vendor'], orderBy: { createdAt: 'desc' } },
  );
  return invitations.map((i) => ({ ...toInvitationDto(i), vendor: { id: i.vendor.id, name: i.vendor.name, slug: i.vendor.slug } }));
}
