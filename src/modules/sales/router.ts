import { router } from '../../trpc/procedures.js';
import { createSaleProcedure } from './procedures/create.js';
import { getSaleProcedure } from './procedures/get.js';
import { listSalesProcedure } from './procedures/list.js';
import { returnSaleProcedure } from './procedures/return.js';
import { voidSaleProcedure } from './procedures/void.js';

export const salesRouter = router({
  create: createSaleProcedure,
  get: getSaleProcedure,
  list: listSalesProcedure,
  void: voidSaleProcedure,
  return: returnSaleProcedure,
});
