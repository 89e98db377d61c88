import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Ajv2020, ErrorObject, Options } from 'ajv/dist/2020.js';
import type { JsonObject, JsonValue } from '../json.js';

/**
 * Block Kit payloads checked against an independent JSON Schema of Block Kit (vendored in `./schema/`, see its
 * SOURCE.md). ajv is a dev dependency: only the simulator (tests, `npm run demo`) imports this module, never `start`.
 *
 * The schema is compiled once per process, on the first payload. Compiling it takes ~0.5–0.9 s, so the generated
 * validator code is also cached as a module under `node_modules/.cache/reverse-mentor-block-kit/` (keyed by a hash of
 * the schema, this module's source and the ajv version); later processes load it in ~20–60 ms. If that folder cannot
 * be written, the simulator compiles in memory in each process instead.
 */

/** Which schema root a payload is validated against: message blocks, a modal view, or a Home tab view. */
export type SchemaRoot = 'message' | 'modal' | 'home';

export interface SchemaProblem {
  pointer: string;
  message: string;
}

type Validate = ((data: unknown) => boolean) & { errors?: ErrorObject[] | null };
export type SchemaValidators = Record<SchemaRoot, Validate>;

const SCHEMA_ID = 'slack-block-kit';
const ROOTS: Record<SchemaRoot, JsonObject> = {
  // Message blocks: the simulator's own checks enforce 50 blocks per message and accept `blocks: []`.
  message: { $id: 'root-message', type: 'array', items: { $ref: `${SCHEMA_ID}#/$defs/block` } },
  modal: { $id: 'root-modal', $ref: `${SCHEMA_ID}#/$defs/modal_view` },
  home: { $id: 'root-home', $ref: `${SCHEMA_ID}#/$defs/home_view` },
};

/**
 * The schema's `format: "uri"` (ajv-formats' RFC 3986 URI) as a pattern, so the generated code needs no format
 * plugin: a scheme, then only characters a URI may contain (no spaces, no raw non-ASCII) with valid %-escapes.
 */
export const URI_PATTERN =
  "^[A-Za-z][A-Za-z0-9+.-]*:(?:[A-Za-z0-9._~:/?#\\[\\]@!$&'()*+,;=-]|%[0-9A-Fa-f]{2})+$";

/** Every error (Slack lists them all); `type`-tagged unions; refs as shared functions and no messages: less code. */
const AJV_OPTIONS: Options = {
  allErrors: true,
  strict: false,
  discriminator: true,
  validateSchema: false,
  inlineRefs: false,
  messages: false,
};

const SCHEMA_IN_SOURCES = join('src', 'simulator', 'block-kit', 'schema', 'block-kit.schema.json');

/**
 * The checkout this module runs from: the nearest folder above it holding the vendored schema in `src/`. That is the
 * package root from src/ (vitest), dist/ (`npm run demo`), dist-bench/ and the soak build alike: tsc does not copy
 * JSON into its output, so the schema is always read from the sources.
 */
function checkoutRoot(): string {
  const start = dirname(fileURLToPath(import.meta.url));
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, SCHEMA_IN_SOURCES))) return dir;
    if (dirname(dir) === dir)
      throw new Error(`Block Kit schema not found: no ${SCHEMA_IN_SOURCES} above ${start}`);
  }
}

/** The vendored schema file. */
export function schemaPath(): string {
  return join(checkoutRoot(), SCHEMA_IN_SOURCES);
}

let shared: SchemaValidators | undefined;

function sharedValidators(): SchemaValidators {
  shared ??= loadValidatorsOrOwnRulesOnly();
  return shared;
}

/** Accepts everything: the simulator's own rules still apply (see blocks.ts, elements.ts, limits.ts). */
const accept = Object.assign(() => true, { errors: null }) as unknown as SchemaValidators['message'];

