// Kept apart from orm.ts, so that the cluster's primary can report start-up problems without loading MikroORM.

/** A start-up failure worth one clear line (no stack): the database cannot be reached or migrated. */
export class DatabaseStartError extends Error {}

/** host:port/database of a URL, without credentials. */
export const describeServer = (url: string) => {
  const { hostname, port, pathname } = new URL(url);
  return `${hostname}:${port || 5432}${pathname}`;
};

export function messageOf(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  // A refused connection to localhost is an AggregateError (IPv4 and IPv6) with no message of its own.
  const code = (error as { code?: string }).code;
  return (error.message || code || error.name).split('\n')[0]!;
}
