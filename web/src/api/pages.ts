import { infiniteQueryOptions } from '@tanstack/react-query';

/**
 * Keyset-paged lists (`{ items, nextCursor }`) as infinite queries. tRPC's own infiniteQueryOptions
 * adds a `direction` field to the input, which the API's strict inputs refuse; this sends only the
 * cursor. `key` is the procedure's query key, so invalidating the procedure invalidates the pages.
 */
export function keysetPages<TPage extends { nextCursor: string | null }>(key: readonly unknown[], fetchPage: (cursor: string | undefined) => Promise<TPage>) {
  return infiniteQueryOptions({
    queryKey: [...key, 'pages'],
    queryFn: ({ pageParam }) => fetchPage(pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page: TPage) => page.nextCursor ?? undefined,
  });
}