/**
 * The schema's validators; where the schema or ajv isn't installed — the Docker image has neither the sources nor
 * dev dependencies, yet `reverse-mentor demo` runs there — the simulator's own rules only, said once on stderr.
 * Tests can't pass that way unnoticed: test/simulator/block-kit-schema.test.ts expects refusals only the schema makes.
 */
function loadValidatorsOrOwnRulesOnly(): SchemaValidators {
  try {
    return loadValidators();
  } catch (error) {
    process.stderr.write(
      `The loopback Slack checks Block Kit with its own rules only here (${error instanceof Error ? error.message.split('\n')[0] : String(error)}).\n`,
    );
    return { message: accept, modal: accept, home: accept };
  }
}

/**
 * Validates `value` against a schema root; problems carry JSON pointers under `prefix` (`/blocks`, `/view`). Uses the
 * process-wide validators unless given others (tests compare the cached code with a fresh in-memory compile).
 */
export function schemaProblems(
  root: SchemaRoot,
  value: JsonValue,
  prefix: string,
  validators?: SchemaValidators,
): SchemaProblem[] {
  const validate = (validators ?? sharedValidators())[root];
  if (validate(value)) return [];
  return describeErrors(validate.errors ?? [], prefix);
}

/** The validators from the cache, or compiled now (and cached for the next process). */
function loadValidators(): SchemaValidators {
  const checkout = checkoutRoot();
  const schemaText = readFileSync(join(checkout, SCHEMA_IN_SOURCES), 'utf8');
  const cacheDir = join(checkout, 'node_modules', '.cache', 'reverse-mentor-block-kit');
  const require = createRequire(import.meta.url);
  const ajvVersion = (require('ajv/package.json') as { version: string }).version;
  // This module's own text is part of the key, so a change to the preparation, roots or options is a new entry.
  const key = createHash('sha256')
    .update(schemaText)
    .update(readFileSync(fileURLToPath(import.meta.url)))
    .update(ajvVersion)
    .digest('hex')
    .slice(0, 20);
  const cached = join(cacheDir, `validators-${key}.cjs`);
  try {
    const loaded = require(cached) as Partial<SchemaValidators>;
    if (loaded.message && loaded.modal && loaded.home) return loaded as SchemaValidators;
  } catch {
    // Not cached yet (or unreadable): compile below.
  }
  const { validators, code } = compile(schemaText);
  try {
    mkdirSync(cacheDir, { recursive: true });
    const temp = `${cached}.${process.pid}.tmp`;
    writeFileSync(temp, code());
    renameSync(temp, cached);
    pruneCache(cacheDir);
  } catch {
    // A read-only checkout: keep the in-memory validators.
  }
  return validators;
}

/** A fresh in-memory compile of the vendored schema, bypassing the cache. */
export function compileSchemaValidators(): SchemaValidators {
  return compile(readFileSync(schemaPath(), 'utf8')).validators;
}

function compile(schemaText: string): { validators: SchemaValidators; code: () => string } {
  const require = createRequire(import.meta.url);
  // Loaded only when compiling: a cached validator needs nothing but ajv's small runtime helpers.
  const Ajv = (require('ajv/dist/2020.js') as { Ajv2020: typeof Ajv2020 }).Ajv2020;
  const ajv = new Ajv({ ...AJV_OPTIONS, code: { source: true } });
  ajv.addSchema(prepareSchema(JSON.parse(schemaText) as JsonObject), SCHEMA_ID);
  const validators = {} as SchemaValidators;
  const refs = {} as Record<SchemaRoot, string>;
  for (const [root, rootSchema] of Object.entries(ROOTS) as [SchemaRoot, JsonObject][]) {
    ajv.addSchema(rootSchema);
    refs[root] = String(rootSchema.$id);
    validators[root] = ajv.getSchema(refs[root]) as Validate;
  }
  const standaloneCode = require('ajv/dist/standalone/index.js') as (
    a: Ajv2020,
    refs: Record<SchemaRoot, string>,
  ) => string;
  return { validators, code: () => standaloneCode(ajv, refs) };
}

