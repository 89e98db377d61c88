import type { Logger } from '@slack/logger';
import type { CohortRepository } from '../db/repositories/cohorts.js';
import type { FeedbackRepository, FitAnswer } from '../db/repositories/feedback.js';
import type { FlagRepository } from '../db/repositories/flags.js';
import type { OutboxRepository } from '../db/repositories/outbox.js';
import type { PairRepository } from '../db/repositories/pairs.js';
import type { Cohort } from '../domain/cohort.js';
import {
  type SurveyDraft,
  type SurveyField,
  surveyRemindersDue,
  validateSurvey,
} from '../domain/feedback.js';
import { dedupeKey, type OutboxDraft } from '../domain/outbox.js';
import { type Pair, partnerOf } from '../domain/pair.js';
import type { DueWork } from '../domain/schedule.js';
import { ACTIONS } from '../slack/ids.js';
import { button } from '../slack/views/blocks.js';
import { fitCheckMessage, surveyInvitation, surveyModal } from '../slack/views/feedback-messages.js';
import type { AlertDelivery, AlertService } from './alerts.js';
import { type Outcome, refusal, success } from './outcome.js';
import type { Clock, SlackPort } from './ports.js';
import type { SummaryService } from './summaries.js';

export interface FeedbackDeps {
  feedback: FeedbackRepository;
  pairs: PairRepository;
  cohorts: CohortRepository;
  flags: FlagRepository;
  outbox: OutboxRepository;
  alerts: AlertService;
  summaries: SummaryService;
  slack: SlackPort;
  clock: Clock;
  logger: Logger;
  transaction: <T>(work: () => T) => T;
}

export type SubmitSurveyResult =
  | { ok: true; updated: boolean }
  | { ok: false; errors: Partial<Record<SurveyField, string>> }
  | { ok: false; refused: string };

/** The fit check after the first cycle, the end-of-cohort survey, and the summaries the schedule triggers. */
export class FeedbackService {
  constructor(private readonly deps: FeedbackDeps) {}

  /** The tick's due work that belongs to feedback: fit checks, survey invitations and the halfway summary. */
  dueWork(work: DueWork, context: { cohort: Cohort; pair: Pair | null }): OutboxDraft[] {
    const { cohort, pair } = context;
    switch (work.kind) {
      case 'fit-check': {
        if (!pair) return [];
        const partner = partnerOf(pair, work.userId);
        if (!partner) return [];
        return [
          {
            kind: 'fit-check',
            dedupeKey: dedupeKey('fit-check', `p${pair.id}`, work.userId),
            target: { kind: 'user', userId: work.userId },
            payload: { type: 'message', ...fitCheckMessage(pair.id, partner) },
            cohortId: cohort.id,
            pairId: pair.id,
            userId: work.userId,
          },
        ];
      }
      case 'survey':
        return [
          {
            kind: 'survey',
            dedupeKey: dedupeKey('survey', `c${cohort.id}`, work.userId),
            target: { kind: 'user', userId: work.userId },
            payload: { type: 'message', ...surveyInvitation(cohort.id, cohort.name) },
            cohortId: cohort.id,
            pairId: pair?.id ?? null,
            userId: work.userId,
          },
        ];
      case 'halfway-summary':
        return [this.deps.summaries.draft(cohort, 'halfway')];
      // The cohort completing sends the survey; the final summary waits for its window to close (below).
      default:
        return [];
    }
  }

  /**
   * What the survey brings after its cohort has completed, asked by the tick every time (the name predates
   * the second part): one reminder for invitations unanswered after three days, and the final summary once the
   * survey window has closed.
   */
  surveyReminders(): OutboxDraft[] {
    // Each on its own: one failing (logged) doesn't hold up the other.
    return [
      ...this.separately('survey reminders', () => this.remindersDue()),
      ...this.separately('final summaries', () => this.deps.summaries.finalSummariesDue()),
    ];
  }

  private separately(what: string, work: () => OutboxDraft[]): OutboxDraft[] {
    try {
      return work();
    } catch (error) {
      this.deps.logger.error(`Could not work out the ${what} due`, {
        error: error instanceof Error ? error.message : String(error),
      });
      return [];
    }
  }

