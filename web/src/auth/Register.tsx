import { Link, useNavigate, useSearchParams } from 'react-router';
import { PageHeader } from '../ui/PageHeader';
import { RegisterForm } from './RegisterForm';
import { safeNext } from './safeNext';

export default function Register() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const next = params.get('next');
  return (
    <>
      <PageHeader title="Create your account">
        <p className="muted">Set up your shop in a minute: add stores, items and your team afterwards.</p>
      </PageHeader>
      <RegisterForm onRegistered={() => navigate(safeNext(next), { replace: true })} />
      <p className="public-links">
        <Link to={next ? `/sign-in?next=${encodeURIComponent(next)}` : '/sign-in'}>I already have an account</Link>
      </p>
    </>
  );
}
