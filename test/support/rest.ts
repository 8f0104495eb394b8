import type { AppErrorData, RestErrorBody } from '../../src/contract/errors.js';
import { REST_BASE, restRoutes, type RestRoute } from '../../src/rest/routes.js';

export interface Answer {
  status: number;
  body: unknown;
  headers: Headers;
}

export const routeOf = (procedure: string): RestRoute => {
  const route = restRoutes.find((r) => r.procedure === procedure);
  if (!route) throw new Error(`no REST route for ${procedure}`);
  return route;
};

const auth = (token?: string): Record<string, string> => (token ? { authorization: `Bearer ${token}` } : {});

const answer = async (res: Response): Promise<Answer> => ({ status: res.status, body: await res.json(), headers: res.headers });

/** A raw request to /api/v1: `target` is the path and query, e.g. `/items?inStock=false`. */
export const restFetch = async (base: string, method: string, target: string, options: { token?: string; body?: unknown } = {}) =>
  answer(
    await fetch(`${base}${REST_BASE}${target}`, {
      method,
      headers: { ...auth(options.token), ...(options.body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    }),
  );

/**
 * Calls a procedure at its REST route as a REST client would: the path's params from the input,
 * the rest as the query string (GET, each value as text) or as the JSON body. A path param the
 * input lacks is sent as "missing".
 */
export function restCall(base: string, procedure: string, input: Record<string, unknown> = {}, token?: string): Promise<Answer> {
  const route = routeOf(procedure);
  const path = route.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(String(input[name] ?? 'missing')));
  const rest = Object.fromEntries(Object.entries(input).filter(([key, value]) => !route.pathParams.includes(key) && value !== undefined));
  if (route.method !== 'GET') return restFetch(base, route.method, path, { token, body: rest });
  const query = new URLSearchParams(Object.entries(rest).map(([key, value]): [string, string] => [key, String(value)])).toString();
  return restFetch(base, 'GET', query ? `${path}?${query}` : path, { token });
}

/** The same procedure over /trpc (plain JSON): its status and `result.data` or `error`. */
export async function trpcCall(base: string, procedure: string, input?: unknown, token?: string): Promise<Answer> {
  const type = routeOf(procedure).type;
  const res =
    type === 'query'
      ? await fetch(`${base}/trpc/${procedure}${input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`}`, { headers: auth(token) })
      : await fetch(`${base}/trpc/${procedure}`, { method: 'POST', headers: { ...auth(token), 'content-type': 'application/json' }, body: JSON.stringify(input) });
  const { status, body, headers } = await answer(res);
  const { result, error } = body as { result?: { data: unknown }; error?: { message: string; data: AppErrorData } };
  return { status, headers, body: result ? result.data : { message: error!.message, ...error!.data } };
}

/** A REST error body, as the test reads it. */
export const errorOf = (answer: Answer) => answer.body as RestErrorBody;
