import type { Logger } from '@slack/logger';
import type { CohortRepository } from '../db/repositories/cohorts.js';
import type { OutboxRepository } from '../db/repositories/outbox.js';
import type { PairRepository } from '../db/repositories/pairs.js';
import type { PeopleRepository } from '../db/repositories/people.js';
import type { ProfileRepository } from '../db/repositories/profiles.js';
import { type Cohort, cycleCount } from '../domain/cohort.js';
import { planCurriculum, renderStep, stepForCycle } from '../domain/curriculum/index.js';
import {
  checkHardRules,
  sharedTopics,
  UNMATCHED_REASON_MESSAGES,
  type UnmatchedReason,
} from '../domain/matching/index.js';
import { dedupeKey, type OutboxDraft } from '../domain/outbox.js';
import type { Pair } from '../domain/pair.js';
import type { Profile } from '../domain/profile.js';
import { type SchedulePerson, usualPromptMoment } from '../domain/schedule.js';
import {
  type LocalClock,
  localTimeOf,
  meetingSuggestion,
  type WeeklyHours,
  workingHours,
  zoneLabel,
} from '../domain/windows.js';
import { launchReportMessage } from '../slack/views/owner-messages.js';
import {
  type IntroModel,
  introMessage,
  type PersonCard,
  unmatchedMessage,
} from '../slack/views/pair-messages.js';
import { type CohortService, UNPAIRED_BY_OWNER } from './cohorts.js';
import { ONLY_OWNERS, type Outcome, refusal, success } from './outcome.js';
import type { OwnerService } from './owners.js';
import type { Clock } from './ports.js';

export interface LaunchDeps {
  cohortService: CohortService;
  cohorts: CohortRepository;
  pairs: PairRepository;
  profiles: ProfileRepository;
  people: Pick<PeopleRepository, 'getMany'>;
  outbox: OutboxRepository;
  owners: OwnerService;
  /** For people who gave no working hours (DELIVERY_HOURS): the weekly prompt moment is worked out inside them. */
  defaultHours: WeeklyHours;
  clock: Clock;
  logger: Logger;
  transaction: <T>(work: () => T) => T;
}

export interface LaunchResult {
  cohort: Cohort;
  introductions: number;
  unmatched: number;
  /** True when the cohort was already launched: nothing new was queued, only anything unfinished resumes. */
  alreadyLaunched: boolean;
}

/**
 * Why someone wasn't matched, for them. "Ruled out" and "the places went to others" read the same on purpose:
 * telling a person that everyone suitable was ruled out would hint that someone asked not to be paired with
 * them. Every wording here is true in each case it covers.
 */
const NO_FREE_PARTNER = 'no suitable partner was free for you this round';
const PERSON_REASONS: Record<string, string> = {
  'no-earlier-stage-mentor': 'no mentor at an earlier career stage signed up this round',
  'no-later-stage-mentee': 'no mentee at a later career stage signed up this round',
  'all-same-team': 'everyone who could have been your partner this round is in your own team',
  'all-partners-ruled-out': NO_FREE_PARTNER,
  'mentor-places-full': NO_FREE_PARTNER,
  'mentees-all-paired': NO_FREE_PARTNER,
  [UNPAIRED_BY_OWNER]: 'the pairs were adjusted by hand and you ended up without a partner',
};

/** Why someone wasn't matched, in words for them. */
export function unmatchedReasonForPerson(code: string): string {
  return PERSON_REASONS[code] ?? "the numbers didn't work out this round";
}

/** Why someone wasn't matched, in words for a program owner. */
export function unmatchedReasonForOwner(code: string): string {
  if (code === UNPAIRED_BY_OWNER) return 'Unpaired by a program owner.';
  return UNMATCHED_REASON_MESSAGES[code as UnmatchedReason] ?? 'Not matched yet.';
}

export function personCard(profile: Profile): PersonCard {
  return {
    userId: profile.userId,
    team: profile.team,
    careerStage: profile.careerStage,
    goals: profile.goals,
    topics: profile.topics,
  };
}

/**
 * Launch: draft pairs become active and every introduction, "not this time" DM and owner report is written
 * to the outbox in one transaction. The sender delivers them; launching again queues nothing new (the
 * outbox keys are unique), so a double click or a crash half-way never sends an introduction twice.
 */
export class LaunchService {
  constructor(private readonly deps: LaunchDeps) {}

