/**
 * What a TypeScript client imports: the router's type, its inputs and outputs, and the error
 * shapes (tRPC's `error.data` and REST's error body). Types only, nothing of the server:
 * `npm run build:types` writes this file's declarations with their closure to dist/types, which
 * type-check with only @trpc/client, @trpc/server, zod and typescript installed.
 */
export type { AppRouter, RouterInputs, RouterOutputs } from './router.js';
export type { AppErrorCode, AppErrorData, AppErrorShape, RestErrorBody, ValidationIssue } from './contract/errors.js';
