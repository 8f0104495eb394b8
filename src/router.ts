import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import { auditRouter } from './modules/audit/router.js';
import { authRouter, usersRouter } from './modules/identity/router.js';
import { importsRouter } from './modules/imports/router.js';
import { inventoryRouter, itemsRouter } from './modules/inventory/router.js';
import { mediaRouter } from './modules/media/router.js';
import { reportsRouter } from './modules/reports/router.js';
import { salesRouter } from './modules/sales/router.js';
import { invitationsRouter, membersRouter, storesRouter, vendorsRouter } from './modules/vendors/router.js';
import { router } from './trpc/procedures.js';

export const appRouter = router({
  auth: authRouter,
  users: usersRouter,
  vendors: vendorsRouter,
  stores: storesRouter,
  media: mediaRouter,
  members: membersRouter,
  invitations: invitationsRouter,
  items: itemsRouter,
  inventory: inventoryRouter,
  sales: salesRouter,
  reports: reportsRouter,
  imports: importsRouter,
  audit: auditRouter,
});

/** What TypeScript clients import: every procedure's input and output, and nothing of the server. */
export type AppRouter = typeof appRouter;
export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;
