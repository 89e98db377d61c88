import type { Logger } from '@slack/logger';
import type { Button } from '@slack/types';
import type { OutboxRepository } from '../db/repositories/outbox.js';
import type { PairRepository } from '../db/repositories/pairs.js';
import type { PeopleRepository } from '../db/repositories/people.js';
import { dedupeKey, type OutboxRow } from '../domain/outbox.js';
import type { Message } from '../slack/views/messages.js';
import { ownerAlertMessage } from '../slack/views/owner-messages.js';
import { channelProblemAdvice } from './channel-post.js';
import type { OwnerService } from './owners.js';
import { type Clock, INACTIVE_USER_ERRORS, type SlackCallError, type SlackPort } from './ports.js';

export interface AlertDeps {
  outbox: OutboxRepository;
  pairs: PairRepository;
  people: PeopleRepository;
  owners: OwnerService;
  slack: SlackPort;
  clock: Clock;
  logger: Logger;
}

const KIND_LABELS: Record<string, string> = {
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

  notifyOwners(
    key: string,
    title: string,
    body: string,
    options: { cohortId?: number | null; pairId?: number | null; buttons?: Button[]; message?: Message } = {},
  ): void {
    const message = options.message ?? ownerAlertMessage(title, body, options.buttons);
    // An owner who is in the pair concerned is a participant here: their partner's private answers (a
    // reason for leaving, "not a fit", a call for help) must not reach them.
    const pair = options.pairId ? this.deps.pairs.get(options.pairId) : null;
    const involved = new Set(pair ? [pair.mentorId, pair.menteeId] : []);
    const recipients = this.deps.owners.allOwnerIds().filter((id) => !involved.has(id));
    if (recipients.length === 0) {
      this.deps.logger.warn(`No program owner outside the pair to tell: "${title}" (pair ${options.pairId})`);
    }
    const drafts = recipients.map((ownerId) => ({
      kind: 'owner-alert' as const,
      dedupeKey: dedupeKey('owner-alert', key, ownerId),
      target: { kind: 'user' as const, userId: ownerId },
      payload: { type: 'message' as const, ...message },
      cohortId: options.cohortId ?? null,
      pairId: options.pairId ?? null,
      userId: ownerId,
    }));
    this.deps.outbox.enqueue(drafts, this.deps.clock());
  }

  /** The outbox sender gave up on a message: record who can't be reached, and tell owners once. */
  async deliveryFailed(row: OutboxRow, error: SlackCallError): Promise<void> {
    // An alert that can't be delivered to an owner is only logged: alerting about it would loop.
    if (row.kind === 'owner-alert' || row.kind === 'launch-report') return;
    if (INACTIVE_USER_ERRORS.has(error.code)) {
      for (const userId of await this.whoIsGone(row)) {
        if (this.deps.people.markInactive(userId))
          this.deps.logger.info(`Marked ${userId} inactive (${error.code})`);
        this.notifyOwners(
          dedupeKey('inactive', userId),
          'Someone can no longer be reached',
          `<@${userId}>'s Slack account is deactivated (${error.code}). Their pair is paused: nothing more is sent to it.`,
          { cohortId: row.cohortId, pairId: row.pairId },
        );
      }
      return;
    }
    const what = KIND_LABELS[row.kind] ?? row.kind;
    const who = this.describeTarget(row);
    const advice =
      row.target.kind === 'channel' ? `\n${channelProblemAdvice(row.target.channelId, error.code)}` : '';
    this.notifyOwners(
      dedupeKey('delivery-failed', row.id),
      `A ${what} could not be delivered`,
      `I couldn't deliver the ${what} to ${who}: Slack said \`${error.code}\`.${advice}\n` +
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
