import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { loginInput } from '@api/modules/identity/contract';
import { queryClient } from '../api/client';
import { publicClient, session } from '../api/session';
import { Alert } from '../ui/Alert';
import { Field } from '../ui/Field';
import { PageHeader } from '../ui/PageHeader';
import { useFormSubmit } from '../ui/useFormSubmit';
import { safeNext } from './safeNext';

export default function SignIn() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const form = useForm({ resolver: zodResolver(loginInput), defaultValues: { email: '', password: '' } });
  const { onSubmit, formError, submitting } = useFormSubmit(form, async (values) => {
    const { accessToken, refreshToken } = await publicClient.auth.login.mutate(values);
    queryClient.clear();
    session.start({ accessToken, refreshToken });
    navigate(safeNext(params.get('next')), { replace: true });
  });
  const { errors } = form.formState;
  const next = params.get('next');
  return (
    <>
      <PageHeader title="Sign in" />
      {session.reason() === 'expired' && <Alert tone="info">Your session has ended. Please sign in again.</Alert>}
      <form onSubmit={onSubmit} noValidate className="stack">
        <Field label="Email" error={errors.email?.message}>
          <input type="email" autoComplete="email" autoFocus {...form.register('email')} />
        </Field>
        <Field label="Password" error={errors.password?.message}>
          <input type="password" autoComplete="current-password" {...form.register('password')} />
        </Field>
        <Alert>{formError}</Alert>
        <button type="submit" className="button button--primary button--block" disabled={submitting}>
          {submitting ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
      <p className="public-links">
        <Link to="/forgot-password">Forgot your password?</Link>
        <Link to={next ? `/register?next=${encodeURIComponent(next)}` : '/register'}>Create an account</Link>
      </p>
    </>
  );
}
