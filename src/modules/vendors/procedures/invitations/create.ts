import { z } from 'zod';
import { memberRoles } from '../../../../core/roles.js';
import { emailSchema } from '../../../../core/text.js';
import { vendorProcedure } from '../../../../trpc/procedures.js';
import { deliver } from '../../../mail/mailer.js';
import { toInvitationDto } from '../../dto.js';
import { invitationMail } from '../../mail.js';
import { createInvitation } from '../../services/invitations.js';

/** The token is answered once, for a shareable link; `mailed: false` when the mail could not go out. */
export const createInvitationProcedure = vendorProcedure
  .input(z.object({ email: emailSchema, role: z.enum(memberRoles) }).strict())
  .mutation(async ({ ctx, input }) => {
    const { invitation, token } = await createInvitation(ctx.em, ctx.member, input);
    const mail = invitationMail(ctx.services.config, invitation.email, ctx.vendor.name, invitation.role, token);
    const mailed = await deliver(ctx.services.mailer, ctx.log, mail);
    return { ...toInvitationDto(invitation), token, mailed };
  });
