import type { EntityManager } from '@mikro-orm/postgresql';
import { conflict, forbidden, invalidField, notFound } from '../../../core/errors.js';
import { hashToken, newSecretToken } from '../../../core/secret-token.js';
import { hasRole } from '../../../core/roles.js';
import type { MemberRole } from '../contract.js';
import type { IUser } from '../../identity/entities.js';
import { findPrimaryMembership } from '../selectors/primary-membership.js';
import { Invitation, VendorMember, type IInvitation, type IVendorMember } from '../entities.js';
import { lockVendor, makePrimary } from './memberships.js';

const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;
const UNUSABLE = 'This invitation is invalid, expired, revoked or already used';

/** How a caller names an invitation: the mailed token, or its id for the signed-in invitee. */
export type InvitationRef = { token: string } | { invitationId: string };

/**
 * A new invitation replaces the pending one for the same email. The token is returned once to
 * the caller (for the link and the mail); only its hash is stored.
 */
export async function createInvitation(em: EntityManager, actor: IVendorMember, input: { email: string; role: MemberRole }) {
  if (!hasRole(actor.role, input.role)) throw forbidden(`You cannot invite with a role above your own (${actor.role})`);
  const { token, tokenHash } = newSecretToken();
  const invitation = await em.transactional(async (tx) => {
    await lockVendor(tx, actor.vendor);
    if (await tx.count(VendorMember, { vendor: actor.vendor, status: 'active', user: { email: input.email } })) {
      throw conflict('This person is already a member of this vendor', { field: 'email' });
    }
    await tx.nativeUpdate(Invitation, { vendor: actor.vendor, email: input.email, status: 'pending' }, { status: 'revoked' });
    return tx.create(Invitation, {
      vendor: actor.vendor,
      email: input.email,
      role: input.role,
      tokenHash,
      expiresAt: new Date(Date.now() + INVITATION_TTL_MS),
      invitedBy: actor.user,
    });
  });
  return { invitation, token };
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
 * vendor to work in. Runs inside the caller's transaction.
 */
export async function acceptInvitation(tx: EntityManager, user: IUser, invitation: IInvitation) {
  await claim(tx, invitation, 'accepted');
  const existing = await tx.findOne(VendorMember, { vendor: invitation.vendor, user });
  if (existing?.status === 'active') throw conflict('You are already a member of this vendor');
  const member = existing ?? tx.create(VendorMember, { vendor: invitation.vendor, user, role: invitation.role });
  tx.assign(member, {
    role: invitation.role,
    status: 'active',
    invitedBy: invitation.invitedBy ?? null,
    invitedAt: invitation.createdAt,
    respondedAt: new Date(),
  });
  const hasPrimary = await findPrimaryMembership(tx, user.id);
  await tx.flush();
  if (!hasPrimary) {
    await makePrimary(tx, user.id, member.id);
    member.isPrimary = true;
  }
  return member;
}

export async function acceptInvitationByRef(em: EntityManager, user: IUser, ref: InvitationRef) {
  return em.transactional(async (tx) => {
    const invitation = await findAnswerableInvitation(tx, user, ref);
    return { vendor: invitation.vendor, member: await acceptInvitation(tx, user, invitation) };
  });
}

export async function declineInvitation(em: EntityManager, user: IUser, ref: InvitationRef) {
  await em.transactional(async (tx) => claim(tx, await findAnswerableInvitation(tx, user, ref), 'declined'));
}

export async function revokeInvitation(em: EntityManager, actor: IVendorMember, invitationId: string) {
  await em.transactional(async (tx) => {
    const invitation = await tx.findOne(Invitation, { id: invitationId, vendor: actor.vendor });
    if (!invitation) throw notFound('Invitation');
    if (invitation.status !== 'pending') throw conflict(`This invitation is already ${invitation.status}`);
    await claim(tx, invitation, 'revoked');
  });
}

async function claim(tx: EntityManager, invitation: IInvitation, status: 'accepted' | 'declined' | 'revoked') {
  const claimed = await tx.nativeUpdate(Invitation, { id: invitation.id, status: 'pending' }, { status, updatedAt: new Date() });
  if (!claimed) throw invalidField(['token'], UNUSABLE);
  invitation.status = status;
}
