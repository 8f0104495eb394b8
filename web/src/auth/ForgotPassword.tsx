import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { Link } from 'react-router';
import { requestPasswordResetInput } from '@api/modules/identity/contract';
import { publicClient } from '../api/session';
import { Alert } from '../ui/Alert';
import { Field } from '../ui/Field';
import { PageHeader } from '../ui/PageHeader';
import { useFormSubmit } from '../ui/useFormSubmit';

export default function ForgotPassword() {
  const [sentTo, setSentTo] = useState<string | null>(null);
  const form = useForm({ resolver: zodResolver(requestPasswordResetInput), defaultValues: { email: '' } });
  const { onSubmit, formError, submitting } = useFormSubmit(form, async (values) => {
    await publicClient.auth.requestPasswordReset.mutate(values);
    setSentTo(values.email);
  });
  return (
    <>
      <PageHeader title="Reset your password" />
      {sentTo ? (
        <Alert tone="success">
          If {sentTo} has an account, a link to choose a new password is on its way. It works once, for one hour.
        </Alert>
      ) : (
        <form onSubmit={onSubmit} noValidate className="stack">
          <p className="muted">Enter your account’s email and we will send you a link to choose a new password.</p>
          <Field label="Email" error={form.formState.errors.email?.message}>
            <input type="email" autoComplete="email" autoFocus {...form.register('email')} />
          </Field>
          <Alert>{formError}</Alert>
          <button type="submit" className="button button--primary button--block" disabled={submitting}>
            {submitting ? 'Sending…' : 'Send the link'}
          </button>
        </form>
      )}
      <p className="public-links">
        <Link to="/sign-in">Back to sign in</Link>
      </p>
    </>
  );
}
