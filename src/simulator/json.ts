/**
 * JSON value types and defensive readers. Everything that crosses the fake's HTTP boundary is decoded into these
 * types first, so handlers never touch `any` and malformed input becomes an `invalid_arguments` answer, not a crash.
 */
export type JsonPrimitive = string | number | boolean | null;
export type JsonValue = JsonPrimitive | JsonValue[] | JsonObject;
export type JsonObject = { [key: string]: JsonValue };

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Parses JSON text; `undefined` when it is not valid JSON (never throws). */
export function parseJson(text: string): JsonValue | undefined {
  try {
    return JSON.parse(text) as JsonValue;
  } catch {
    return undefined;
  }
}

/** A deep, detached copy: the fake hands out plain data, never its live state. */
export function copy<T>(value: T): T {
  return structuredClone(value);
}

/** Serialises through JSON so the result is exactly what a client would read off the wire. */
export function toJson(value: unknown): JsonValue {
  const text = JSON.stringify(value);
  return text === undefined ? null : (JSON.parse(text) as JsonValue);
}

/** Length in Unicode code points, which is how Slack counts characters for its limits. */
export function charLength(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}
