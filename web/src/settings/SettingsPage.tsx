import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { updateVendorInput } from '@api/modules/vendors/contract';
import { queryClient, trpc } from '../api/client';
import { useVendor } from '../auth/useMe';
import { numberText, optionalText } from '../lib/formSchemas';
import { Alert } from '../ui/Alert';
import { Field } from '../ui/Field';
import { PageHeader } from '../ui/PageHeader';
import { useFormSubmit } from '../ui/useFormSubmit';

const fields = updateVendorInput.shape;
const settingsForm = z.object({
  name: fields.name.unwrap(),
  description: optionalText(fields.description),
  logoUrl: optionalText(fields.logoUrl),
  currency: fields.currency.unwrap(),
  lowStockThreshold: numberText(fields.lowStockThreshold.unwrap(), true),
  timeZone: fields.timeZone.unwrap(),
  taxRate: fields.taxRate.unwrap(),
});
const currencies = Intl.supportedValuesOf('currency');
/** The browser's IANA zones, with UTC (not every browser lists it) and the shop's own, should the browser lack it. */
const timeZones = (current: string) => [...new Set(['UTC', current, ...Intl.supportedValuesOf('timeZone')])].sort();
const currencyName = new Intl.DisplayNames(undefined, { type: 'currency' });

/** The shop's own settings: name, currency, when stock counts as low, the time zone reports count days in, the tax rate of sales. */
export default function SettingsPage() {
  const vendor = useVendor();
  const [saved, setSaved] = useState(false);
  const form = useForm({
    resolver: zodResolver(settingsForm),
    defaultValues: {
      name: vendor.name,
      description: vendor.description ?? '',
      logoUrl: vendor.logoUrl ?? '',
      currency: vendor.currency,
      lowStockThreshold: String(vendor.lowStockThreshold),
      timeZone: vendor.timeZone,
      taxRate: vendor.taxRate,
    },
  });
  const update = useMutation(trpc.vendors.update.mutationOptions());
  const { onSubmit, formError, submitting } = useFormSubmit(form, async (values) => {
    setSaved(false);
    const next = await update.mutateAsync(values);
    queryClient.setQueryData(trpc.vendors.current.queryKey(), next);
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.users.me.queryKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.vendors.list.queryKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.inventory.pathKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.items.pathKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.reports.pathKey() }),
    ]);
    setSaved(true);
  });
  const { errors } = form.formState;
  return (
    <>
      <PageHeader title="Shop settings" />
      <form onSubmit={onSubmit} noValidate className="panel stack narrow">
        <Field label="Shop name" error={errors.name?.message}>
          <input autoComplete="organization" {...form.register('name')} />
        </Field>
        <Field label="Description" error={errors.description?.message}>
          <textarea rows={3} {...form.register('description')} />
        </Field>
        <Field label="Logo URL" hint="An https address of your logo." error={errors.logoUrl?.message}>
          <input type="url" autoComplete="url" {...form.register('logoUrl')} />
        </Field>
        <div className="form-row">
          <Field label="Currency" hint="Prices and values are shown in it." error={errors.currency?.message}>
            <select {...form.register('currency')}>
              {currencies.map((code) => (
                <option key={code} value={code}>
                  {code} · {currencyName.of(code)}
                </option>
              ))}
            </select>
          </Field>
          <Field label="Low stock at" hint="Items with this many units or fewer (but not none) count as low." error={errors.lowStockThreshold?.message}>
            <input inputMode="numeric" autoComplete="off" {...form.register('lowStockThreshold')} />
          </Field>
        </div>
        <div className="form-row">
          <Field label="Time zone" hint="Reports count days, weeks and months in it." error={errors.timeZone?.message}>
            <select {...form.register('timeZone')}>
              {timeZones(vendor.timeZone).map((zone) => (
                <option key={zone} value={zone}>
                  {zone.replace(/_/g, ' ')}
                </option>
              ))}
            </select>
          </Field>
          <Field label="Tax rate (%)" hint="Added to every sale from now on; up to 3 decimals, such as 8.875. 0 for none." error={errors.taxRate?.message}>
            <input inputMode="decimal" autoComplete="off" {...form.register('taxRate')} />
          </Field>
        </div>
        <Alert>{formError}</Alert>
        <Alert tone="success">{saved && 'Settings saved.'}</Alert>
        <div className="button-row">
          <button type="submit" className="button button--primary" disabled={submitting}>
            {submitting ? 'Saving…' : 'Save settings'}
          </button>
        </div>
      </form>
    </>
  );
}
