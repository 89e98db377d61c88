import type { Logger } from '@slack/logger';
import type { CheckinAnswer, CheckinRepository } from '../db/repositories/checkins.js';
import type { CohortRepository } from '../db/repositories/cohorts.js';
import type { FlagRepository } from '../db/repositories/flags.js';
import type { OutboxRepository } from '../db/repositories/outbox.js';
import type { PairRepository } from '../db/repositories/pairs.js';
import { dedupeKey } from '../domain/outbox.js';
import { type CheckinState, checkinMessage } from '../slack/views/schedule-messages.js';
import type { AlertService } from './alerts.js';
import { type Outcome, refusal, success } from './outcome.js';
import type { Clock, SlackPort } from './ports.js';

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

const THANKS: Record<CheckinAnswer, string> = {
  met: 'Logged that you met — thank you! Only the fact that you met is recorded.',
  not_yet: 'No problem — thanks for letting me know. There is still time this week.',
  help: "I've told the program owners privately; one of them will get in touch with you. Your partner isn't told why.",
};

/**
 * The check-in buttons. Who clicked comes from Slack's signed payload; the pair and cycle from the button,
 * checked against the database: only the two partners of an active pair can answer.
 */
export class CheckinService {
  constructor(private readonly deps: CheckinDeps) {}

  async answer(
    userId: string,
    pairId: number,
    cycle: number,
    answer: CheckinAnswer,
    message: { channel: string; ts: string } | null,
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
    const now = this.deps.clock();
    this.deps.checkins.record({ pairId, cycle, userId, answer, answeredAt: now });
    if (answer === 'help') {
      const cohort = this.deps.cohorts.get(pair.cohortId);
      if (this.deps.flags.raise({ cohortId: pair.cohortId, pairId, userId, kind: 'need-help', cycle }, now)) {
        this.deps.alerts.notifyOwners(
          dedupeKey('need-help', `p${pairId}`, userId, `w${cycle}`),
          'A pair asked for help',
          `<@${userId}> pressed "We need help" in their check-in (week ${cycle} of ${cohort?.name ?? 'their cohort'}, ` +
            `paired with <@${pair.mentorId === userId ? pair.menteeId : pair.mentorId}>). Please reach out to them privately.`,
          { cohortId: pair.cohortId, pairId },
        );
      }
    }
    if (message) {
      const state: CheckinState = {};
      // "We need help" is private to owners: the shared message never shows it.
      for (const c of this.deps.checkins.forPair(pairId, cycle))
        state[c.userId] = c.answer === 'help' ? undefined : c.answer;
      try {
        await this.deps.slack.updateMessage(
          message.channel,
          message.ts,
          checkinMessage(pairId, cycle, { mentorId: pair.mentorId, menteeId: pair.menteeId }, state),
        );
      } catch (error) {
        // The answer is saved; only the message's little status line is stale.
        this.deps.logger.warn('Could not update the check-in message', error);
      }
    }
    return success({ reply: THANKS[answer] });
  }
}
