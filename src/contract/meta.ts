/**
 * What a procedure declares besides its input and output. `openapi` is its REST route, served
 * under /api/v1 from the same router (trpc-to-openapi reads it): GET for queries, POST, PATCH or
 * DELETE for mutations, resource-style paths such as `/items/{id}`.
 */
export interface ProcedureMeta {
  [key: string]: unknown;
  openapi?: {
    method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
    path: `/${string}`;
    summary?: string;
    description?: string;
    tags?: string[];
    /** Needs `Authorization: Bearer <access token>` (default true for authed and vendor procedures). */
    protect?: boolean;
    successDescription?: string;
    errorResponses?: number[] | Record<number, string>;
  };
}
