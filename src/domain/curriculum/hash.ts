// A tiny, stable string hash: FNV-1a (32-bit) followed by the MurmurHash3 finaliser, so that
// keys differing only in their last characters still land far apart. Deterministic across
// platforms and Node versions; not for security.

export function stringHash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * Returns a copy of `items` in an order that depends only on `salt` and each item's key: the
 * same salt always gives the same order, different salts give different orders, and adding an
 * item never changes the relative order of the others.
 */
export function orderByHash<T>(items: readonly T[], salt: string, key: (item: T) => string): T[] {
  return items
    .map((item) => ({ item, k: key(item), h: stringHash(`${salt}\u0000${key(item)}`) }))
    .sort((a, b) => a.h - b.h || (a.k < b.k ? -1 : a.k > b.k ? 1 : 0))
    .map((entry) => entry.item);
}
