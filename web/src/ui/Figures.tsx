import type { ReactNode } from 'react';
import { Skeleton } from './states';

export interface Figure {
  label: string;
  /** Undefined while it loads: a skeleton of the figure's size holds its place. */
  value: ReactNode | undefined;
  className?: string;
}

/** Key figures as a definition list in a grid (stock, sales totals). */
export function Figures({ items, compact = false }: { items: Figure[]; compact?: boolean }) {
  return (
    <dl className={`figures${compact ? ' figures--compact' : ''}`}>
      {items.map((figure) => (
        <div key={figure.label} className={`figure${figure.className ? ` ${figure.className}` : ''}`}>
          <dt>{figure.label}</dt>
          <dd>{figure.value ?? <Skeleton height={compact ? '1.5rem' : '1.75rem'} width="6rem" />}</dd>
        </div>
      ))}
    </dl>
  );
}
