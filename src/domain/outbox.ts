import type { KnownBlock } from '@slack/types';

// What the app sends, as data: decided by pure code, delivered later by the outbox sender.

export type OutboxKind =
  | 'intro'
  | 'unmatched'
  | 'launch-report'
  | 'prompt'
  | 'checkin'
  | 'reminder'
  | 'wrap-up'
  | 'thanks'
  | 'owner-alert'
  | 'cohort-cancelled'
  | 'partner-left'
  | 'partner-update'
  | 'fit-check'
  | 'survey'
  | 'survey-reminder'
  | 'summary';

export type OutboxTarget =
  | { kind: 'user'; userId: string }
  | { kind: 'pair'; pairId: number }
  | { kind: 'channel'; channelId: string };

export interface MessagePayload {
  type: 'message';
  text: string;
  blocks?: KnownBlock[];
  /**
   * Set on private notes to owners: the note's own key and whose private answer it carries, so a note that
   * can't reach its owner (removed, deactivated) goes to another owner or back to waiting, never lost.
   */
  note?: { key: string; raisedBy: string | null };
}

/** Summaries are rendered when sent (figures as of delivery) and carry a chart, so they are their own type. */
export interface SummaryPayload {
  type: 'summary';
  cohortId: number;
  milestone: 'halfway' | 'final' | 'on-demand';
  requestedBy: string | null;
}

/**
 * What is left of a payload once it was purged: after the retention period for finished rows, or at once
 * when the person it concerned deleted their data. The row itself stays (its key keeps decisions idempotent).
 */
export interface PurgedPayload {
  type: 'purged';
}

/**
 * What a stored payload reads as when its JSON can't be parsed (a hand edit, a torn write, an old release):
 * the row can't be delivered and fails on its own, without stopping anything else.
 */
export interface UnreadablePayload {
  type: 'unreadable';
}

export type OutboxPayload = MessagePayload | SummaryPayload | PurgedPayload | UnreadablePayload;

export const PURGED_PAYLOAD: PurgedPayload = Object.freeze({ type: 'purged' });

export const UNREADABLE_PAYLOAD: UnreadablePayload = Object.freeze({ type: 'unreadable' });

/** Finished messages keep their payload this long by default (OUTBOX_RETENTION_DAYS), then only the row. */
export const DEFAULT_RETENTION_DAYS = 30;

export interface OutboxDraft {
  kind: OutboxKind;
  /** Unique: the same decision made twice (two ticks, a retry) inserts one row. */
  dedupeKey: string;
  target: OutboxTarget;
  payload: OutboxPayload;
  cohortId?: number | null;
  pairId?: number | null;
  userId?: string | null;
  cycle?: number | null;
  /** Not sent before this instant (defaults to when it is inserted). */
  notBefore?: Date;
}

/** Why a pending row waits, as its error code records: someone it would reach is on a break… */
export const WAITING_FOR_PAUSE = 'waiting_for_pause';
/** …or it is outside a recipient's delivery window (night, weekend). */
export const WAITING_FOR_WINDOW = 'waiting_for_window';

export type OutboxState = 'pending' | 'sending' | 'sent' | 'failed' | 'cancelled';

export interface OutboxRow extends Required<Omit<OutboxDraft, 'notBefore'>> {
  id: number;
  state: OutboxState;
  attempts: number;
  createdAt: Date;
  nextAttemptAt: Date;
  sentAt: Date | null;
  slackChannel: string | null;
  slackTs: string | null;
  errorCode: string | null;
}

export function encodeTarget(target: OutboxTarget): string {
  switch (target.kind) {
    case 'user':
      return `user:${target.userId}`;
    case 'pair':
      return `pair:${target.pairId}`;
    case 'channel':
      return `channel:${target.channelId}`;
  }
}

export function decodeTarget(encoded: string): OutboxTarget {
  const [kind, id = ''] = encoded.split(':', 2);
  if (kind === 'pair') return { kind: 'pair', pairId: Number(id) };
  if (kind === 'channel') return { kind: 'channel', channelId: id };
  return { kind: 'user', userId: id };
}

/** Builds a dedupe key from its parts: `intro:c3:p17`, `prompt:c3:p17:w4`, `owner-alert:inactive:U1`. */
export function dedupeKey(kind: string, ...parts: (string | number | null | undefined)[]): string {
  return [kind, ...parts.filter((p) => p !== null && p !== undefined && p !== '')].join(':');
}

/** Deliveries that failed for a passing reason are retried this many times in all before being marked failed. */
export const MAX_DELIVERY_ATTEMPTS = 5;

/** Backoff between attempts across ticks: 1, 2, 4, 8 minutes… capped at 30. */
export function retryDelayMs(attempts: number): number {
  return Math.min(30, 2 ** Math.max(0, attempts - 1)) * 60_000;
}