  launch(actor: string, cohortId: number): Outcome<LaunchResult> {
    if (!this.deps.owners.isOwner(actor)) return refusal('forbidden', ONLY_OWNERS);
    const cohort = this.deps.cohorts.get(cohortId);
    if (!cohort) return refusal('not-found', 'That cohort no longer exists.');
    if (cohort.state === 'active') {
      return success({ cohort, introductions: 0, unmatched: 0, alreadyLaunched: true });
    }
    if (cohort.state !== 'matched') {
      return refusal(
        'conflict',
        `“${cohort.name}” is ${cohort.state}: only a matched cohort can be launched.`,
      );
    }
    const drafts = this.deps.pairs.list(cohortId, ['draft']);
    if (drafts.length === 0) {
      return refusal(
        'conflict',
        `No pair could be formed in “${cohort.name}”, so there is nothing to launch. Close it from the review: ` +
          'everyone enrolled is told kindly and is first in line for the next cohort.',
      );
    }
    // Answers can change between matching and launch (a new "don't pair me with", a new role): the rules
    // are checked again, and a draft that no longer follows them stops the launch. Which rule is not said.
    const candidates = this.deps.cohortService.candidates(cohort);
    const rules = this.deps.cohortService.rules(cohort, candidates);
    const broken = drafts.filter((p) => {
      const mentor = candidates.get(p.mentorId);
      const mentee = candidates.get(p.menteeId);
      return !mentor || !mentee || checkHardRules(mentor, mentee, rules).length > 0;
    });
    if (broken.length > 0) {
      // Which pairs broke is not said: naming them would tell the owner who, since matching, asked not to
      // be paired with whom (and an owner in one of them, whether their partner did). Re-running fixes it.
      return refusal(
        'conflict',
        `Since the pairs were proposed, some answers changed and ${broken.length} pair(s) no longer follow the ` +
          "program's rules. Re-run matching (pinned pairs that still follow the rules stay), then launch.",
      );
    }

    return this.deps.transaction(() => {
      const now = this.deps.clock();
      if (!this.deps.cohorts.transition(cohortId, ['matched'], 'active', { launchedAt: now })) {
        return success({ cohort, introductions: 0, unmatched: 0, alreadyLaunched: true });
      }
      const messages: OutboxDraft[] = [];
      for (const pair of drafts) {
        const intro = this.introduce(cohort, pair, now);
        if (intro) messages.push(intro);
      }
      const paired = new Set(drafts.flatMap((p) => [p.mentorId, p.menteeId]));
      const unmatched = this.deps.cohorts.enrolments(cohortId).filter((e) => !paired.has(e.userId));
      messages.push(
        ...this.unmatchedNotes(cohort, unmatched),
        ...this.launchReports(cohort, messages.filter((m) => m.kind === 'intro').length, unmatched),
      );
      this.deps.outbox.enqueue(messages, now);
      this.deps.logger.info(`Cohort "${cohort.name}" launched by ${actor}: ${drafts.length} pairs`);
      return success({
        cohort: this.deps.cohorts.get(cohortId)!,
        introductions: drafts.length,
        unmatched: unmatched.length,
        alreadyLaunched: false,
      });
    });
  }

  /**
   * Closes a cohort in which no pair could be formed (too few people, or only mentors, say), so it doesn't
   * hold its members forever: it ends as run-without-pairs, everyone enrolled is told kindly why and that they
   * are first in line next time, and owners get the report. Refused while there are pairs to launch.
   */
  close(actor: string, cohortId: number): Outcome<{ cohort: Cohort; told: number }> {
    if (!this.deps.owners.isOwner(actor)) return refusal('forbidden', ONLY_OWNERS);
    const cohort = this.deps.cohorts.get(cohortId);
    if (!cohort) return refusal('not-found', 'That cohort no longer exists.');
    if (cohort.state !== 'matched') {
      return refusal(
        'conflict',
        `“${cohort.name}” is ${cohort.state}: only a matched cohort without pairs can be closed.`,
      );
    }
    if (this.deps.pairs.list(cohortId, ['draft']).length > 0) {
      return refusal(
        'conflict',
        `“${cohort.name}” has pairs ready to launch: launch it, or cancel it instead.`,
      );
    }
    return this.deps.transaction(() => {
      const now = this.deps.clock();
      // Stamped as launched (and ended): its members count as not matched in a cohort that ran, which is what
      // puts them first in line for the next one.
      if (
        !this.deps.cohorts.transition(cohortId, ['matched'], 'completed', { launchedAt: now, endedAt: now })
      ) {
        return refusal('conflict', `“${cohort.name}” changed meanwhile; have another look.`);
      }
      const enrolled = this.deps.cohorts.enrolments(cohortId);
      const messages = [...this.unmatchedNotes(cohort, enrolled), ...this.launchReports(cohort, 0, enrolled)];
      this.deps.outbox.enqueue(messages, now);
      this.deps.logger.info(`Cohort "${cohort.name}" (#${cohortId}) closed without pairs by ${actor}`);
      return success({ cohort: this.deps.cohorts.get(cohortId)!, told: enrolled.length });
    });
  }

