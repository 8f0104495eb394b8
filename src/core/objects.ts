/** The object without its `undefined` values: an optional key sent as undefined means "not given". */
export const definedOnly = <T extends object>(value: T): T =>
  Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as T;
