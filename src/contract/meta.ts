/**
 * What a procedure declares besides its input and output. `openapi` is its REST route, served
 * under /api/v1 from the same router (src/rest/): GET for queries (the input in the query string),
 * POST, PATCH or DELETE for mutations (a JSON body), resource-style paths such as `/items/{id}`
 * whose `{params}` are input fields. Who may call it comes from src/core/permissions.ts, not from here.
 */
export interface ProcedureMeta {
  [key: string]: unknown;
  openapi?: {
    method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
    path: `/${string}`;
    summary: string;
    description?: string;
    tags: string[];
    /**
     * The errors this procedure answers besides those every procedure of its kind may (BAD_REQUEST
     * for an input, UNAUTHORIZED and FORBIDDEN for its access level): status → when, e.g.
     * `{ 404: 'no such item in the stores you can see', 409: 'not enough stock (available)' }`.
     */
    errorResponses?: Partial<Record<401 | 403 | 404 | 409 | 429 | 503, string>>;
  };
}
