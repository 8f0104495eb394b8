import type { startHttpApp } from './http.js';

/** An export's JSON error body: REST's error fields under `error`. */
export interface ExportError {
  code: string;
  message: string;
  httpStatus: number;
  issues?: { path: (string | number)[]; message: string }[];
}

/** GET of one export route (`/exports/items.csv`) on a test server, as a client with this token would send it. */
export const exportGetter = (server: () => Awaited<ReturnType<typeof startHttpApp>>, route: string) => (query: string, token?: string) =>
  fetch(`${server().baseUrl}${route}${query}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

export const exportErrorOf = async (res: Response): Promise<ExportError> => ((await res.json()) as { error: ExportError }).error;
