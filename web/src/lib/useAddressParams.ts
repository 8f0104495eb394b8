import { useCallback } from 'react';
import { useSearchParams } from 'react-router';

/**
 * The address's query parameters, and a change that starts from the address as it is now.
 * react-router hands a functional update the parameters of the last render, so two changes before
 * the next render (both dates of a range filled at once) would lose the first.
 */
export function useAddressParams() {
  const [params, setParams] = useSearchParams();
  const change = useCallback(
    (next: (current: URLSearchParams) => URLSearchParams) => setParams(next(new URLSearchParams(window.location.search)), { replace: true }),
    [setParams],
  );
  return [params, change] as const;
}
