import { z } from 'zod';
import { idSchema } from '../../../../core/ids.js';
import { memberRoles } from '../../../../core/roles.js';
import { vendorProcedure } from '../../../../trpc/procedures.js';
import { toMemberDto } from '../../dto.js';
import { updateMemberRole } from '../../services/members.js';

export const updateMemberRoleProcedure = vendorProcedure
  .input(z.object({ memberId: idSchema, role: z.enum(memberRoles) }).strict())
  .mutation(async ({ ctx, input }) => toMemberDto(await updateMemberRole(ctx.em, ctx.member, input.memberId, input.role)));
