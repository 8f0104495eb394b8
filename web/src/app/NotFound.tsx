import { Link } from 'react-router';
import { PageHeader } from '../ui/PageHeader';

export function NotFound() {
  return (
    <>
      <PageHeader title="Page not found" />
      <p>There is no page at this address. <Link to="/">Go to the dashboard</Link>.</p>
    </>
  );
}