/** Keeps the few newest cached validators (src, dist… each have their own key: the module's text differs). */
function pruneCache(dir: string): void {
  const entries = readdirSync(dir)
    .filter((name) => /^validators-\w+\.cjs$/.test(name))
    .map((name) => ({ path: join(dir, name), mtime: statSync(join(dir, name)).mtimeMs }))
    .sort((a, b) => b.mtime - a.mtime);
  for (const stale of entries.slice(4)) rmSync(stale.path, { force: true });
}

/** The union definitions whose branches all carry a distinct `type` const: ajv picks the branch by `type`. */
function prepareSchema(original: JsonObject): JsonObject {
  const schema = structuredClone(original);
  const defs = schema.$defs as Record<string, JsonObject>;
  const resolve = (branch: JsonValue): JsonObject | undefined => {
    if (!isObject(branch)) return undefined;
    const ref = branch.$ref;
    if (typeof ref === 'string' && ref.startsWith('#/$defs/')) return defs[ref.slice('#/$defs/'.length)];
    return branch;
  };
  const typeOf = (branch: JsonObject | undefined): JsonObject | undefined => {
    const props = branch?.properties;
    const type = isObject(props) ? props.type : undefined;
    const required = branch?.required;
    return isObject(type) && Array.isArray(required) && required.includes('type') ? type : undefined;
  };
  walk(schema, (node) => {
    if (node.format === 'uri') {
      delete node.format;
      node.allOf = [...(Array.isArray(node.allOf) ? node.allOf : []), { pattern: URI_PATTERN }];
    }
    const oneOf = node.oneOf;
    if (!Array.isArray(oneOf)) return;
    // A branch that is itself a union of `type`-tagged refs (context elements: image | text_object) is flattened.
    const flat = oneOf.flatMap((branch) => {
      const target = resolve(branch);
      const inner = target?.oneOf;
      return target && target !== branch && Array.isArray(inner) && inner.every((b) => typeOf(resolve(b)))
        ? inner
        : [branch];
    });
    // A branch `allOf: [{$ref: plain_text_object}, {…tighter limits}]` gets its `type` restated beside the allOf.
    const tagged = flat.map((branch) => {
      if (typeOf(resolve(branch)) || !isObject(branch) || !Array.isArray(branch.allOf)) return branch;
      const type = typeOf(resolve(branch.allOf[0] ?? null));
      return type ? { ...branch, properties: { type }, required: ['type'] } : branch;
    });
    const tags = tagged.map((branch) => {
      const type = typeOf(resolve(branch));
      return type && (type.const !== undefined || Array.isArray(type.enum))
        ? JSON.stringify(type)
        : undefined;
    });
    if (tags.every((t) => t !== undefined) && new Set(tags).size === tags.length) {
      node.oneOf = tagged;
      node.discriminator = { propertyName: 'type' };
    }
  });
  return schema;
}

function walk(node: JsonValue, visit: (node: JsonObject) => void): void {
  if (Array.isArray(node)) {
    for (const item of node) walk(item, visit);
    return;
  }
  if (!isObject(node)) return;
  visit(node);
  for (const value of Object.values(node)) walk(value, visit);
}

