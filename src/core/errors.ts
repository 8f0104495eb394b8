import type { AppErrorCode, ValidationIssue } from '../contract/errors.js';

/**
 * Domain errors. Services throw these; the tRPC error map (src/trpc/errors.ts) turns them into
 * tRPC codes, and their `data` travels to the client in `error.data`.
 */
export class AppError extends Error {
  constructor(
    readonly code: Exclude<AppErrorCode, 'INTERNAL_SERVER_ERROR'>,
    message: string,
    readonly data: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const notFound = (what: string) => new AppError('NOT_FOUND', `${what} not found`);

export const forbidden = (message: string) => new AppError('FORBIDDEN', message);

export const unauthorized = (message = 'Authentication required') => new AppError('UNAUTHORIZED', message);

export const conflict = (message: string, data: Record<string, unknown> = {}) => new AppError('CONFLICT', message, data);

/** A rule on one input field, reported like a validation issue so clients handle both alike. */
export const invalidField = (path: (string | number)[], message: string) =>
  new AppError('BAD_REQUEST', message, { issues: [{ path, message }] });

/** Input rules broken on several fields, with the message the error formatter gives validation errors. */
export const invalidInput = (issues: ValidationIssue[]) => new AppError('BAD_REQUEST', describeIssues(issues), { issues });

export function describeIssues(issues: ValidationIssue[]): string {
  return `Invalid input: ${issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`;
}

export const tooManyRequests = (retryAfterSeconds: number) =>
  new AppError('TOO_MANY_REQUESTS', `Too many attempts; retry in ${retryAfterSeconds} s`, { retryAfter: retryAfterSeconds });

/** The server is saturated, not the client at fault: retry after `retryAfterSeconds`. */
export const serviceUnavailable = (message: string, retryAfterSeconds: number) =>
  new AppError('SERVICE_UNAVAILABLE', message, { retryAfter: retryAfterSeconds });
