import { appRouter } from './router.js';
import type { AppServices } from './services.js';
import { createRequestContext, type RequestInfo } from './trpc/context.js';

/**
 * The routers without HTTP, for scripts and tests: `createCaller(services, { accessToken }).users.me()`.
 * Like HTTP, every call gets a fresh request context (and EntityManager), so an identity map never
 * carries state from one call to the next.
 */
export const createCaller = (services: AppServices, info: RequestInfo = {}) =>
  appRouter.createCaller(() => ({ request: createRequestContext(services, info) }));

export type Caller = ReturnType<typeof createCaller>;
