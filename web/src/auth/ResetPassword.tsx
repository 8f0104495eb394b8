import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { Link, useSearchParams } from 'react-router';
import { z } from 'zod';
import { resetPasswordInput } from '@api/modules/identity/contract';
import { publicClient } from '../api/session';
import { Alert } from '../ui/Alert';
import { Field } from '../ui/Field';
import { PageHeader } from '../ui/PageHeader';
import { useFormSubmit } from '../ui/useFormSubmit';

const resetForm = resetPasswordInput
  .extend({ passwordConfirm: z.string() })
  .refine((v) => v.password === v.passwordConfirm, { path: ['passwordConfirm'], message: 'does not match the password' });

export default function ResetPassword() {
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const [done, setDone] = useState(false);
  const form = useForm({ resolver: zodResolver(resetForm), defaultValues: { token, password: '', passwordConfirm: '' } });
  const { onSubmit, formError, submitting } = useFormSubmit(form, async ({ token, password }) => {
    await publicClient.auth.resetPassword.mutate({ token, password });
    setDone(true);
  });
  const { errors } = form.formState;
  if (!token) {
    return (
      <>
        <PageHeader title="Choose a new password" />
        <Alert>This page needs the link from the reset mail. <Link to="/forgot-password">Ask for a new link</Link>.</Alert>
      </>
    );
  }
  return (
    <>
      <PageHeader title="Choose a new password" />
      {done ? (
        <Alert tone="success">
          Your password is changed and every other session is signed out. <Link to="/sign-in">Sign in</Link> with the new password.
        </Alert>
      ) : (
        <form onSubmit={onSubmit} noValidate className="stack">
          <Field label="New password" hint="At least 10 characters." error={errors.password?.message}>
            <input type="password" autoComplete="new-password" autoFocus {...form.register('password')} />
          </Field>
          <Field label="Repeat the new password" error={errors.passwordConfirm?.message}>
            <input type="password" autoComplete="new-password" {...form.register('passwordConfirm')} />
          </Field>
          {errors.token && (
            <Alert>
              This link can no longer be used (it works once, for one hour). <Link to="/forgot-password">Ask for a new link</Link>.
            </Alert>
          )}
          <Alert>{formError}</Alert>
          <button type="submit" className="button button--primary button--block" disabled={submitting}>
            {submitting ? 'Saving…' : 'Save the new password'}
          </button>
        </form>
      )}
    </>
  );
}
