import { authRouter, usersRouter } from './modules/identity/router.js';
import { inventoryRouter, itemsRouter } from './modules/inventory/router.js';
import { mediaRouter } from './modules/media/router.js';
import { invitationsRouter, membersRouter, storesRouter, vendorsRouter } from './modules/vendors/router.js';
import { createRequestContext, type AppServices, type RequestInfo } from './trpc/context.js';
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
});

export type AppRouter = typeof appRouter;

/** The same routers without HTTP, for scripts and tests: `createCaller(services, { accessToken }).users.me()`. */
export const createCaller = (services: AppServices, info: RequestInfo = {}) =>
  appRouter.createCaller(createRequestContext(services, info));
