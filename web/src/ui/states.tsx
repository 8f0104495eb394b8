import type { ReactNode } from 'react';
import { describeError } from '../api/errors';
import { Alert } from './Alert';

/** Grey blocks of the content's size while it loads, so nothing jumps when it arrives. */
export function Skeleton({ height = '1.25rem', width = '100%' }: { height?: string; width?: string }) {
  return <span className="skeleton" style={{ height, width }} aria-hidden="true" />;
}

export function LoadingBlock({ label = 'Loading…', height = '8rem' }: { label?: string; height?: string }) {
  return (
    <div className="loading-block" style={{ minHeight: height }} role="status">
      <span className="spinner" aria-hidden="true" />
      <span>{label}</span>
    </div>
  );
}

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="empty-state">
      <p className="empty-state__title">{title}</p>
      {children}
    </div>
  );
}

/** A failed query, in words, with a way to try again. */
export function QueryError({ error, retry }: { error: unknown; retry?: () => void }) {
  return (
    <Alert>
      {describeError(error)}{' '}
      {retry && (
        <button type="button" className="link-button" onClick={retry}>
          Try again
        </button>
      )}
    </Alert>
  );
}

/** Table rows of skeletons, as many as the rows expected, while a table's rows load. */
export function SkeletonRows({ rows, columns }: { rows: number; columns: number }) {
  return Array.from({ length: rows }, (_, n) => (
    <tr key={n}>
      <td colSpan={columns}>
        <Skeleton />
      </td>
    </tr>
  ));
}
