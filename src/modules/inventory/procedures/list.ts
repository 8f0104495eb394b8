import { z } from 'zod';
import { idSchema } from '../../../core/ids.js';
import { moneySchema } from '../../../core/money.js';
import { paginationFields } from '../../../core/pagination.js';
import { vendorProcedure } from '../../../trpc/procedures.js';
import { gradingCompanies, itemCategories, itemStatuses } from '../entities.js';
import { itemSorts, listItems } from '../selectors/list-items.js';

const filterText = (max: number) => z.string().trim().min(1).max(max);

export const listItemsInput = z
  .object({
    search: filterText(200).optional(),
    category: z.enum(itemCategories).optional(),
    condition: filterText(100).optional(),
    status: z.enum(itemStatuses).default('active'),
    storeId: idSchema.optional(),
    language: filterText(50).optional(),
    marketRegion: filterText(50).optional(),
    game: filterText(100).optional(),
    setName: filterText(255).optional(),
    gradingCompany: z.enum(gradingCompanies).optional(),
    minPrice: moneySchema.optional(),
    maxPrice: moneySchema.optional(),
    inStock: z.boolean().optional(),
    lowStock: z.boolean().optional(),
    sort: z.enum(itemSorts).default('createdAt'),
    order: z.enum(['asc', 'desc']).default('desc'),
    ...paginationFields,
  })
  .strict();

export const listItemsProcedure = vendorProcedure
  .input(listItemsInput.default({ status: 'active', sort: 'createdAt', order: 'desc', limit: 50 }))
  .query(({ ctx, input }) => listItems(ctx.em, ctx, input));
