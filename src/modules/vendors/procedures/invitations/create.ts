import { vendorProcedure } from '../../../../trpc/procedures.js';
import { deliver } from '../../../mail/mailer.js';
import { createdInvitationOutput, createInvitationInput } from '../../contract.js';
import { toInvitationDto } from '../../dto.js';
import { invitationMail } from '../../mail.js';
import { createInvitation } from '../../services/invitations.js';

export const createInvitationProcedure = vendorProcedure
  .input(createInvitationInput)
  .output(createdInvitationOutput)
  .mutation(async ({ ctx, input }) => {
    const { invitation, token } = await createInvitation(ctx.em, ctx.member, input);
    const mail = invitationMail(ctx.services.config, invitation.email, ctx.vendor.name, invitation.role, token);
    const mailed = await deliver(ctx.services.mailer, ctx.log, mail);
    return { ...toInvitationDto(invitation), token, mailed };
  });
