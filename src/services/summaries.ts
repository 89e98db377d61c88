import { randomUUID } from 'node:crypto';
import type { Logger } from '@slack/logger';
import type { ChartInput, RenderedChart } from '../chart/types.js';
import type { CheckinRepository } from '../db/repositories/checkins.js';
import type { CohortRepository } from '../db/repositories/cohorts.js';
import type { FeedbackRepository } from '../db/repositories/feedback.js';
import type { OutboxRepository } from '../db/repositories/outbox.js';
import type { PairRepository } from '../db/repositories/pairs.js';
import type { SummaryDisclosureRepository } from '../db/repositories/summary-disclosures.js';
import type { Cohort } from '../domain/cohort.js';
import { dedupeKey, type OutboxDraft, type OutboxRow, type SummaryPayload } from '../domain/outbox.js';
import {
  type Milestone,
  type PublishedSurvey,
  type SummaryFigures,
  summarise,
  surveyToPublish,
} from '../domain/summary.js';
import { DEFAULT_SURVEY_WINDOW_DAYS, finalSummaryDue, surveyPhase } from '../domain/survey-window.js';
import { summaryMessage } from '../slack/views/feedback-messages.js';
import { postToChannel } from './channel-post.js';
import { ONLY_OWNERS, type Outcome, refusal, success } from './outcome.js';
import type { OwnerService } from './owners.js';
import type { Clock, PostedMessage, SlackPort } from './ports.js';

export interface SummaryDeps {
  cohorts: CohortRepository;
  pairs: PairRepository;
  checkins: CheckinRepository;
  feedback: FeedbackRepository;
  outbox: OutboxRepository;
  /** The survey figures summaries already made public, so later ones can't be differenced against them. */
  summaryDisclosures: SummaryDisclosureRepository;
  owners: OwnerService;
  slack: SlackPort;
  clock: Clock;
  logger: Logger;
  /** Renders the weekly chart; absent or failing, the summary still posts without it. */
  renderChart?: (input: ChartInput) => Promise<RenderedChart>;
  /** Days the end-of-cohort survey is open (SURVEY_WINDOW_DAYS); the final summary is posted when it closes. */
  surveyWindowDays?: number;
}

/**
 * Cohort summaries for the company: figures computed from the database at delivery time, posted to the
 * cohort's channel through the outbox (so a failure is retryable), with a chart uploaded in the thread.
 * What may be shown across summaries is decided in the domain (`summarise`); new survey figures are recorded
 * as published before the post, so no figure can reach the channel without the next summary knowing it.
 */
export class SummaryService {
  constructor(private readonly deps: SummaryDeps) {}

  /** An owner asked for a summary now (command or Home button). */
  request(actor: string, cohortId: number): Outcome<{ cohort: Cohort }> {
    if (!this.deps.owners.isOwner(actor)) return refusal('forbidden', ONLY_OWNERS);
    const cohort = this.deps.cohorts.get(cohortId);
    if (!cohort) return refusal('not-found', 'That cohort no longer exists.');
    if (cohort.state !== 'active' && cohort.state !== 'completed') {
      return refusal('conflict', `“${cohort.name}” hasn't started yet, so there is nothing to summarise.`);
    }
    // A double click (or two owners at once) shouldn't post two summaries: one waiting is enough.
    const waiting = this.deps.outbox.list({ cohortId, kinds: ['summary'], states: ['pending', 'sending'] });
    if (waiting.length === 0)
      this.deps.outbox.enqueue([this.draft(cohort, 'on-demand', actor)], this.deps.clock());
    return success({ cohort });
  }

  /**
   * The automatic final summaries due now: one per completed cohort whose survey window has just closed (see
   * domain/survey-window.ts). Completed cohorts are no longer in the tick's schedule, so this is asked every
   * tick; the outbox key keeps each to one, whatever restarts or other ticks happen. A cohort that fails to
   * decide is logged and left for the next tick, without holding up the others.
   */
  finalSummariesDue(): OutboxDraft[] {
    const now = this.deps.clock();
    return this.deps.cohorts.list(['completed']).flatMap((cohort) => {
      try {
        if (!finalSummaryDue(cohort, now, this.surveyWindowDays)) return [];
        const draft = this.draft(cohort, 'final');
        if (this.deps.outbox.byKey(draft.dedupeKey)) return [];
        // Closed without pairs: no survey went out and there is nothing to sum up.
        if (!this.hadPairs(cohort)) return [];
        return [draft];
      } catch (error) {
        this.deps.logger.error('Could not decide whether a final summary is due', {
          cohortId: cohort.id,
          error: error instanceof Error ? error.message : String(error),
        });
        return [];
      }
    });
  }

  private get surveyWindowDays(): number {
    return this.deps.surveyWindowDays ?? DEFAULT_SURVEY_WINDOW_DAYS;
  }

  private hadPairs(cohort: Cohort): boolean {
    return this.deps.pairs.list(cohort.id, ['active', 'ended']).some((p) => p.launchedAt !== null);
  }

