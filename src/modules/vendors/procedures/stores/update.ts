import { z } from 'zod';
import { idSchema } from '../../../../core/ids.js';
import { vendorProcedure } from '../../../../trpc/procedures.js';
import { toStoreDto } from '../../dto.js';
import { storeFields } from '../../schemas.js';
import { updateStore } from '../../services/stores.js';

export const updateStoreProcedure = vendorProcedure
  .input(z.object({ storeId: idSchema, ...storeFields }).partial({ name: true, type: true, address: true }).strict())
  .mutation(async ({ ctx, input }) => {
    const { storeId, ...changes } = input;
    return toStoreDto(await updateStore(ctx.em, ctx.vendor, storeId, changes));
  });
