/** What a use case answers: the value, or why not in words for the person who asked. */
export type Outcome<T = void> =
  | { ok: true; value: T }
  | { ok: false; reason: RefusalReason; message: string };

export const success = <T>(value: T): Outcome<T> => ({ ok: true, value });

export type RefusalReason = 'forbidden' | 'not-found' | 'conflict' | 'invalid';

export const refusal = (reason: RefusalReason, message: string) => ({ ok: false, reason, message }) as const;

export const ONLY_OWNERS = 'Only program owners can do that. Ask one of them if you think you should be one.';
