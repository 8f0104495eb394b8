import type { UseFormReturn } from 'react-hook-form';
import type { z } from 'zod';
import { manualReasons, type stockAdjustForm } from '../lib/formSchemas';
import { reasonLabels } from '../lib/format';
import { Field } from '../ui/Field';

export type StockAdjustForm = UseFormReturn<z.input<typeof stockAdjustForm>, unknown, z.output<typeof stockAdjustForm>>;
export const stockAdjustDefaults: z.input<typeof stockAdjustForm> = { direction: 'add', units: '1', reason: 'intake', note: '' };

/** Units in or out, why, and a note: the quick adjust on the item page and the bulk adjust share these. */
export function StockAdjustFields({ form }: { form: StockAdjustForm }) {
  const { errors } = form.formState;
  return (
    <>
      <div className="form-row">
        <Field label="Change" error={errors.direction?.message}>
          <select {...form.register('direction')}>
            <option value="add">Add units</option>
            <option value="remove">Remove units</option>
          </select>
        </Field>
        <Field label="Units" error={errors.units?.message}>
          <input inputMode="numeric" autoComplete="off" {...form.register('units')} />
        </Field>
      </div>
      <Field label="Reason" error={errors.reason?.message}>
        <select {...form.register('reason')}>
          {manualReasons.map((reason) => (
            <option key={reason} value={reason}>
              {reasonLabels[reason]}
            </option>
          ))}
        </select>
      </Field>
      <Field label="Note (optional)" error={errors.note?.message}>
        <input autoComplete="off" {...form.register('note')} />
      </Field>
    </>
  );
}
