import type { Logger } from '@slack/logger';
import type { CheckinAnswer, CheckinRepository } from '../db/repositories/checkins.js';
import type { CohortRepository } from '../db/repositories/cohorts.js';
import type { FlagRepository } from '../db/repositories/flags.js';
import type { OutboxRepository } from '../db/repositories/outbox.js';
import type { PairRepository } from '../db/repositories/pairs.js';
import { dedupeKey } from '../domain/outbox.js';
import { type Pair, partnerOf } from '../domain/pair.js';
import { weekClosesAt } from '../domain/summary.js';
import { escapeMrkdwn } from '../slack/views/blocks.js';
import { HELD_NOTE_ADVICE } from '../slack/views/held-notes.js';
import { type CheckinState, checkinMessage } from '../slack/views/schedule-messages.js';
import type { AlertService } from './alerts.js';
import { type Outcome, refusal, success } from './outcome.js';
import { type Clock, SlackCallError, type SlackPort } from './ports.js';

type MeetingAnswer = Exclude<CheckinAnswer, 'help'>;

function codeOf(error: unknown): string {
  return error instanceof SlackCallError ? error.code : error instanceof Error ? error.name : 'unknown_error';
}

export interface CheckinDeps {
  checkins: CheckinRepository;
  pairs: PairRepository;
  cohorts: CohortRepository;
  flags: FlagRepository;
  outbox: OutboxRepository;
  alerts: AlertService;
  slack: SlackPort;
  clock: Clock;
  logger: Logger;
}

const THANKS: Record<MeetingAnswer, string> = {
  met: 'Logged that you met — thank you! Only the fact that you met is recorded.',
  not_yet: 'No problem — thanks for letting me know. There is still time this week.',
};

const HELP_SENT =
  "I've told the program owners privately; one of them will get in touch with you. Your partner isn't told, " +
  'and your answer about meeting stays as it was.';

const HELP_HELD = `Every program owner is in your pair, so there is nobody else I can tell right now. ${HELD_NOTE_ADVICE}`;

/**
 * The check-in buttons. Who clicked comes from Slack's signed payload; the pair and cycle from the button,
 * checked against the database: only the two partners of an active pair can answer, and only a check-in that
 * was delivered. The message updated afterwards is the one recorded for that check-in, never one a payload
 * names.
 */
export class CheckinService {
  constructor(private readonly deps: CheckinDeps) {}

  async answer(
    userId: string,
    pairId: number,
    cycle: number,
    answer: CheckinAnswer,
  ): Promise<Outcome<{ reply: string }>> {
    const pair = this.deps.pairs.get(pairId);
    if (!pair || (pair.mentorId !== userId && pair.menteeId !== userId)) {
      return refusal('forbidden', 'Only the two people in this pair can answer its check-in.');
    }
    if (pair.state !== 'active')
      return refusal('conflict', 'This pair has ended, so there is nothing to check in on.');
    // Only a check-in that was actually sent can be answered: a crafted payload can't log future weeks.
    const asked = this.deps.outbox.byKey(
      dedupeKey('checkin', `c${pair.cohortId}`, `p${pairId}`, `w${cycle}`),
    );
    if (asked?.state !== 'sent') return refusal('invalid', 'That check-in is not one I have asked yet.');
    if (answer === 'help') return success({ reply: this.askForHelp(pair, userId, cycle) });
    const now = this.deps.clock();
    const cohort = this.deps.cohorts.get(pair.cohortId);
    const earlier = this.deps.checkins.forPair(pairId, cycle).find((c) => c.userId === userId);
    // Once a week has closed, its figure may be in a channel summary: changing an answer then would change
    // a published number and single this pair out. A first, late answer is kept (it doesn't count there).
    if (earlier && earlier.answer !== answer && cohort && now >= weekClosesAt(cohort, cycle)) {
      return refusal('conflict', "That week's check-in has closed, so your answer stays as it was.");
    }
    if (earlier?.answer !== answer)
      this.deps.checkins.record({ pairId, cycle, userId, answer, answeredAt: now });
    if (asked.slackChannel && asked.slackTs) {
      const state: CheckinState = {};
      for (const c of this.deps.checkins.forPair(pairId, cycle))
        if (c.answer !== 'help') state[c.userId] = c.answer;
      try {
        await this.deps.slack.updateMessage(
          asked.slackChannel,
          asked.slackTs,
          checkinMessage(pairId, cycle, { mentorId: pair.mentorId, menteeId: pair.menteeId }, state),
        );
      } catch (error) {
        // The answer is saved; only the message's little status line is stale.
        this.deps.logger.warn('Could not update the check-in message', { code: codeOf(error) });
      }
    }
    return success({ reply: THANKS[answer] });
  }

  /**
   * "We need help" is a private note to owners, separate from the meeting answer: it never changes or shows
   * in the shared check-in message. Pressing it again tells nobody twice.
   */
  private askForHelp(pair: Pair, userId: string, cycle: number): string {
    const now = this.deps.clock();
    this.deps.flags.raise(
      { cohortId: pair.cohortId, pairId: pair.id, userId, kind: 'need-help', cycle },
      now,
    );
    const cohort = this.deps.cohorts.get(pair.cohortId);
    const delivery = this.deps.alerts.notifyOwners(
      dedupeKey('need-help', `p${pair.id}`, userId, `w${cycle}`),
      'A pair asked for help',
      `<@${userId}> pressed "We need help" in their check-in (week ${cycle} of ${escapeMrkdwn(cohort?.name ?? 'their cohort')}, ` +
        `paired with <@${partnerOf(pair, userId)}>). Please reach out to them privately.`,
      { cohortId: pair.cohortId, pairId: pair.id, raisedBy: userId },
    );
    return delivery === 'held' ? HELP_HELD : HELP_SENT;
  }
}
