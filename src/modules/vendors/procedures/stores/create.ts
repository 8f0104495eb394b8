import { z } from 'zod';
import { vendorProcedure } from '../../../../trpc/procedures.js';
import { toStoreDto } from '../../dto.js';
import { storeFields } from '../../schemas.js';
import { createStore } from '../../services/stores.js';

export const createStoreProcedure = vendorProcedure
  .input(z.object({ name: storeFields.name, type: storeFields.type.optional(), address: storeFields.address.optional() }).strict())
  .mutation(async ({ ctx, input }) => toStoreDto(await createStore(ctx.em, ctx.vendor, input)));
