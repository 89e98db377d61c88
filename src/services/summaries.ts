import { randomUUID } from 'node:crypto';
import type { Logger } from '@slack/logger';
import type { ChartInput, RenderedChart } from '../chart/types.js';
import type { CheckinRepository } from '../db/repositories/checkins.js';
import type { CohortRepository } from '../db/repositories/cohorts.js';
import type { FeedbackRepository } from '../db/repositories/feedback.js';
import type { OutboxRepository } from '../db/repositories/outbox.js';
import type { PairRepository } from '../db/repositories/pairs.js';
import { type Cohort, cycleCount } from '../domain/cohort.js';
import { dedupeKey, type OutboxDraft, type OutboxRow, type SummaryPayload } from '../domain/outbox.js';
import { type Milestone, type SummaryFigures, summarise } from '../domain/summary.js';
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
  owners: OwnerService;
  slack: SlackPort;
  clock: Clock;
  logger: Logger;
  /** Renders the weekly chart; absent or failing, the summary still posts without it. */
  renderChart?: (input: ChartInput) => Promise<RenderedChart>;
}

/**
 * Cohort summaries for the company: figures computed from the database at delivery time, posted to the
 * cohort's channel through the outbox (so a failure is retryable), with a chart uploaded in the thread.
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

  figures(cohort: Cohort, milestone: Milestone): SummaryFigures {
    const launched = this.deps.pairs
      .list(cohort.id, ['active', 'ended'])
      .filter((p) => p.launchedAt !== null);
    const pairIds = launched.map((p) => p.id);
    const asked = this.deps.outbox.cyclesByPair('checkin', pairIds, ['sent']);
    const met = new Set(
      this.deps.checkins
        .forPairs(pairIds)
        .filter((c) => c.answer === 'met')
        .map((c) => `${c.pairId}:${c.cycle}`),
    );
    const weekly = new Map<number, { cycle: number; pairsAsked: number; pairsMet: number }>();
    for (const [pairId, cycles] of asked) {
      for (const cycle of cycles) {
        const w = weekly.get(cycle) ?? { cycle, pairsAsked: 0, pairsMet: 0 };
        w.pairsAsked += 1;
        if (met.has(`${pairId}:${cycle}`)) w.pairsMet += 1;
        weekly.set(cycle, w);
      }
    }
    const enrolled = this.deps.cohorts.enrolments(cohort.id);
    const everPaired = new Set(launched.flatMap((p) => [p.mentorId, p.menteeId]));
    const current = new Set(
      this.deps.pairs.list(cohort.id, ['active']).flatMap((p) => [p.mentorId, p.menteeId]),
    );
    const waiting = enrolled.filter(
      (e) => !current.has(e.userId) && (cohort.state !== 'completed' || !everPaired.has(e.userId)),
    );
    return summarise({
      cohortName: cohort.name,
      milestone,
      cycles: cycleCount(cohort),
      participants: enrolled.length,
      pairs: launched.map((p) => ({
        id: p.id,
        sharedTopics: p.reasons.flatMap((r) => (r.kind === 'topics' ? r.shared : [])),
      })),
      weekly: [...weekly.values()],
      waiting: waiting.length,
      surveys: this.deps.feedback
        .surveys(cohort.id)
        .map((s) => ({ rating: s.rating, again: s.again, quote: s.quoteOk ? s.learned : null })),
    });
  }

  /** Delivers a summary row: post the figures (joining a public channel if needed), then the chart. */
  async deliver(row: OutboxRow): Promise<PostedMessage> {
    const payload = row.payload as SummaryPayload;
    const cohort = this.deps.cohorts.get(payload.cohortId);
    if (!cohort) throw new Error(`Cohort ${payload.cohortId} is gone`);
    const figures = this.figures(cohort, payload.milestone);
    const message = summaryMessage(figures, { chartAttached: false });
    const posted = await postToChannel(this.deps.slack, { channel: cohort.summaryChannelId, ...message });
    await this.attachChart(figures, posted);
    return posted;
  }

  private async attachChart(figures: SummaryFigures, posted: PostedMessage): Promise<void> {
    if (!this.deps.renderChart) return;
    try {
      const chart = await this.deps.renderChart({
        title: `${figures.cohortName}: pairs that met, week by week`,
        points: figures.weekly.map((w) => ({
          cycle: w.cycle,
          label: `Week ${w.cycle}`,
          meetingRate: w.rate,
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
