// Reading and editing JSON by path, keeping "__proto__" and friends as ordinary own keys.

export type Path = readonly (string | number)[];
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

export function get(root: unknown, path: Path): unknown {
  let current: unknown = root;
  for (const step of path) {
    if (Array.isArray(current) && typeof step === 'number') current = current[step];
    else if (isObject(current) && Object.hasOwn(current, String(step))) current = current[String(step)];
    else return undefined;
  }
  return current;
}

export function has(root: unknown, path: Path): boolean {
  if (path.length === 0) return true;
  const parent = get(root, path.slice(0, -1));
  const last = path.at(-1)!;
  if (Array.isArray(parent)) return typeof last === 'number' && last < parent.length;
  return isObject(parent) && Object.hasOwn(parent, String(last));
}

function define(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** Sets the value at `path` (creating objects on the way); returns false when an array or scalar is in the way. */
export function set(root: unknown, path: Path, value: unknown): boolean {
  if (path.length === 0) return false;
  let current: unknown = root;
  for (const step of path.slice(0, -1)) {
    if (Array.isArray(current) && typeof step === 'number') current = current[step];
    else if (isObject(current)) {
      if (!Object.hasOwn(current, String(step)) || typeof current[String(step)] !== 'object') {
        define(current, String(step), {});
      }
      current = current[String(step)];
    } else return false;
  }
  const last = path.at(-1)!;
  if (Array.isArray(current) && typeof last === 'number') {
    current[last] = value;
    return true;
  }
  if (!isObject(current)) return false;
  define(current, String(last), value);
  return true;
}

export function remove(root: unknown, path: Path): boolean {
  const parent = get(root, path.slice(0, -1));
  const last = path.at(-1);
  if (Array.isArray(parent) && typeof last === 'number') {
    parent.splice(last, 1);
    return true;
  }
  if (isObject(parent) && last !== undefined && Object.hasOwn(parent, String(last))) {
    delete parent[String(last)];
    return true;
  }
  return false;
}

/** Renames a key in place (the new key keeps the old one's position last; order doesn't matter to JSON readers). */
export function rename(root: unknown, path: Path, to: string): boolean {
  const parent = get(root, path.slice(0, -1));
  const last = path.at(-1);
  if (!isObject(parent) || last === undefined || !Object.hasOwn(parent, String(last))) return false;
  const value = parent[String(last)];
  delete parent[String(last)];
  define(parent, to, value);
  return true;
}

/** Every path in the value (objects and arrays included), skipping subtrees named in `skip`. */
export function paths(root: unknown, skip: ReadonlySet<string> = new Set(), prefix: Path = []): Path[] {
  const out: Path[] = [];
  if (Array.isArray(root)) {
    root.forEach((v, i) => {
      out.push([...prefix, i]);
      out.push(...paths(v, skip, [...prefix, i]));
    });
  } else if (isObject(root)) {
    for (const key of Object.keys(root)) {
      if (skip.has(key)) {
        out.push([...prefix, key]);
        continue;
      }
      out.push([...prefix, key]);
      out.push(...paths(root[key], skip, [...prefix, key]));
    }
  }
  return out;
}

/** A deep copy through JSON (own "__proto__" keys survive: JSON.parse makes them own properties). */
export function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

export const showPath = (path: Path): string => path.map(String).join('.');
