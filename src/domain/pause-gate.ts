// What happens to a message when someone it would reach is taking a break. A pause stops every DM to that
// person and to their pair's group DM — the notices about a pause or a return (sent to the partner) excepted.
// Pure: the pauses and "now" come in; the outbox sender acts on the answer just before sending.

import type { OutboxKind } from './outbox.js';

export interface PauseState {
  /** Null: until they resume by hand. */
  until: Date | null;
}

/** Send it; drop it (its moment is gone, or it is moot); or hold it back until then and look again. */
export type PauseDecision = 'send' | 'cancel' | Date;

/** Weekly messages whose moment passes: sent during a pause they would be out of date, so they are dropped. */
const MOMENTARY: ReadonlySet<OutboxKind> = new Set(['prompt', 'checkin', 'reminder']);
/** News about the partner's own break: moot to someone who is on a break themselves. */
const PARTNER_NEWS: ReadonlySet<OutboxKind> = new Set(['partner-update']);
/** Messages to someone in their role as program owner, or to a channel: a participant's pause doesn't apply. */
const NOT_TO_A_PARTICIPANT: ReadonlySet<OutboxKind> = new Set(['owner-alert', 'launch-report', 'summary']);

/** Is this a message to someone as a participant (so pauses and delivery windows apply)? */
export function isToAParticipant(kind: OutboxKind): boolean {
  return !NOT_TO_A_PARTICIPANT.has(kind);
}

/** An indefinite pause is looked at again this often, so the message goes soon after the person resumes. */
export const INDEFINITE_PAUSE_RECHECK_MS = 6 * 60 * 60 * 1000;

/**
 * The decision for a message of `kind` to people of whom `paused` are on a break at `now` (their pauses;
 * people not paused are left out). Everything else that can wait — an introduction, the fit check, the
 * thank-you, the survey, a partner's news that they left — waits until the last of the pauses ends.
 */
export function duringPause(kind: OutboxKind, paused: readonly PauseState[], now: Date): PauseDecision {
  const active = paused.filter((p) => p.until === null || p.until > now);
  if (active.length === 0 || NOT_TO_A_PARTICIPANT.has(kind)) return 'send';
  if (MOMENTARY.has(kind) || PARTNER_NEWS.has(kind)) return 'cancel';
  if (active.some((p) => p.until === null)) return new Date(now.getTime() + INDEFINITE_PAUSE_RECHECK_MS);
  return new Date(Math.max(...active.map((p) => p.until!.getTime())));
}
