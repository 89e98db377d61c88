import type { Logger } from '@slack/logger';
import type { Button } from '@slack/types';
import type { HeldAlertRepository } from '../db/repositories/held-alerts.js';
import type { OutboxRepository } from '../db/repositories/outbox.js';
import type { PairRepository } from '../db/repositories/pairs.js';
import type { PeopleRepository } from '../db/repositories/people.js';
import { dedupeKey, type MessagePayload, type OutboxRow } from '../domain/outbox.js';
import type { Message } from '../slack/views/messages.js';
import { ownerAlertMessage } from '../slack/views/owner-messages.js';
import { channelProblemAdvice } from './channel-post.js';
import type { OwnerService } from './owners.js';
import { type Clock, INACTIVE_USER_ERRORS, type SlackCallError, type SlackPort } from './ports.js';

export interface AlertDeps {
  outbox: OutboxRepository;
  heldAlerts: HeldAlertRepository;
  pairs: PairRepository;
  people: PeopleRepository;
  owners: OwnerService;
  slack: SlackPort;
  clock: Clock;
  logger: Logger;
  transaction: <T>(work: () => T) => T;
  /** Someone's account is gone for good: their pairs end kindly and owners can rematch (see PairLifeService). */
  personGone?: (userId: string) => void;
}

export interface AlertOptions {
  cohortId?: number | null;
  pairId?: number | null;
  buttons?: Button[];
  message?: Message;
  /** Whose private answer the note carries: they may see it waits, and deleting their data deletes it. */
  raisedBy?: string | null;
}

/**
 * Where a note went: queued for at least one owner outside the pair, or held because there is nobody to
 * receive it yet (every owner is in the pair, or there is no owner at all).
 */
export type AlertDelivery = 'queued' | 'held';

/** Slack's answers meaning "this person can't get a DM from the bot". */
const UNREACHABLE_RECIPIENT_ERRORS = new Set([...INACTIVE_USER_ERRORS, 'cannot_dm_bot', 'channel_not_found']);

/** Failures that are ours, not Slack's: owners read why in plain words instead of "Slack said …". */
const OUR_OWN_FAILURES: Record<string, string> = {
  payload_unreadable: 'its stored copy could not be read (it was damaged), so it was set aside',
};

const KIND_LABELS: Record<string, string> = {
  'cohort-cancelled': 'message about a cancelled cohort',
  intro: 'introduction',
  prompt: 'weekly prompt',
  checkin: 'check-in',
  reminder: 'reminder',
  thanks: 'thank-you',
  unmatched: '“not matched this time” message',
  'fit-check': 'fit check',
  survey: 'survey invitation',
  'survey-reminder': 'survey reminder',
  summary: 'cohort summary',
  'partner-left': 'message about a partner leaving',
};

/**
 * Private notes to program owners, through the outbox like everything else. Each alert has a key, so
 * "owners are told once" holds however many ticks see the same problem.
 */
export class AlertService {
  constructor(private readonly deps: AlertDeps) {}

  /**
   * Queues a note for every owner outside the pair concerned. Idempotent per key and owner, so it is safe to
   * call again for the same event. When nobody can receive it, the note is held (never dropped) and released
   * by `releaseHeld` as soon as an owner outside the pair exists.
   */
  notifyOwners(key: string, title: string, body: string, options: AlertOptions = {}): AlertDelivery {
    const message = options.message ?? ownerAlertMessage(title, body, options.buttons);
    return this.deliver({
      key,
      cohortId: options.cohortId ?? null,
      pairId: options.pairId ?? null,
      raisedBy: options.raisedBy ?? null,
      payload: { type: 'message', text: message.text, blocks: message.blocks },
    });
  }

  /**
   * Held notes go to the owners who can now receive them (an owner was added, or PROGRAM_OWNERS changed).
   * Run by every tick and right after the list of owners changes. Returns how many notes were released.
   */
  releaseHeld(): number {
    let released = 0;
    for (const held of this.deps.heldAlerts.all()) {
      // Each note on its own: one that can't be released (damaged, or failing to queue) never holds up the rest.
      try {
        if (held.payload.type !== 'message') {
          this.warnOnce(
            held.id,
            `Held owner note ${held.id} (${held.dedupeKey}) can't be read; it stays held`,
          );
          continue;
        }
        if (this.recipients(held.pairId).length === 0) continue;
        const payload = held.payload;
        this.deps.transaction(() => {
          this.deps.heldAlerts.remove(held.id);
          this.deliver({
            key: held.dedupeKey,
            cohortId: held.cohortId,
            pairId: held.pairId,
            raisedBy: held.raisedBy,
            payload,
          });
        });
        released += 1;
      } catch (error) {
        this.warnOnce(held.id, `Could not release held owner note ${held.id}: ${String(error)}`);
      }
    }
    return released;
  }

  /** Held notes already complained about: a tick runs every minute, the log says it once per process. */
  private readonly warned = new Set<number>();

  private warnOnce(id: number, message: string): void {
    if (this.warned.has(id)) return;
    this.warned.add(id);
    this.deps.logger.error(message);
  }

  /**
   * Just before a note goes out: is its owner still one who may read it (still an owner, still outside the
   * pair, still reachable)? When not, the row is not sent and the note goes to those who may — or back to
   * waiting. Messages that aren't notes always go.
   */
  stillWanted(row: OutboxRow): boolean {
    if (row.kind !== 'owner-alert' || row.payload.type !== 'message' || !row.payload.note) return true;
    if (row.userId && this.recipients(row.pairId).includes(row.userId)) return true;
    this.redirect(row);
    return false;
  }

