import { createTRPCClient, httpLink, isTRPCClientError } from '@trpc/client';
import type { AppRouter, RouterOutputs } from '@api/router';

/**
 * The signed-in session: tokens in localStorage, so every tab shares one session. Access tokens
 * live 5 minutes and are refreshed shortly before they expire, one refresh at a time across tabs
 * (Web Locks); a tab that finds another already rotated the tokens takes theirs. Refresh tokens
 * rotate, and two tabs that still refresh with the same one are fine: the server answers the same
 * successor pair for a few seconds.
 */
type Tokens = RouterOutputs['auth']['refresh'];
export interface Session extends Tokens {
  /** When the access token expires, on this browser's clock (the server's may differ). */
  accessExpiresAt: number;
}
/** Why the user is signed out: they asked, or the session ran out (the sign-in page says so). */
export type SignedOutReason = 'signed-out' | 'expired';

const STORAGE_KEY = 'omni-stock.session';
/** Refresh this long before the access token expires, so a request never carries a dying one. */
const REFRESH_EARLY_MS = 30_000;

let current: Session | null = read();
let signedOutReason: SignedOutReason = 'signed-out';
const listeners = new Set<() => void>();

/** Calls that need no token: the refresh itself (and sign-in, register, resets in the screens). */
export const publicClient = createTRPCClient<AppRouter>({ links: [httpLink({ url: '/trpc' })] });

export const session = {
  get: () => current,
  reason: () => signedOutReason,
  subscribe(listener: () => void) {
    listeners.add(listener);
    return () => void listeners.delete(listener);
  },
  start(tokens: Tokens) {
    save(withExpiry(tokens));
  },
  end(reason: SignedOutReason) {
    signedOutReason = reason;
    save(null);
  },
  /** After an UNAUTHORIZED answer: the next request refreshes first. False when there is nothing to refresh. */
  expireAccess(): boolean {
    if (!current) return false;
    current = { ...current, accessExpiresAt: 0 };
    return true;
  },
};

window.addEventListener('storage', (event) => {
  if (event.key !== STORAGE_KEY) return;
  current = read();
  if (!current) signedOutReason = 'signed-out';
  notify();
});

let refreshing: Promise<string | null> | null = null;

/** A usable access token (refreshed when it is about to expire), or null when signed out. */
export async function accessToken(): Promise<string | null> {
  if (!current) return null;
  if (current.accessExpiresAt - REFRESH_EARLY_MS > Date.now()) return current.accessToken;
  refreshing ??= withRefreshLock(refresh).finally(() => (refreshing = null));
  return refreshing;
}

async function refresh(): Promise<string | null> {
  const stored = read(); // another tab may have refreshed while this one waited for the lock
  if (!stored) {
    session.end(current ? 'expired' : 'signed-out');
    return null;
  }
  if (stored.accessToken !== current?.accessToken && stored.accessExpiresAt - REFRESH_EARLY_MS > Date.now()) {
    current = stored;
    return stored.accessToken;
  }
  try {
    const tokens = await publicClient.auth.refresh.mutate({ refreshToken: stored.refreshToken });
    save(withExpiry(tokens));
    return tokens.accessToken;
  } catch (error) {
    // A refresh token the server refuses ends the session; a network failure or an outage does not.
    if (isTRPCClientError(error) && ['UNAUTHORIZED', 'BAD_REQUEST'].includes(error.data?.code as string)) {
      session.end('expired');
      return null;
    }
    throw error;
  }
}

function withRefreshLock<T>(task: () => Promise<T>): Promise<T> {
  // request() answers the callback's promise itself (typed as a promise of one).
  return navigator.locks ? (navigator.locks.request('omni-stock:refresh', task) as unknown as Promise<T>) : task();
}

function withExpiry(tokens: Tokens): Session {
  const { iat, exp } = claims(tokens.accessToken);
  return { ...tokens, accessExpiresAt: Date.now() + (exp - iat) * 1000 };
}

function claims(jwt: string): { iat: number; exp: number } {
  const payload = jwt.split('.')[1] ?? '';
  return JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/')));
}

function save(next: Session | null) {
  current = next;
  if (next) localStorage.setItem(STORAGE_KEY, JSON.stringify(next));
  else localStorage.removeItem(STORAGE_KEY);
  notify();
}

function read(): Session | null {
  try {
    const value: unknown = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null');
    return isSession(value) ? value : null;
  } catch {
    return null;
  }
}

function isSession(value: unknown): value is Session {
  const session = value as Session | null;
  return typeof session?.accessToken === 'string' && typeof session.refreshToken === 'string' && typeof session.accessExpiresAt === 'number';
}

function notify() {
  for (const listener of listeners) listener();
}
