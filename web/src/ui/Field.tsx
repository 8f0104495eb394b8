import { cloneElement, useId, type ReactElement, type ReactNode } from 'react';
import { sentence } from '../api/errors';

interface FieldProps {
  label: string;
  /** The message under the control (client-side validation or the server's). */
  error?: string;
  hint?: ReactNode;
  /** One input, select or textarea; it gets the id, aria-describedby and aria-invalid. */
  children: ReactElement<{ id?: string; 'aria-describedby'?: string; 'aria-invalid'?: boolean }>;
  className?: string;
}

/** A labelled form control with its hint and error, wired for screen readers. */
export function Field({ label, error, hint, children, className }: FieldProps) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  return (
    <div className={`field${error ? ' field--invalid' : ''}${className ? ` ${className}` : ''}`}>
      <label htmlFor={id}>{label}</label>
      {cloneElement(children, {
        id,
        'aria-describedby': [hintId, errorId].filter(Boolean).join(' ') || undefined,
        'aria-invalid': error ? true : undefined,
      })}
      {hint && <p className="field__hint" id={hintId}>{hint}</p>}
      {error && <p className="field__error" id={errorId}>{sentence(error)}</p>}
    </div>
  );
}

/** A checkbox with its label on the right. */
export function CheckboxField({ label, children }: { label: string; children: ReactElement<{ id?: string }> }) {
  const id = useId();
  return (
    <div className="checkbox-field">
      {cloneElement(children, { id })}
      <label htmlFor={id}>{label}</label>
    </div>
  );
}
