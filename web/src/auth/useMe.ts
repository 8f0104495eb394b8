import { useQuery, useSuspenseQuery } from '@tanstack/react-query';
import { useSyncExternalStore } from 'react';
import { trpc } from '../api/client';
import { session } from '../api/session';
import { hasRole } from './roles';
import type { MemberRole } from '@api/modules/vendors/contract';

/** The session's tokens (null when signed out), re-rendering on sign-in, sign-out and other tabs. */
export const useSession = () => useSyncExternalStore(session.subscribe, session.get);

export const meQuery = () => trpc.users.me.queryOptions(undefined, { staleTime: 60_000 });

/** The signed-in user, their vendor and role; only inside the signed-in shell (it loads them first). */
export function useMe() {
  return useSuspenseQuery(meQuery()).data;
}

/** Whether the signed-in member has at least `minimum` in the current vendor. */
export function useCan(minimum: MemberRole): boolean {
  const { data } = useQuery(meQuery());
  return hasRole(data?.member?.role, minimum);
}

/** The current vendor's settings (currency, low-stock threshold). */
export const vendorQuery = () => trpc.vendors.current.queryOptions(undefined, { staleTime: 5 * 60_000 });

/** The current vendor; inside the signed-in shell, which loads it first. */
export function useVendor() {
  return useSuspenseQuery(vendorQuery()).data;
}
