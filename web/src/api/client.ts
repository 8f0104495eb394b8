import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { createTRPCClient, httpBatchLink, httpLink, isTRPCClientError, retryLink, splitLink } from '@trpc/client';
import { createTRPCOptionsProxy } from '@trpc/tanstack-react-query';
import type { AppRouter } from '@api/router';
import { accessToken, session } from './session';

const headers = async () => {
  const token = await accessToken();
  return token ? { authorization: `Bearer ${token}` } : {};
};

/** The server takes at most 20 calls a batch (MAX_BATCH_SIZE in src/app.ts). */
const MAX_BATCH = 20;

export const trpcClient = createTRPCClient<AppRouter>({
  links: [
    // An access token the server refused (expired early, clock skew) is refreshed and the call sent once more.
    retryLink({
      retry: ({ op, error, attempts }) =>
        attempts === 1 && error.data?.code === 'UNAUTHORIZED' && !op.path.startsWith('auth.') && session.expireAccess(),
    }),
    // Password calls travel alone: the server allows one bcrypt call per request.
    splitLink({
      condition: (op) => op.path.startsWith('auth.'),
      true: httpLink({ url: '/trpc', headers }),
      false: httpBatchLink({ url: '/trpc', maxItems: MAX_BATCH, headers }),
    }),
  ],
});

/** UNAUTHORIZED after a refresh means the session is gone: back to the sign-in page. */
const endSessionOn = (error: unknown) => {
  if (isTRPCClientError(error) && error.data?.code === 'UNAUTHORIZED' && session.get()) session.end('expired');
};

export const queryClient = new QueryClient({
  queryCache: new QueryCache({ onError: endSessionOn }),
  mutationCache: new MutationCache({ onError: endSessionOn }),
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      // Errors a retry cannot fix (a missing item, no permission, bad input) are shown at once.
      retry: (failures, error) =>
        failures < 2 && !(isTRPCClientError(error) && ['BAD_REQUEST', 'UNAUTHORIZED', 'FORBIDDEN', 'NOT_FOUND'].includes(error.data?.code as string)),
    },
  },
});

export const trpc = createTRPCOptionsProxy<AppRouter>({ client: trpcClient, queryClient });
