import { conflict, forbidden, invalidField, notFound } from '../../../core/errors.js';
import { hashToken, newSecretToken } from '../../../core/secret-token.js';
import { hasRole } from '../../../core/roles.js';
import { write, type MemberWriteContext, type Transaction, type UserWriteContext } from '../../../db/write.js';
import { changesOf } from '../../audit/changes.js';
import { deliver } from '../../mail/mailer.js';
import type { IUser } from '../../identity/entities.js';
import type { InvitationRef, MemberRole } from '../contract.js';
import { findPrimaryMembership } from '../selectors/primary-membership.js';
import { Invitation, VendorMember, type IInvitation, type IVendor, type IVendorMember } from '../entities.js';
import { invitationMail } from '../mail.js';
import { lockVendorAsAdmin, makePrimary } from './memberships.js';
import type { EntityManager } from '@mikro-orm/postgresql';

const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;
const UNUSABLE = 'This invitation is invalid, expired, revoked or already used';


/**
 * A new invitation replaces the pending one for the same email. The token is returned once to
 * the caller (for the link) and mailed once the invitation committed; only its hash is stored.
 * `mailed` settles after the commit: false when the mail server refused.
 */
export async function createInvitation(wc: MemberWriteContext, input: { email: string; role: MemberRole }) {
  const { token, tokenHash } = newSecretToken();
  let mailed = false;
  const invitation = await write(wc, async (tx) => {
    const caller = await lockVendorAsAdmin(tx, 'Only an admin or owner invites');
    if (!hasRole(caller.role, input.role)) throw forbidden(`You cannot invite with a role above your own (${caller.role})`);
    if (await tx.em.count(VendorMember, { vendor: tx.vendor, status: 'active', user: { email: input.email } })) {
      throw conflict('This person is already a member of this vendor', { field: 'email' });
    }
    await tx.em.nativeUpdate(Invitation, { vendor: tx.vendor, email: input.email, status: 'pending' }, { status: 'revoked' });
    const invitation = tx.em.create(Invitation, {
      vendor: tx.vendor,
      email: input.email,
      role: input.role,
      tokenHash,
      expiresAt: new Date(Date.now() + INVITATION_TTL_MS),
      invitedBy: tx.user,
    });
    tx.audit({ entity: 'Invitation', entityId: invitation.id, changes: changesOf(null, { email: input.email, role: input.role, status: 'pending' }) });
    const message = invitationMail(tx.services.config.appUrl, invitation.email, tx.vendor.name, invitation.role, token);
    tx.afterCommit(async () => (mailed = await deliver(tx.services.mailer, tx.log, message)));
    return invitation;
  });
  return { invitation, token, mailed };
}

/**
 * The pending, unexpired invitation the user may answer. Every unusable token gets the same
 * BAD_REQUEST on `field`; a usable one addressed to another email is FORBIDDEN; an id that is
 * not the caller's invitation is NOT_FOUND, like any foreign id.
 */
export async function findAnswerableInvitation(em: EntityManager, user: Pick<IUser, 'email'>, ref: InvitationRef, field = 'token') {
  const invitation = 'token' in ref
    ? await em.findOne(Invitation, { tokenHash: hashToken(ref.token) }, { populate: ['vendor'] })
    : await em.findOne(Invitation, { id: ref.invitationId, email: user.email }, { populate: ['vendor'] });
  if (!invitation && 'invitationId' in ref) throw notFound('Invitation');
  if (!invitation || !isUsable(invitation)) throw invalidField(['token' in ref ? field : 'invitationId'], UNUSABLE);
  if (invitation.email !== user.email) throw forbidden('This invitation was sent to another email address');
  return invitation;
}

const isUsable = (i: IInvitation) => i.status === 'pending' && i.expiresAt > new Date() && i.vendor.isActive;

/**
 * Claims the invitation (a conditional update, so it is used once even under concurrent
 * requests) and creates or reactivates the membership; it becomes primary when the user has no
 * vendor to work in. Joins the caller's transaction (register, invitations.accept).
 */
export async function acceptInvitation(tx: Transaction, user: IUser, invitation: IInvitation) {
  await claim(tx.em, invitation, 'accepted');
  const existing = await tx.em.findOne(VendorMember, { vendor: invitation.vendor, user });
  if (existing?.status === 'active') throw conflict('You are already a member of this vendor');
  const member = existing ?? tx.em.create(VendorMember, { vendor: invitation.vendor, user, role: invitation.role });
  tx.em.assign(member, {
    role: invitation.role,
    status: 'active',
    invitedBy: invitation.invitedBy ?? null,
    invitedAt: invitation.createdAt,
    respondedAt: new Date(),
  });
  const hasPrimary = await findPrimaryMembership(tx.em, user.id);
  await tx.em.flush();
  if (!hasPrimary) {
    await makePrimary(tx.em, user.id, member.id);
    member.isPrimary = true;
  }
  return member;
}

export function acceptInvitationByRef(wc: UserWriteContext, ref: InvitationRef): Promise<{ vendor: IVendor; member: IVendorMember }> {
  return write(wc, async (tx) => {
    const invitation = await findAnswerableInvitation(tx.em, wc.user, ref);
    const member = await acceptInvitation(tx, wc.user, invitation);
    tx.audit({ vendorId: invitation.vendor.id, entity: 'Invitation', entityId: invitation.id, changes: changesOf({ status: 'pending' }, { status: 'accepted' }) });
    return { vendor: invitation.vendor, member };
  });
}

export function declineInvitation(wc: UserWriteContext, ref: InvitationRef) {
  return write(wc, async (tx) => {
    const invitation = await findAnswerableInvitation(tx.em, wc.user, ref);
    await claim(tx.em, invitation, 'declined');
    tx.audit({ vendorId: invitation.vendor.id, entity: 'Invitation', entityId: invitation.id, changes: changesOf({ status: 'pending' }, { status: 'declined' }) });
  });
}

export function revokeInvitation(wc: MemberWriteContext, invitationId: string) {
  return write(wc, async (tx) => {
    await lockVendorAsAdmin(tx, 'Only an admin or owner revokes invitations');
    const invitation = await tx.em.findOne(Invitation, { id: invitationId, vendor: tx.vendor });
    if (!invitation) throw notFound('Invitation');
    if (invitation.status !== 'pending') throw conflict(`This invitation is already ${invitation.status}`);
    await claim(tx.em, invitation, 'revoked');
    tx.audit({ entity: 'Invitation', entityId: invitation.id, changes: changesOf({ status: 'pending' }, { status: 'revoked' }) });
  });
}

async function claim(em: EntityManager, invitation: IInvitation, status: 'accepted' | 'declined' | 'revoked') {
  const claimed = await em.nativeUpdate(Invitation, { id: invitation.id, status: 'pending' }, { status, updatedAt: new Date() });
  if (!claimed) throw invalidField(['token'], UNUSABLE);
  invitation.status = status;
}
