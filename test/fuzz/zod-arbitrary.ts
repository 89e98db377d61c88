import fc from 'fast-check';
import type { z } from 'zod';

// A small zod 4 → fast-check converter for the subset the payload schemas use: object (strict or passthrough),
// string, number, boolean, literal, enum, array (with min/max), record, optional, nullable/nullish, default, union,
// unknown/any. `hint` lets the caller replace any path with its own arbitrary (realistic ids reach deeper code).

export type Path = readonly (string | number)[];
export type Hint = (path: Path, schema: z.ZodType) => fc.Arbitrary<unknown> | undefined;

interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  catchall?: z.ZodType;
  innerType?: z.ZodType;
  element?: z.ZodType;
  keyType?: z.ZodType;
  valueType?: z.ZodType;
  values?: readonly unknown[];
  entries?: Record<string, string | number>;
  options?: readonly z.ZodType[];
  defaultValue?: unknown;
  checks?: readonly { _zod: { def: { check: string; minimum?: number; maximum?: number } } }[];
  in?: z.ZodType;
}

export function defOf(schema: z.ZodType): Def {
  return (schema as unknown as { _zod: { def: Def } })._zod.def;
}

function lengthBounds(def: Def): { min: number; max: number } {
  let min = 0;
  let max = 4;
  for (const check of def.checks ?? []) {
    const c = check._zod.def;
    if (c.check === 'min_length' && c.minimum !== undefined) min = c.minimum;
    if (c.check === 'max_length' && c.maximum !== undefined) max = c.maximum;
  }
  return { min, max: Math.max(min, max) };
}

/** Strings people and Slack actually send, plus the awkward ones. */
export const awkwardString = fc.oneof(
  { weight: 4, arbitrary: fc.string({ maxLength: 24 }) },
  {
    weight: 1,
    arbitrary: fc.constantFrom('', ' ', '__proto__', 'constructor', 'toString', 'null', '0', '-1', '1e309'),
  },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }) },
);

/** A JSON value of any shape (for "wrong type" and passthrough fields). */
export const anyJson: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  awkwardString,
  fc.array(fc.oneof(fc.integer(), awkwardString), { maxLength: 3 }),
  fc.dictionary(awkwardString, fc.oneof(fc.integer(), awkwardString), { maxKeys: 3 }),
);

/** An arbitrary of values the schema accepts (mostly: refinements beyond the subset are not modelled). */
export function arbitraryFor(schema: z.ZodType, hint?: Hint, path: Path = []): fc.Arbitrary<unknown> {
  const hinted = hint?.(path, schema);
  if (hinted) return hinted;
  const def = defOf(schema);
  switch (def.type) {
    case 'string':
      return awkwardString;
    case 'number':
      return fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }));
    case 'boolean':
      return fc.boolean();
    case 'literal':
      return fc.constantFrom(...(def.values ?? [null]));
    case 'enum':
      return fc.constantFrom(...Object.values(def.entries ?? {}));
    case 'unknown':
    case 'any':
      return anyJson;
    case 'optional':
      return fc.option(arbitraryFor(def.innerType!, hint, path), { nil: undefined });
    case 'nullable':
      return fc.option(arbitraryFor(def.innerType!, hint, path), { nil: null });
    case 'default':
    case 'prefault':
      return fc.option(arbitraryFor(def.innerType!, hint, path), { nil: undefined });
    case 'pipe':
      return arbitraryFor(def.in!, hint, path);
    case 'union':
      return fc.oneof(...(def.options ?? []).map((o) => arbitraryFor(o, hint, path)));
    case 'array': {
      const { min, max } = lengthBounds(def);
      return fc.array(arbitraryFor(def.element!, hint, [...path, 0]), { minLength: min, maxLength: max });
    }
    case 'record':
      return fc
        .array(
          fc.tuple(
            arbitraryFor(def.keyType!, hint, [...path, '*key']).map(String),
            arbitraryFor(def.valueType!, hint, [...path, '*']),
          ),
          { maxLength: 3 },
        )
        .map((entries) => objectFrom(entries));
    case 'object': {
      const shape = def.shape ?? {};
      const keys = Object.keys(shape);
      const fields = keys.map((key) => arbitraryFor(shape[key]!, hint, [...path, key]));
      const passthrough = def.catchall !== undefined && defOf(def.catchall).type !== 'never';
      const extras = passthrough
        ? fc.array(fc.tuple(fc.string({ minLength: 1, maxLength: 8 }), anyJson), { maxLength: 2 })
        : fc.constant([] as [string, unknown][]);
      return fc.tuple(fc.tuple(...fields), extras).map(([values, extra]) => {
        const entries: [string, unknown][] = [...extra.filter(([k]) => !keys.includes(k))];
        keys.forEach((key, i) => {
          if (values[i] !== undefined) entries.push([key, values[i]]);
        });
        return objectFrom(entries);
      });
    }
    default:
      throw new Error(
        `zod-arbitrary: no generator for zod type "${def.type}" at ${path.join('.') || '(root)'}`,
      );
  }
}

/** Builds an object with these own keys, "__proto__" included (assignment would set the prototype instead). */
export function objectFrom(entries: readonly (readonly [string, unknown])[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of entries) {
    Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

function unwrap(schema: z.ZodType): z.ZodType {
  let current = schema;
  for (;;) {
    const def = defOf(current);
    if (['optional', 'nullable', 'default', 'prefault'].includes(def.type) && def.innerType)
      current = def.innerType;
    else if (def.type === 'pipe' && def.in) current = def.in;
    else return current;
  }
}

/** Paths of the object keys the schema names (not records' or passthrough's extra keys), arrays as index 0. */
export function namedPaths(schema: z.ZodType, path: Path = []): Path[] {
  const current = unwrap(schema);
  const def = defOf(current);
  if (def.type === 'object') {
    return Object.entries(def.shape ?? {}).flatMap(([key, field]) => [
      [...path, key],
      ...namedPaths(field, [...path, key]),
    ]);
  }
  if (def.type === 'array' && def.element) return namedPaths(def.element, [...path, 0]);
  return [];
}