  /** A note that will not reach the owner it was queued for goes to the others who may read it, or waits. */
  private redirect(row: OutboxRow): void {
    if (row.payload.type !== 'message' || !row.payload.note) return;
    const { note, ...payload } = row.payload;
    this.deliver({
      key: note.key,
      cohortId: row.cohortId,
      pairId: row.pairId,
      raisedBy: note.raisedBy,
      payload,
      exclude: row.userId,
    });
  }

  private deliver(note: {
    key: string;
    cohortId: number | null;
    pairId: number | null;
    raisedBy: string | null;
    payload: MessagePayload;
    exclude?: string | null;
  }): AlertDelivery {
    const recipients = this.recipients(note.pairId).filter((id) => id !== note.exclude);
    if (recipients.length === 0) {
      // No text in the log: the note may carry someone's private answer.
      this.deps.logger.warn('No program owner outside the pair to tell: holding a note', {
        pairId: note.pairId,
      });
      this.deps.heldAlerts.hold(
        {
          dedupeKey: note.key,
          cohortId: note.cohortId,
          pairId: note.pairId,
          raisedBy: note.raisedBy,
          payload: note.payload,
        },
        this.deps.clock(),
      );
      return 'held';
    }
    const payload: MessagePayload = { ...note.payload, note: { key: note.key, raisedBy: note.raisedBy } };
    this.deps.outbox.enqueue(
      recipients.map((ownerId) => ({
        kind: 'owner-alert' as const,
        dedupeKey: dedupeKey('owner-alert', note.key, ownerId),
        target: { kind: 'user' as const, userId: ownerId },
        payload,
        cohortId: note.cohortId,
        pairId: note.pairId,
        userId: ownerId,
      })),
      this.deps.clock(),
    );
    return 'queued';
  }

  /**
   * Owners who may read a note about this pair. An owner who is in the pair is a participant there: their
   * partner's private answers (a reason for leaving, "not a fit", a call for help) must not reach them. An
   * owner Slack told us can't be reached is left out, so a note never waits on them.
   */
  private recipients(pairId: number | null): string[] {
    const pair = pairId ? this.deps.pairs.members(pairId) : null;
    const involved = new Set(pair ? [pair.mentorId, pair.menteeId] : []);
    const candidates = this.deps.owners.allOwnerIds().filter((id) => !involved.has(id));
    const people = this.deps.people.getMany(candidates);
    return candidates.filter((id) => people.get(id)?.active !== false);
  }

  /** The outbox sender gave up on a message: record who can't be reached, and tell owners once. */
  async deliveryFailed(row: OutboxRow, error: SlackCallError): Promise<void> {
    if (row.kind === 'owner-alert' || row.kind === 'launch-report') {
      // An owner who can't be reached is marked so, and a note meant for them goes to another owner or
      // back to waiting. Nothing more: alerting owners about an alert to owners would loop.
      if (UNREACHABLE_RECIPIENT_ERRORS.has(error.code) && row.target.kind === 'user') {
        this.deps.people.ensure(row.target.userId, row.target.userId, this.deps.clock());
        this.deps.people.markInactive(row.target.userId);
        this.redirect(row);
      }
      return;
    }
    // Deleted on purpose (retention, or its person's own request): nothing for an owner to act on.
    if (error.code === 'payload_purged') return;
    if (INACTIVE_USER_ERRORS.has(error.code)) {
      for (const userId of await this.whoIsGone(row)) {
        if (!this.deps.people.markInactive(userId)) continue;
        this.deps.logger.info(`Marked ${userId} inactive (${error.code})`);
        this.deps.personGone?.(userId);
      }
      return;
    }
    const what = KIND_LABELS[row.kind] ?? row.kind;
    const who = this.describeTarget(row);
    const advice =
      row.target.kind === 'channel' ? `\n${channelProblemAdvice(row.target.channelId, error.code)}` : '';
    const why = OUR_OWN_FAILURES[error.code] ?? `Slack said \`${error.code}\``;
    this.notifyOwners(
      dedupeKey('delivery-failed', row.id),
      `A ${what} could not be delivered`,
      `I couldn't deliver the ${what} to ${who}: ${why}.${advice}\n` +
        'Other messages are not affected. You can retry failed messages from the Home tab.',
      { cohortId: row.cohortId, pairId: row.pairId },
    );
  }

  private describeTarget(row: OutboxRow): string {
    if (row.target.kind === 'user') return `<@${row.target.userId}>`;
    if (row.target.kind === 'channel') return `<#${row.target.channelId}>`;
    const pair = this.deps.pairs.get(row.target.pairId);
    return pair ? `<@${pair.mentorId}> and <@${pair.menteeId}>` : 'a pair';
  }

  /** Which people behind a failed delivery are deactivated (asks Slack only for the pair's two members). */
  private async whoIsGone(row: OutboxRow): Promise<string[]> {
    if (row.target.kind === 'user') return [row.target.userId];
    if (row.target.kind !== 'pair') return [];
    const pair = this.deps.pairs.get(row.target.pairId);
    if (!pair) return [];
    const gone: string[] = [];
    for (const userId of [pair.mentorId, pair.menteeId]) {
      try {
        const user = await this.deps.slack.userInfo(userId);
        if (user.deleted) gone.push(userId);
      } catch (lookupError) {
        if ((lookupError as SlackCallError).code === 'user_not_found') gone.push(userId);
      }
    }
    return gone;
  }
}
