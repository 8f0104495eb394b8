import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { registerInput } from '@api/modules/identity/contract';
import { queryClient } from '../api/client';
import { publicClient, session } from '../api/session';
import { Alert } from '../ui/Alert';
import { Field } from '../ui/Field';
import { useFormSubmit } from '../ui/useFormSubmit';

/** Optional text left empty is not sent. */
const emptyAsMissing = (value: string) => value.trim() || undefined;

/** A new account: with a shop of its own, or joining the shop of `invitationToken`. */
export function RegisterForm({ invitationToken, onRegistered }: { invitationToken?: string; onRegistered: () => void }) {
  const form = useForm({
    resolver: zodResolver(registerInput),
    defaultValues: { email: '', password: '', passwordConfirm: '', firstName: '', lastName: '', vendorName: invitationToken ? undefined : '', invitationToken },
  });
  const { onSubmit, formError, submitting } = useFormSubmit(form, async (values) => {
    const { accessToken, refreshToken } = await publicClient.auth.register.mutate(values);
    queryClient.clear();
    session.start({ accessToken, refreshToken });
    onRegistered();
  });
  const { errors } = form.formState;
  return (
    <form onSubmit={onSubmit} noValidate className="stack">
      <div className="form-row">
        <Field label="First name" error={errors.firstName?.message}>
          <input autoComplete="given-name" {...form.register('firstName', { setValueAs: emptyAsMissing })} />
        </Field>
        <Field label="Last name" error={errors.lastName?.message}>
          <input autoComplete="family-name" {...form.register('lastName', { setValueAs: emptyAsMissing })} />
        </Field>
      </div>
      <Field label="Email" error={errors.email?.message}>
        <input type="email" autoComplete="email" {...form.register('email')} />
      </Field>
      {!invitationToken && (
        <Field label="Shop name" hint="You can change it later, and open more shops." error={errors.vendorName?.message}>
          <input autoComplete="organization" {...form.register('vendorName', { setValueAs: emptyAsMissing })} />
        </Field>
      )}
      <Field label="Password" hint="At least 10 characters." error={errors.password?.message}>
        <input type="password" autoComplete="new-password" {...form.register('password')} />
      </Field>
      <Field label="Repeat the password" error={errors.passwordConfirm?.message}>
        <input type="password" autoComplete="new-password" {...form.register('passwordConfirm')} />
      </Field>
      <Alert>{formError}</Alert>
      <button type="submit" className="button button--primary button--block" disabled={submitting}>
        {submitting ? 'Creating your account…' : invitationToken ? 'Create account and join' : 'Create account'}
      </button>
    </form>
  );
}