function isObject(value: JsonValue | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const UMBRELLAS = new Set(['oneOf', 'anyOf']);

/**
 * ajv's errors in the simulator's (Slack's) wording: `{pointer, message}` for `[ERROR] <message> [json-pointer:…]`.
 * Inline `oneOf`/`anyOf` branches (image_url vs slack_file, options vs option_groups, text vs fields) collapse into
 * one message on the object; `if` umbrellas are dropped in favour of the `then` errors they carry.
 */
export function describeErrors(errors: readonly ErrorObject[], prefix: string): SchemaProblem[] {
  const umbrellas = errors.filter((e) => UMBRELLAS.has(e.keyword));
  const branchOf = (e: ErrorObject) =>
    umbrellas.find(
      (u) =>
        u !== e &&
        (e.instancePath === u.instancePath || e.instancePath.startsWith(`${u.instancePath}/`)) &&
        e.schemaPath.startsWith(`${u.schemaPath}/`),
    );
  const out: SchemaProblem[] = [];
  const seen = new Set<string>();
  for (const error of errors) {
    if (error.keyword === 'if' || branchOf(error)) continue;
    const problem = describe(error, prefix, errors);
    const id = `${problem.pointer}\n${problem.message}`;
    if (seen.has(id)) continue;
    seen.add(id);
    out.push(problem);
  }
  return out;
}

function describe(error: ErrorObject, prefix: string, all: readonly ErrorObject[]): SchemaProblem {
  const at = `${prefix}${error.instancePath}`;
  const params = error.params as Record<string, unknown>;
  const child = (name: unknown) => `${at}/${String(name).replaceAll('~', '~0').replaceAll('/', '~1')}`;
  const limit = Number(params.limit);
  switch (error.keyword) {
    case 'required':
      return {
        pointer: child(params.missingProperty),
        message: `missing required field: ${params.missingProperty}`,
      };
    case 'additionalProperties':
      return {
        pointer: child(params.additionalProperty),
        message: `unexpected field: ${params.additionalProperty}`,
      };
    case 'discriminator':
      if (params.error === 'mapping') {
        return { pointer: `${at}/type`, message: `unsupported type ${JSON.stringify(params.tagValue)} here` };
      }
      return params.tagValue === undefined
        ? { pointer: `${at}/type`, message: 'missing required field: type' }
        : { pointer: `${at}/type`, message: 'must provide a string' };
    case 'type': {
      const type = String(params.type).split(',')[0] ?? 'value';
      return { pointer: at, message: `must provide ${/^[aeiou]/.test(type) ? 'an' : 'a'} ${type}` };
    }
    case 'const':
      return { pointer: at, message: `must be one of [${String(params.allowedValue)}]` };
    case 'enum':
      return {
        pointer: at,
        message: `must be one of [${(params.allowedValues as unknown[]).map(String).join(', ')}]`,
      };
    case 'maxLength':
      return { pointer: at, message: `must be less than ${limit + 1} characters` };
    case 'minLength':
      return { pointer: at, message: `must be more than ${limit - 1} characters` };
    case 'maxItems':
      return { pointer: at, message: `must be less than ${limit + 1} items` };
    case 'minItems':
      return { pointer: at, message: `must provide at least ${limit} items` };
    case 'uniqueItems':
      return { pointer: at, message: 'must not contain duplicate items' };
    case 'minProperties':
      return { pointer: at, message: `must provide at least ${limit} fields` };
    case 'minimum':
      return { pointer: at, message: `must be at least ${limit}` };
    case 'maximum':
      return { pointer: at, message: `must be at most ${limit}` };
    case 'exclusiveMinimum':
      return { pointer: at, message: `must be greater than ${limit}` };
    case 'pattern':
      return params.pattern === URI_PATTERN
        ? { pointer: at, message: 'must provide a valid URL' }
        : { pointer: at, message: `must match the pattern ${String(params.pattern)}` };
    case 'oneOf':
    case 'anyOf': {
      const names = all
        .filter(
          (e) =>
            e.keyword === 'required' &&
            e.instancePath === error.instancePath &&
            e.schemaPath.startsWith(`${error.schemaPath}/`),
        )
        .map((e) => String((e.params as Record<string, unknown>).missingProperty));
      if (names.length === 0) return { pointer: at, message: 'failed to match exactly one allowed schema' };
      const which = error.keyword === 'oneOf' ? 'exactly one' : 'at least one';
      return { pointer: at, message: `must provide ${which} of ${names.join(', ')}` };
    }
    default:
      return { pointer: at, message: error.message ?? `failed the ${error.keyword} rule` };
  }
}
