import { router } from '../../trpc/procedures.js';
import { listAuditProcedure } from './procedures/list.js';

export const auditRouter = router({
  list: listAuditProcedure,
});
