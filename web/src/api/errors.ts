import { isTRPCClientError } from '@trpc/client';
import type { FieldValues, Path, UseFormSetError } from 'react-hook-form';
import type { AppErrorData } from '@api/contract/errors';

/** The server's error data, when the error came from the server at all. */
export function errorData(error: unknown): AppErrorData | null {
  return isTRPCClientError(error) && error.data ? (error.data as AppErrorData) : null;
}

const minutes = (seconds: number) => (seconds < 90 ? `${seconds} seconds` : `${Math.ceil(seconds / 60)} minutes`);

/** One sentence a shop owner understands, for any failed call. */
export function describeError(error: unknown): string {
  const data = errorData(error);
  const message = isTRPCClientError(error) ? error.message : '';
  if (!data) {
    return typeof navigator !== 'undefined' && !navigator.onLine
      ? 'You are offline. Check your connection and try again.'
      : 'The server could not be reached. Check your connection and try again.';
  }
  switch (data.code) {
    case 'BAD_REQUEST':
      return data.issues?.length ? `Please check: ${data.issues.map(issueText).join('; ')}.` : sentence(message);
    case 'UNAUTHORIZED':
      return message === 'Invalid email or password' ? 'The email or password is not correct.' : 'Your session has ended. Please sign in again.';
    case 'FORBIDDEN':
      return `You do not have permission to do this. ${sentence(message)}`;
    case 'NOT_FOUND':
      return 'This could not be found. It may have been deleted, or it belongs to a store you cannot see.';
    case 'CONFLICT':
    case 'PAYLOAD_TOO_LARGE':
      return sentence(message);
    case 'TOO_MANY_REQUESTS':
      return `Too many attempts. Please wait ${minutes(data.retryAfter ?? 60)} and try again.`;
    case 'SERVICE_UNAVAILABLE':
      return 'The server is busy or its database is unavailable. Please try again in a moment.';
    default:
      return 'Something went wrong on the server. Please try again; if it keeps happening, tell your administrator.';
  }
}

function issueText(issue: { path: (string | number)[]; message: string }) {
  return issue.path.length ? `${issue.path.join(' ')} ${issue.message}` : issue.message;
}

/** "must not be empty" → "Must not be empty."; server messages are lower-case fragments or sentences. */
export function sentence(text: string): string {
  const trimmed = text.trim();
  if (!trimmed) return '';
  const capital = trimmed[0]!.toUpperCase() + trimmed.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}

/**
 * Puts the server's answer on the form: every BAD_REQUEST issue on the field at its path (the
 * forms name their fields as the API does), a CONFLICT's `field` on that field. Answers what is
 * left for the form as a whole, or null when every problem landed on a field.
 */
export function applyServerErrors<T extends FieldValues>(error: unknown, setError: UseFormSetError<T>, fields: readonly string[]): string | null {
  const data = errorData(error);
  const known = (path: string) => fields.includes(path);
  if (data?.code === 'BAD_REQUEST' && data.issues?.length) {
    const unplaced = data.issues.filter((issue) => {
      // The field itself, or the list it is in ("images.2.url" lands on "images").
      const path = issue.path.map((_, n) => issue.path.slice(0, issue.path.length - n).join('.')).find(known);
      if (!path) return true;
      setError(path as Path<T>, { type: 'server', message: sentence(issue.message) });
      return false;
    });
    return unplaced.length ? `Please check: ${unplaced.map(issueText).join('; ')}.` : null;
  }
  if (data?.code === 'CONFLICT' && data.field && known(data.field)) {
    // The database's own duplicate answer names only the field; the services' answers are sentences.
    const generic = isTRPCClientError(error) && error.message === `${data.field} is already taken`;
    setError(data.field as Path<T>, { type: 'server', message: generic ? 'Already in use: choose another.' : describeError(error) });
    return null;
  }
  return describeError(error);
}