  /** "Not matched this time", to each person, with the reason in words for them. */
  private unmatchedNotes(
    cohort: Cohort,
    unmatched: readonly { userId: string; unmatchedReason: string | null }[],
  ) {
    return unmatched.map(
      (person): OutboxDraft => ({
        kind: 'unmatched',
        dedupeKey: dedupeKey('unmatched', `c${cohort.id}`, person.userId),
        target: { kind: 'user', userId: person.userId },
        payload: {
          type: 'message',
          ...unmatchedMessage(cohort.name, unmatchedReasonForPerson(person.unmatchedReason ?? '')),
        },
        cohortId: cohort.id,
        userId: person.userId,
      }),
    );
  }

  /** The launch report, to every owner. */
  private launchReports(
    cohort: Cohort,
    introductions: number,
    unmatched: readonly { userId: string; unmatchedReason: string | null }[],
  ): OutboxDraft[] {
    const report = launchReportMessage(
      cohort.name,
      introductions,
      unmatched.map((u) => ({ userId: u.userId, reason: unmatchedReasonForOwner(u.unmatchedReason ?? '') })),
    );
    return this.deps.owners.allOwnerIds().map((ownerId) => ({
      kind: 'launch-report' as const,
      dedupeKey: dedupeKey('launch-report', `c${cohort.id}`, ownerId),
      target: { kind: 'user' as const, userId: ownerId },
      payload: { type: 'message' as const, ...report },
      cohortId: cohort.id,
      userId: ownerId,
    }));
  }

  /**
   * What the introduction says about time, in each partner's own: the day and hour their weekly prompt
   * arrives (inside both delivery windows — see domain/windows.ts) and when their working hours overlap.
   */
  private when(cohort: Cohort, mentor: Profile, mentee: Profile, now: Date): IntroModel['when'] {
    const people = this.deps.people.getMany([mentor.userId, mentee.userId]);
    const clockOf = (userId: string): LocalClock => ({
      timeZone: people.get(userId)?.timeZone ?? null,
      offsetMinutes: people.get(userId)?.tzOffsetMinutes ?? 0,
    });
    const scheduled = (profile: Profile): SchedulePerson => ({
      id: profile.userId,
      timeZone: clockOf(profile.userId).timeZone,
      tzOffsetMinutes: clockOf(profile.userId).offsetMinutes,
      hours: profile.hours ?? this.deps.defaultHours,
      active: true,
      paused: false,
    });
    const prompt = usualPromptMoment(cohort, scheduled(mentor), scheduled(mentee));
    const at = (profile: Profile) => ({
      zone: zoneLabel(clockOf(profile.userId)),
      prompt: localTimeOf(clockOf(profile.userId), prompt),
    });
    const working = (profile: Profile) => ({
      clock: clockOf(profile.userId),
      hours: workingHours(profile.hours, this.deps.defaultHours),
    });
    return {
      mentor: at(mentor),
      mentee: at(mentee),
      meeting: meetingSuggestion(now, working(mentor), working(mentee)),
    };
  }

  /** Activates one pair with its curriculum and writes its introduction. */
  introduce(cohort: Cohort, pair: Pair, now: Date): OutboxDraft | null {
    const mentor = this.deps.profiles.get(pair.mentorId);
    const mentee = this.deps.profiles.get(pair.menteeId);
    if (!mentor || !mentee) {
      this.deps.logger.warn(`Pair ${pair.id} lost a member before launch; not introduced`);
      return null;
    }
    const plan = planCurriculum({
      pairKey: `pair-${pair.id}`,
      sharedTopics: sharedTopics(mentor, mentee, cohort.topics),
      mentorTopics: mentor.topics,
      menteeTopics: mentee.topics,
      cycles: cycleCount(cohort),
    });
    this.deps.pairs.activate(pair.id, plan, now);
    const kickoff = stepForCycle(plan, 1);
    if (!kickoff) return null;
    const message = introMessage({
      cohortName: cohort.name,
      weeks: cohort.weeks,
      cadence: cohort.cadence,
      when: this.when(cohort, mentor, mentee, now),
      mentor: personCard(mentor),
      mentee: personCard(mentee),
      reasons: pair.reasons,
      kickoff: renderStep(kickoff),
    });
    return {
      kind: 'intro',
      dedupeKey: dedupeKey('intro', `c${cohort.id}`, `p${pair.id}`),
      target: { kind: 'pair', pairId: pair.id },
      payload: { type: 'message', ...message },
      cohortId: cohort.id,
      pairId: pair.id,
      cycle: 1,
    };
  }
}
