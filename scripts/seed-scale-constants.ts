/** The password of every owner scripts/seed-scale.ts creates (bench-items.ts signs in with it). */
export const SCALE_PASSWORD = 'scale password 123';
