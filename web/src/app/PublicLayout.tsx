import { Suspense } from 'react';
import { Outlet } from 'react-router';
import { LoadingBlock } from '../ui/states';
import { Logo } from './Logo';

/** Sign-in, registration, password reset and invitations: one centred card. */
export function PublicLayout() {
  return (
    <div className="public-layout">
      <main id="main" className="public-card">
        <Logo />
        <Suspense fallback={<LoadingBlock height="20rem" />}>
          <Outlet />
        </Suspense>
      </main>
    </div>
  );
}
