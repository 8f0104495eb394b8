/**
 * Domain errors. Services throw these; the tRPC error map (src/trpc/errors.ts) turns them into
 * tRPC codes, and their `data` travels to the client in `error.data`.
 */
export type AppErrorCode =
  | 'BAD_REQUEST'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'PAYLOAD_TOO_LARGE'
  | 'TOO_MANY_REQUESTS'
  | 'SERVICE_UNAVAILABLE';

export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
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

export const tooManyRequests = (retryAfterSeconds: number) =>
  new AppError('TOO_MANY_REQUESTS', `Too many attempts; retry in ${retryAfterSeconds} s`, { retryAfter: retryAfterSeconds });
