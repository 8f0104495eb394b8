import { initTRPC } from '@trpc/server';
import { AppError } from '../core/errors.js';
import type { RequestContext } from './context.js';

interface ValidationIssue {
  path: PropertyKey[];
  message: string;
}

const isValidationError = (cause: unknown): cause is { issues: ValidationIssue[] } =>
  typeof cause === 'object' && cause !== null && Array.isArray((cause as { issues?: unknown }).issues);

/** Plain JSON on the wire (no transformer); no stack traces; validation issues with field paths. */
export const t = initTRPC.context<RequestContext>().create({
  errorFormatter({ shape, error }) {
    const cause = error.cause;
    const internal = error.code === 'INTERNAL_SERVER_ERROR';
    const issues = !(cause instanceof AppError) && isValidationError(cause)
      ? cause.issues.map((i) => ({ path: i.path.map((k) => (typeof k === 'symbol' ? String(k) : k)), message: i.message }))
      : undefined;
    const data: Record<string, unknown> & { code: string; httpStatus: number; path?: string } = {
      code: shape.data.code,
      httpStatus: shape.data.httpStatus,
      path: shape.data.path,
      ...(issues ? { issues } : {}),
      ...(cause instanceof AppError ? cause.data : {}),
    };
    return {
      code: shape.code,
      message: internal ? 'Internal server error' : issues ? describeIssues(issues) : shape.message,
      data,
    };
  },
});

function describeIssues(issues: { path: (string | number)[]; message: string }[]): string {
  return `Invalid input: ${issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`;
}
