/**
 * SQLite caps the number of bound parameters in one statement (32,766 here); a cohort of tens of thousands
 * of people would pass it in an `IN (…)` list. Queries over id lists go through this in slices instead.
 */
export const IN_LIST_CHUNK = 5_000;

export function inChunks<T, R>(ids: readonly T[], query: (slice: T[]) => R[]): R[] {
  const out: R[] = [];
  for (let i = 0; i < ids.length; i += IN_LIST_CHUNK) out.push(...query(ids.slice(i, i + IN_LIST_CHUNK)));
  return out;
}
