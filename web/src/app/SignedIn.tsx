import { useQuery } from '@tanstack/react-query';
import { Suspense } from 'react';
import { Navigate, Outlet, useLocation } from 'react-router';
import { hasRole } from '../auth/roles';
import { meQuery, useMe, useSession } from '../auth/useMe';
import type { MemberRole } from '@api/modules/vendors/contract';
import { PageHeader } from '../ui/PageHeader';
import { LoadingBlock, QueryError } from '../ui/states';
import { NoVendor } from './NoVendor';
import { ScreenErrorBoundary } from './ScreenErrorBoundary';
import { Shell } from './Shell';

/** Every signed-in screen: the user (and whether they have a shop to work in) is loaded before any of them renders. */
export function SignedIn() {
  const tokens = useSession();
  const location = useLocation();
  const me = useQuery({ ...meQuery(), enabled: tokens !== null });
  if (!tokens) {
    const next = location.pathname === '/' ? '' : `?next=${encodeURIComponent(location.pathname + location.search)}`;
    return <Navigate to={`/sign-in${next}`} replace />;
  }
  if (me.isError) {
    return (
      <main id="main" className="public-layout">
        <QueryError error={me.error} retry={() => void me.refetch()} />
      </main>
    );
  }
  if (!me.data) return <LoadingBlock height="100vh" />;
  if (!me.data.vendor) return <NoVendor />;
  return (
    <Shell>
      <ScreenErrorBoundary>
        <Suspense fallback={<LoadingBlock height="50vh" />}>
          <Outlet />
        </Suspense>
      </ScreenErrorBoundary>
    </Shell>
  );
}

/** Screens for a minimum role; the server refuses the calls anyway, this says so in words. */
export function RequireRole({ minimum }: { minimum: MemberRole }) {
  const me = useMe();
  if (hasRole(me.member?.role, minimum)) return <Outlet />;
  return (
    <>
      <PageHeader title="Not available to you" />
      <p>
        This page is for {minimum === 'admin' ? 'admins and owners' : `members with the ${minimum} role or higher`}. Your role in{' '}
        {me.vendor?.name} is {me.member?.role}; ask an owner if you need more access.
      </p>
    </>
  );
}
