import type { JsonObject } from './json.js';

/**
 * What `failNext` makes the fake do instead of answering normally:
 * - `{ error }`: HTTP 200 `{ok:false, error}` (a platform error; the WebClient does not retry it);
 * - `{ status: 429, retryAfter }`: rate limited, with a Retry-After header in seconds;
 * - `{ status: 500 | 502 | 503 }`: a server error (the WebClient retries it per its retryConfig);
 * - `{ drop: true }`: the socket is destroyed without an answer (a network failure);
 * - `{ hang: true }`: the request is held open and never answered, and nothing it asked for happens — a
 *   process killed while waiting here has sent nothing (for crash tests).
 */
export type InjectedFailure =
  | { error: string; messages?: string[] }
  | { status: 429; retryAfter: number }
  | { status: 500 | 502 | 503 }
  | { drop: true }
  | { hang: true };

export interface FailNextOptions {
  /** How many matching calls fail (default 1). */
  times?: number;
  /** Only calls whose decoded params satisfy this fail (others pass and do not use up `times`). */
  match?: (params: Readonly<JsonObject>) => boolean;
}

interface Pending {
  method: string;
  failure: InjectedFailure;
  remaining: number;
  match?: FailNextOptions['match'];
}

/** Queued failures, consumed in the order they were added. `'*'` matches every method. */
export class FailureQueue {
  private pending: Pending[] = [];

  add(method: string, failure: InjectedFailure, options: FailNextOptions = {}): void {
    const times = options.times ?? 1;
    if (!Number.isInteger(times) || times < 1) throw new RangeError('times must be a positive integer');
    if ('status' in failure && failure.status === 429 && !(failure.retryAfter >= 0)) {
      throw new RangeError('retryAfter must be a number of seconds');
    }
    this.pending.push({ method, failure, remaining: times, match: options.match });
  }

  take(method: string, params: JsonObject): InjectedFailure | undefined {
    const entry = this.pending.find(
      (p) =>
        (p.method === method || p.method === '*') &&
        (p.match === undefined || p.match(structuredClone(params))),
    );
    if (!entry) return undefined;
    entry.remaining--;
    if (entry.remaining === 0) this.pending = this.pending.filter((p) => p !== entry);
    return entry.failure;
  }

  clear(): void {
    this.pending = [];
  }
}
