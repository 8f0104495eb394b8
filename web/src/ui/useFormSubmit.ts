import { useState } from 'react';
import type { FieldValues, UseFormReturn } from 'react-hook-form';
import { applyServerErrors } from '../api/errors';

/** The leaf paths of a form's values ("name", "cardDetails.grade", "images"): where server issues may land. */
export function fieldPaths(values: unknown, prefix = ''): string[] {
  if (typeof values !== 'object' || values === null || Array.isArray(values)) return [prefix];
  return Object.entries(values).flatMap(([key, value]) => fieldPaths(value, prefix ? `${prefix}.${key}` : key));
}

/**
 * A form's submit handler: runs `action` with the validated values and puts a failure on the form,
 * each server issue on its field and the rest in `formError` (shown above the buttons).
 */
export function useFormSubmit<TInput extends FieldValues, TOutput>(
  form: UseFormReturn<TInput, unknown, TOutput>,
  action: (values: TOutput) => Promise<unknown>,
) {
  const [formError, setFormError] = useState<string | null>(null);
  const onSubmit = form.handleSubmit(async (values) => {
    setFormError(null);
    try {
      await action(values);
    } catch (error) {
      setFormError(applyServerErrors(error, form.setError, fieldPaths(form.getValues())));
    }
  });
  return { onSubmit, formError, submitting: form.formState.isSubmitting };
}
