import { isJsonObject, type JsonObject, type JsonValue, parseJson } from '../json.js';
import type { SimState } from '../state/index.js';

export interface CallContext {
  state: SimState;
  params: JsonObject;
}

/** A Web API answer before serialisation: `{ok:true, …}` or `{ok:false, error, response_metadata?}`. */
export type ApiBody = { ok: boolean } & Record<string, unknown>;

export type Handler = (ctx: CallContext) => ApiBody;

/** Thrown by the param readers; the dispatcher turns it into Slack's `invalid_arguments` answer. */
export class ArgumentError extends Error {
  constructor(readonly messages: string[]) {
    super(messages.join('; '));
  }
}

export function ok(fields: Record<string, unknown> = {}): ApiBody {
  return { ok: true, ...fields };
}

export function fail(error: string, messages?: readonly string[]): ApiBody {
  return messages && messages.length > 0
    ? { ok: false, error, response_metadata: { messages: [...messages] } }
    : { ok: false, error };
}

function missing(key: string): ArgumentError {
  return new ArgumentError([`[ERROR] missing required field: ${key} [json-pointer:/${key}]`]);
}

function wrongType(key: string, what: string): ArgumentError {
  return new ArgumentError([`[ERROR] must provide ${what} [json-pointer:/${key}]`]);
}

/**
 * Defensive readers for decoded params. Form bodies carry everything as strings ("true", "200"), JSON bodies carry
 * real types; both are accepted the way Slack accepts them.
 */
export const param = {
  str(params: JsonObject, key: string): string | undefined {
    const value = params[key];
    if (value === undefined || value === null || value === '') return undefined;
    if (typeof value === 'string') return value;
    if (typeof value === 'number') return String(value);
    throw wrongType(key, 'a string');
  },

  required(params: JsonObject, key: string): string {
    const value = param.str(params, key);
    if (value === undefined) throw missing(key);
    return value;
  },

  bool(params: JsonObject, key: string): boolean {
    const value = params[key];
    return value === true || value === 'true' || value === '1' || value === 1;
  },

  int(params: JsonObject, key: string): number | undefined {
    const value = params[key];
    if (value === undefined || value === null || value === '') return undefined;
    const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : Number.NaN;
    if (!Number.isInteger(n)) throw wrongType(key, 'an integer');
    return n;
  },

  /** A JSON-typed argument: already parsed by the body decoder, or a JSON string (JSON bodies may nest either). */
  json(params: JsonObject, key: string): JsonValue | undefined {
    const value = params[key];
    if (typeof value !== 'string') return value ?? undefined;
    const parsed = parseJson(value);
    if (parsed === undefined)
      throw new ArgumentError([`[ERROR] failed to parse JSON [json-pointer:/${key}]`]);
    return parsed;
  },

  object(params: JsonObject, key: string): JsonObject | undefined {
    const value = param.json(params, key);
    if (value === undefined || value === null) return undefined;
    if (!isJsonObject(value)) throw wrongType(key, 'an object');
    return value;
  },
};