  /** One reminder for survey invitations unanswered after three days. */
  private remindersDue(): OutboxDraft[] {
    const now = this.deps.clock();
    const sent = this.deps.outbox
      .list({ kinds: ['survey'], states: ['sent'] })
      .filter((r) => r.cohortId !== null && r.userId !== null && r.sentAt !== null)
      .map((r) => ({ cohortId: r.cohortId!, userId: r.userId!, sentAt: r.sentAt! }));
    if (sent.length === 0) return [];
    const cohortIds = [...new Set(sent.map((s) => s.cohortId))];
    const answered = new Set(
      cohortIds.flatMap((id) => this.deps.feedback.surveys(id).map((s) => `${s.cohortId}:${s.userId}`)),
    );
    const reminded = new Set(
      this.deps.outbox.list({ kinds: ['survey-reminder'] }).map((r) => `${r.cohortId}:${r.userId}`),
    );
    return surveyRemindersDue(sent, answered, reminded, now).flatMap((s) => {
      const cohort = this.deps.cohorts.get(s.cohortId);
      if (!cohort) return [];
      return [
        {
          kind: 'survey-reminder' as const,
          dedupeKey: dedupeKey('survey-reminder', `c${s.cohortId}`, s.userId),
          target: { kind: 'user' as const, userId: s.userId },
          payload: { type: 'message' as const, ...surveyInvitation(cohort.id, cohort.name, true) },
          cohortId: s.cohortId,
          userId: s.userId,
        },
      ];
    });
  }

  /**
   * An answer to the fit check. Accepted only from the person the fit check was delivered to: a crafted
   * payload for a draft pair (or someone else's question) is refused and tells nobody anything.
   */
  answerFit(
    userId: string,
    pairId: number,
    answer: FitAnswer,
  ): Outcome<{ answer: FitAnswer; delivery: AlertDelivery | null }> {
    const pair = this.deps.pairs.get(pairId);
    const asked = pair ? this.deps.outbox.byKey(dedupeKey('fit-check', `p${pairId}`, userId)) : null;
    if (!pair || !partnerOf(pair, userId) || asked?.state !== 'sent' || asked.userId !== userId) {
      return refusal('forbidden', 'This question was for someone else.');
    }
    const now = this.deps.clock();
    let delivery: AlertDelivery | null = null;
    this.deps.transaction(() => {
      this.deps.feedback.recordFit({ pairId, userId, answer, answeredAt: now });
      if (answer !== 'not_a_fit' || pair.state !== 'active') return;
      this.deps.flags.raise({ cohortId: pair.cohortId, pairId, userId, kind: 'not-a-fit', cycle: 0 }, now);
      delivery = this.deps.alerts.notifyOwners(
        dedupeKey('not-a-fit', `p${pairId}`, userId),
        'A pairing is not working',
        `<@${userId}> says their pairing with <@${partnerOf(pair, userId)}> is not a fit. Their partner has not been told. ` +
          'You could talk to them privately, or end the pair and find each of them someone new.',
        {
          cohortId: pair.cohortId,
          pairId,
          raisedBy: userId,
          buttons: [
            button('End pair and rematch', ACTIONS.endAndRematch, {
              value: String(pairId),
              style: 'danger',
            }),
          ],
        },
      );
    });
    return success({ answer, delivery });
  }

  async openSurvey(userId: string, cohortId: number, triggerId: string): Promise<Outcome> {
    const cohort = this.deps.cohorts.get(cohortId);
    if (!cohort || !this.tookPart(userId, cohortId))
      return refusal('forbidden', 'This survey is for people who took part in that cohort.');
    const previous = this.deps.feedback.survey(cohortId, userId);
    await this.deps.slack.openModal(triggerId, surveyModal(cohortId, cohort.name, previous));
    return success(undefined);
  }

  submitSurvey(userId: string, cohortId: number, draft: SurveyDraft): SubmitSurveyResult {
    if (!this.tookPart(userId, cohortId))
      return { ok: false, refused: 'This survey is for people who took part in that cohort.' };
    const checked = validateSurvey(draft);
    if (!checked.ok) return checked;
    const pair = this.deps.pairs
      .list(cohortId, ['active', 'ended'])
      .find((p) => p.mentorId === userId || p.menteeId === userId);
    const { updated } = this.deps.feedback.saveSurvey({
      cohortId,
      userId,
      pairId: pair?.id ?? null,
      ...checked.value,
      answeredAt: this.deps.clock(),
    });
    return { ok: true, updated };
  }

  private tookPart(userId: string, cohortId: number): boolean {
    return this.deps.pairs
      .list(cohortId, ['active', 'ended'])
      .some((p) => p.launchedAt !== null && (p.mentorId === userId || p.menteeId === userId));
  }
}
