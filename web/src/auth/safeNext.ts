/** A `?next=` target only when it is a path of this app (never another site). */
export const safeNext = (next: string | null) => (next && next.startsWith('/') && !next.startsWith('//') ? next : '/');
