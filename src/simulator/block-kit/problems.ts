import { charLength, isJsonObject, type JsonValue } from '../json.js';
import type { SchemaProblem } from './schema.js';

/**
 * Collects validation problems in Slack's wording: `[ERROR] <what> [json-pointer:<where>]`, returned to the caller in
 * `response_metadata.messages` exactly as Slack does (the WebClient logs them).
 */
export class Problems {
  readonly messages: string[] = [];
  private readonly pointers = new Set<string>();

  add(pointer: string, message: string): void {
    this.pointers.add(pointer);
    this.messages.push(`[ERROR] ${message} [json-pointer:${pointer}]`);
  }

  /**
   * The JSON Schema's findings, except where the simulator's own checks already explained the same pointer (one
   * message per field, in the simulator's wording, as the hand-written checks and the schema overlap).
   */
  addSchemaProblems(problems: readonly SchemaProblem[]): void {
    const known = new Set(this.pointers);
    for (const { pointer, message } of problems) {
      if (!known.has(pointer)) this.add(pointer, message);
    }
  }

  get empty(): boolean {
    return this.messages.length === 0;
  }

  /** A string no longer than `max` code points (Slack says "must be less than max+1 characters"). */
  string(
    value: JsonValue | undefined,
    pointer: string,
    max: number,
    opts: { required?: boolean; min?: number } = {},
  ) {
    if (value === undefined || value === null) {
      if (opts.required) this.add(pointer, 'must provide a string');
      return;
    }
    if (typeof value !== 'string') {
      this.add(pointer, 'must provide a string');
      return;
    }
    const length = charLength(value);
    if (length > max) this.add(pointer, `must be less than ${max + 1} characters`);
    const min = opts.min ?? 0;
    if (length < min) this.add(pointer, `must be more than ${min - 1} characters`);
  }

  /** An array of at most `max` items; returns the array (or undefined) so callers can walk it. */
  array(
    value: JsonValue | undefined,
    pointer: string,
    max: number,
    opts: { required?: boolean; min?: number } = {},
  ): JsonValue[] | undefined {
    if (value === undefined || value === null) {
      if (opts.required) this.add(pointer, 'must provide an array');
      return undefined;
    }
    if (!Array.isArray(value)) {
      this.add(pointer, 'must provide an array');
      return undefined;
    }
    if (value.length > max) this.add(pointer, `must be less than ${max + 1} items`);
    const min = opts.min ?? 0;
    if (value.length < min) this.add(pointer, `must provide at least ${min} items`);
    return value;
  }

  boolean(value: JsonValue | undefined, pointer: string, opts: { required?: boolean } = {}): void {
    if (value === undefined || value === null) {
      if (opts.required) this.add(pointer, 'must provide a boolean');
      return;
    }
    if (typeof value !== 'boolean') this.add(pointer, 'must provide a boolean');
  }

  oneOf(value: JsonValue | undefined, pointer: string, allowed: readonly string[]): void {
    if (value === undefined) return;
    if (typeof value !== 'string' || !allowed.includes(value)) {
      this.add(pointer, `must be one of [${allowed.join(', ')}]`);
    }
  }

  /** Text composition object: `{type: plain_text|mrkdwn, text}`. */
  text(
    value: JsonValue | undefined,
    pointer: string,
    max: number,
    opts: { required?: boolean; plainOnly?: boolean } = {},
  ): void {
    if (value === undefined || value === null) {
      if (opts.required) this.add(pointer, 'must provide an object');
      return;
    }
    if (!isJsonObject(value)) {
      this.add(pointer, 'must provide an object');
      return;
    }
    const allowed = opts.plainOnly ? ['plain_text'] : ['plain_text', 'mrkdwn'];
    if (typeof value.type !== 'string' || !allowed.includes(value.type)) {
      this.add(`${pointer}/type`, `must be one of [${allowed.join(', ')}]`);
    }
    this.string(value.text, `${pointer}/text`, max, { required: true, min: 1 });
    if (value.type === 'mrkdwn' && value.emoji !== undefined) {
      this.add(`${pointer}/emoji`, 'is not allowed for mrkdwn text');
    }
  }
}
