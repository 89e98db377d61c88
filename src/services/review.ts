import type { Logger } from '@slack/logger';
import type { ModalView } from '@slack/types';
import type { OwnerViewRepository } from '../db/repositories/owner-views.js';
import type { PeopleRepository } from '../db/repositories/people.js';
import type { ProfileRepository } from '../db/repositories/profiles.js';
import type { TopicKey } from '../domain/catalogue.js';
import type { Cohort } from '../domain/cohort.js';
import type { Pair } from '../domain/pair.js';
import { shareEveryWeek, type WeeklyHours } from '../domain/windows.js';
import { reviewModal } from '../slack/views/review-modal.js';
import type { CohortService } from './cohorts.js';
import { unmatchedReasonForOwner } from './launch.js';
import { ONLY_OWNERS, type Outcome, refusal, success } from './outcome.js';
import type { OwnerService } from './owners.js';
import type { Clock, SlackPort } from './ports.js';

export interface ReviewDeps {
  cohortService: CohortService;
  owners: OwnerService;
  ownerViews: OwnerViewRepository;
  people: Pick<PeopleRepository, 'getMany'>;
  profiles: Pick<ProfileRepository, 'hoursOf' | 'get'>;
  /** For people who gave no working hours (DELIVERY_HOURS). */
  defaultHours: WeeklyHours;
  slack: SlackPort;
  clock: Clock;
  logger: Logger;
}

const NOT_YOUR_VIEW = "That isn't a review I opened for you. Open it again from the Home tab.";

/**
 * The owners' review of a cohort's pairs, in a modal. Every review the bot opens is recorded with its owner
 * and cohort; later updates (paging, edits, re-run, launch) only ever go to such a view of the same owner
 * and cohort, whatever view id a payload names.
 */
export class ReviewService {
  constructor(private readonly deps: ReviewDeps) {}

  /**
   * The review as `viewerId` may see it. An owner who is in the cohort never reviews their own pair: it is
   * left out (and counted), so they can't read how it came about or change it.
   */
  view(cohortId: number, viewerId: string, page = 0, notice?: string): ModalView | null {
    const review = this.deps.cohortService.review(cohortId);
    if (!review) return null;
    const isOwn = (p: { mentorId: string; menteeId: string }) =>
      p.mentorId === viewerId || p.menteeId === viewerId;
    const shown = review.pairs.filter((p) => !isOwn(p));
    return reviewModal({
      cohort: review.cohort,
      pairs: shown,
      noCommonHours: this.farApart(review.cohort, shown),
      menteeTopics: this.menteeTopics(shown),
      hiddenOwnPairs: review.pairs.filter(isOwn).length,
      unmatched: review.unmatched.map((u) => ({
        userId: u.userId,
        reason: unmatchedReasonForOwner(u.reason),
      })),
      page,
      ...(notice ? { notice } : {}),
    });
  }

  /** What each shown pair's mentee wants to learn: one wanted topic, shared, makes a strong match. */
  private menteeTopics(pairs: readonly Pair[]): Map<string, readonly TopicKey[]> {
    const out = new Map<string, readonly TopicKey[]>();
    for (const { menteeId } of pairs) {
      const topics = out.has(menteeId) ? undefined : this.deps.profiles.get(menteeId)?.topics;
      if (topics) out.set(menteeId, topics);
    }
    return out;
  }

  /**
   * The pairs whose delivery windows fail to meet in some week of the cohort (judged over the weeks it runs,
   * clock changes included, not just this one): the owner sees them flagged before launch.
   */
  private farApart(cohort: Cohort, pairs: readonly Pair[]): Set<number> {
    const ids = pairs.flatMap((p) => [p.mentorId, p.menteeId]);
    const people = this.deps.people.getMany(ids);
    const hours = this.deps.profiles.hoursOf(ids);
    const someone = (id: string) => ({
      clock: {
        timeZone: people.get(id)?.timeZone ?? null,
        offsetMinutes: people.get(id)?.tzOffsetMinutes ?? 0,
      },
      hours: hours.get(id) ?? this.deps.defaultHours,
    });
    const starts = Math.max(this.deps.clock().getTime(), Date.parse(`${cohort.startsOn}T00:00:00Z`));
    const ends = Date.parse(`${cohort.startsOn}T00:00:00Z`) + cohort.weeks * 7 * 86_400_000;
    return new Set(
      pairs
        .filter(
          (p) =>
            !shareEveryWeek(new Date(starts), new Date(ends), [someone(p.mentorId), someone(p.menteeId)]),
        )
        .map((p) => p.id),
    );
  }

  /** Opens the review for an owner (the trigger comes from their click) and remembers the view. */
  async open(actor: string, cohortId: number, triggerId: string, notice?: string): Promise<Outcome> {
    if (!this.deps.owners.isOwner(actor)) return refusal('forbidden', ONLY_OWNERS);
    const view = this.view(cohortId, actor, 0, notice);
    if (!view) return refusal('not-found', 'That cohort no longer exists.');
    const { viewId } = await this.deps.slack.openModal(triggerId, view);
    if (viewId) this.deps.ownerViews.record({ viewId, userId: actor, cohortId, openedAt: this.deps.clock() });
    return success(undefined);
  }

  /**
   * Redraws a review the bot opened for this owner and this cohort. Any other view id — someone else's, a
   * view of another kind, or one we never opened — is refused and nothing is sent to Slack.
   */
  async refresh(
    actor: string,
    viewId: string,
    cohortId: number,
    page = 0,
    notice?: string,
  ): Promise<Outcome> {
    if (!this.deps.owners.isOwner(actor)) return refusal('forbidden', ONLY_OWNERS);
    const known = this.deps.ownerViews.get(viewId);
    if (known?.userId !== actor || known.cohortId !== cohortId) {
      this.deps.logger.warn('Refused to update a view that is not this owner’s review', { userId: actor });
      return refusal('forbidden', NOT_YOUR_VIEW);
    }
    const view = this.view(cohortId, actor, page, notice);
    if (!view) return refusal('not-found', 'That cohort no longer exists.');
    await this.deps.slack.updateModal(viewId, view);
    return success(undefined);
  }
}