  /** The outbox row for a summary; the figures are computed when it is delivered. */
  draft(cohort: Cohort, milestone: Milestone, requestedBy: string | null = null): OutboxDraft {
    const payload: SummaryPayload = { type: 'summary', cohortId: cohort.id, milestone, requestedBy };
    return {
      kind: 'summary',
      // Halfway and final happen once; on-demand summaries are distinct requests.
      dedupeKey:
        milestone === 'on-demand'
          ? dedupeKey('summary', `c${cohort.id}`, milestone, randomUUID())
          : dedupeKey('summary', `c${cohort.id}`, milestone),
      target: { kind: 'channel', channelId: cohort.summaryChannelId },
      payload,
      cohortId: cohort.id,
    };
  }

  /** The figures a summary made `at` may show, given what earlier summaries published. */
  figures(cohort: Cohort, milestone: Milestone, at: Date = this.deps.clock()): SummaryFigures {
    const launched = this.deps.pairs
      .list(cohort.id, ['active', 'ended'])
      .filter((p) => p.launchedAt !== null);
    const pairIds = launched.map((p) => p.id);
    const checkinsSent = this.deps.outbox
      .list({ cohortId: cohort.id, kinds: ['checkin'], states: ['sent'] })
      .flatMap((r) =>
        r.pairId !== null && r.cycle !== null && r.sentAt !== null
          ? [{ pairId: r.pairId, cycle: r.cycle, sentAt: r.sentAt }]
          : [],
      );
    const meetings = this.deps.checkins
      .forPairs(pairIds)
      .filter((c) => c.answer === 'met')
      .map((c) => ({ pairId: c.pairId, cycle: c.cycle, answeredAt: c.answeredAt }));
    const enrolled = this.deps.cohorts.enrolments(cohort.id);
    const everPaired = new Set(launched.flatMap((p) => [p.mentorId, p.menteeId]));
    const current = new Set(
      this.deps.pairs.list(cohort.id, ['active']).flatMap((p) => [p.mentorId, p.menteeId]),
    );
    const waiting = enrolled.filter(
      (e) => !current.has(e.userId) && (cohort.state !== 'completed' || !everPaired.has(e.userId)),
    );
    const disclosed = this.deps.summaryDisclosures.get(cohort.id);
    const published: PublishedSurvey | null = disclosed && {
      responses: disclosed.surveyResponses,
      averageRating: disclosed.averageRating,
      wouldDoAgainShare: disclosed.wouldAgainShare,
      at: disclosed.disclosedAt,
    };
    return summarise({
      cohortName: cohort.name,
      milestone,
      calendar: cohort,
      at,
      participants: enrolled.length,
      pairs: launched.map((p) => ({
        id: p.id,
        sharedTopics: p.reasons.flatMap((r) => (r.kind === 'topics' ? r.shared : [])),
      })),
      checkinsSent,
      meetings,
      waiting: waiting.length,
      surveys: this.deps.feedback.surveys(cohort.id).map((s) => ({
        rating: s.rating,
        again: s.again,
        quote: s.quoteOk ? s.learned : null,
        answeredAt: s.answeredAt,
      })),
      published,
      surveyPhase: surveyPhase(
        { state: cohort.state, endedAt: cohort.endedAt, hadPairs: launched.length > 0 },
        at,
        this.surveyWindowDays,
      ),
    });
  }

  /** Delivers a summary row: post the figures (joining a public channel if needed), then the chart. */
  async deliver(row: OutboxRow): Promise<PostedMessage> {
    const payload = row.payload as SummaryPayload;
    const cohort = this.deps.cohorts.get(payload.cohortId);
    if (!cohort) throw new Error(`Cohort ${payload.cohortId} is gone`);
    const now = this.deps.clock();
    const figures = this.figures(cohort, payload.milestone, now);
    // Recorded first: a post that fails leaks nothing, and a crash after posting can't leave figures public
    // that the next summary doesn't know about. Aggregates only — quotes are never stored.
    const publish = surveyToPublish(figures, now);
    if (publish) {
      this.deps.summaryDisclosures.record({
        cohortId: cohort.id,
        surveyResponses: publish.responses,
        averageRating: publish.averageRating,
        wouldAgainShare: publish.wouldDoAgainShare,
        disclosedAt: publish.at,
      });
    }
    const message = summaryMessage(figures, { chartAttached: false });
    const posted = await postToChannel(this.deps.slack, { channel: cohort.summaryChannelId, ...message });
    await this.attachChart(figures, posted);
    return posted;
  }

  private async attachChart(figures: SummaryFigures, posted: PostedMessage): Promise<void> {
    // Drawn from the same figures as the message, so it obeys the same rules; a cohort too small for any
    // meeting figure gets no chart at all.
    if (!this.deps.renderChart || !figures.meetings) return;
    try {
      const chart = await this.deps.renderChart({
        title: `${figures.cohortName}: pairs that met, week by week`,
        points: figures.meetings.weekly.map((w) => ({
          cycle: w.cycle,
          label: `Week ${w.cycle}`,
          meetingRate: w.status === 'shown' ? w.rate : null,
        })),
      });
      await this.deps.slack.uploadFile({
        channelId: posted.channel,
        threadTs: posted.ts,
        filename: `${figures.cohortName.replace(/[^\w-]+/g, '-').toLowerCase()}-meetings.png`,
        title: `${figures.cohortName} — weekly meeting rate`,
        bytes: chart.png,
      });
    } catch (error) {
      // The summary itself is out; a missing picture is not worth failing (or repeating) it for.
      this.deps.logger.warn('The summary chart could not be attached', {
        code: (error as { code?: string }).code ?? String(error),
      });
    }
  }
}
