import type { Logger } from '@slack/logger';
import type { CohortRepository } from '../db/repositories/cohorts.js';
import type { ConfidentialRefusalRepository } from '../db/repositories/confidential-refusals.js';
import type { OutboxRepository } from '../db/repositories/outbox.js';
import type { PairRepository } from '../db/repositories/pairs.js';
import type { PeopleRepository } from '../db/repositories/people.js';
import type { ProfileRepository } from '../db/repositories/profiles.js';
import {
  type Cohort,
  type CohortDraft,
  type CohortField,
  canTransition,
  OPEN_COHORT_STATES,
  validateCohortDraft,
} from '../domain/cohort.js';
import {
  checkHardRules,
  type HardRuleViolation,
  hiddenRulesChanged,
  type MatchCandidate,
  type MatchedPair,
  type MatchRules,
  matchCohort,
  pairReasons,
  pairsWithinWindow,
  resolveWeights,
  scorePair,
} from '../domain/matching/index.js';
import { dedupeKey } from '../domain/outbox.js';
import type { Pair } from '../domain/pair.js';
import type { Profile } from '../domain/profile.js';
import { localDate, offsetMinutesAt } from '../domain/time.js';
import { cohortCancelledMessage } from '../slack/views/messages.js';
import { ONLY_OWNERS, type Outcome, refusal, success } from './outcome.js';
import type { OwnerService } from './owners.js';
import type { Clock } from './ports.js';

/** Reason stored for people an owner unpaired by hand (the matcher's own reasons cover the rest). */
export const UNPAIRED_BY_OWNER = 'unpaired-by-owner';

/**
 * How many hand edits a confidential rule may refuse for one owner in one cohort. Each such refusal tells the
 * owner that *some* rule they can't see keeps two people apart; after this many, hand pairing in that cohort
 * is closed to them, so nobody can map the "don't pair me with" lists by trying pair after pair.
 */
export const CONFIDENTIAL_REFUSAL_BUDGET = 3;

export const OWN_PAIR_REFUSAL =
  "You're taking part in this cohort yourself, so changes that touch your own pair are left to another " +
  'program owner (or to the matcher).';

export const HAND_EDITS_CLOSED =
  'Hand pairing in this cohort is closed to you: several of your hand edits here ran into the ' +
  "program's confidential rules. Unpair the pinned pairs and re-run the matching, or ask another program owner.";

export interface CohortServiceDeps {
  cohorts: CohortRepository;
  pairs: PairRepository;
  people: PeopleRepository;
  profiles: ProfileRepository;
  owners: OwnerService;
  clock: Clock;
  logger: Logger;
  /** Days within which the same two people are never paired again; null = never again. */
  repeatWindowDays: number | null;
  outbox: OutboxRepository;
  confidentialRefusals: ConfidentialRefusalRepository;
  transaction: <T>(work: () => T) => T;
}

export type CreateCohortResult =
  | { ok: true; cohort: Cohort }
  | { ok: false; errors: Partial<Record<CohortField, string>> }
  | { ok: false; forbidden: string };

export interface DraftReview {
  cohort: Cohort;
  pairs: Pair[];
  unmatched: { userId: string; reason: string }[];
}

/**
 * Cohorts from creation to a reviewed set of draft pairs: create, enrol, match (the whole cohort at once),
 * and the owner's hand edits (swap, unpair, pin) with the hard rules still enforced.
 */
export class CohortService {
  constructor(private readonly deps: CohortServiceDeps) {}

  get(cohortId: number): Cohort | null {
    return this.deps.cohorts.get(cohortId);
  }

  /** Today in a person's own time zone (UTC when we don't know it yet). */
  todayFor(userId: string): string {
    return localDate(this.deps.clock(), this.deps.people.get(userId)?.timeZone ?? 'UTC');
  }

  create(actor: string, draft: CohortDraft): CreateCohortResult {
    if (!this.deps.owners.isOwner(actor)) return { ok: false, forbidden: ONLY_OWNERS };
    const openCohortNames = this.deps.cohorts.list(OPEN_COHORT_STATES).map((c) => c.name);
    const checked = validateCohortDraft(draft, { today: this.todayFor(actor), openCohortNames });
    if (!checked.ok) return checked;
    const cohort = this.deps.cohorts.create(checked.value, actor, this.deps.clock());
    this.deps.logger.info(`Cohort "${cohort.name}" (#${cohort.id}) created by ${actor}`);
    return { ok: true, cohort };
  }

  /** Every cohort, most recent first. */
  list(): Cohort[] {
    return this.deps.cohorts.list();
  }

  /** Cohorts people can join right now. */
  enrolling(): Cohort[] {
    return this.deps.cohorts.list(['enrolling']).reverse();
  }

  openCohortOf(userId: string): Cohort | null {
    return this.deps.cohorts.openCohortOf(userId);
  }

  /** Whether a person may join a cohort now: it is enrolling, and they're in no other open cohort. */
  checkEnrolment(userId: string, cohortId: number): Outcome<{ cohort: Cohort; alreadyIn: boolean }> {
    const cohort = this.deps.cohorts.get(cohortId);
    if (!cohort) return refusal('not-found', 'That cohort no longer exists.');
    const current = this.deps.cohorts.openCohortOf(userId);
    if (current?.id === cohortId) return success({ cohort, alreadyIn: true });
    if (current) {
      return refusal('conflict', `You're already in “${current.name}”. You can be in one cohort at a time.`);
    }
    if (cohort.state !== 'enrolling') {
      return refusal(
        'conflict',
        `Enrolment for “${cohort.name}” has closed. You'll be first to hear about the next one.`,
      );
    }
    return success({ cohort, alreadyIn: false });
  }

  /** Adds a person with a profile to an enrolling cohort; one open cohort per person. */
  enrol(userId: string, cohortId: number): Outcome<{ cohort: Cohort; alreadyIn: boolean }> {
    const checked = this.checkEnrolment(userId, cohortId);
    if (!checked.ok || checked.value.alreadyIn) return checked;
    if (!this.deps.profiles.get(userId)) {
      return refusal('invalid', 'Tell us a little about yourself first: run `/reverse-mentor`.');
    }
    this.deps.cohorts.enrol(cohortId, userId, this.deps.clock());
    return checked;
  }

  /**
   * Proposes pairs for the whole cohort (pinned pairs kept) and stores them as drafts. Nothing is sent to
   * participants: that waits for Launch. Used by "Match now", "Re-run" and when enrolment closes.
   */
  match(actor: string | null, cohortId: number): Outcome<DraftReview> {
    if (actor !== null && !this.deps.owners.isOwner(actor)) return refusal('forbidden', ONLY_OWNERS);
    const cohort = this.deps.cohorts.get(cohortId);
    if (!cohort) return refusal('not-found', 'That cohort no longer exists.');
    if (cohort.state !== 'enrolling' && cohort.state !== 'matched') {
      return refusal(
        'conflict',
        `“${cohort.name}” is ${cohort.state}; pairs can only be proposed before launch.`,
      );
    }
    const pinned = this.deps.pairs
      .list(cohortId, ['draft'])
      .filter((p) => p.pinned)
      .map((p) => ({ mentorId: p.mentorId, menteeId: p.menteeId }));
    // Pins an owner placed shape what is left to match, so a re-run around them is hand pairing too: it
    // spends (and needs) the same budget whenever a hidden rule changed its outcome.
    const handShaped = actor !== null && pinned.length > 0;
    if (handShaped && this.deps.confidentialRefusals.count(cohortId, actor) >= CONFIDENTIAL_REFUSAL_BUDGET) {
      return refusal('conflict', HAND_EDITS_CLOSED);
    }
    const candidates = this.candidates(cohort);
    const rules = { ...this.rules(cohort, candidates), pinned };
    const result = matchCohort([...candidates.values()], rules);
    const now = this.deps.clock();
    if (handShaped && hiddenRulesChanged([...candidates.values()], rules, result)) {
      this.deps.confidentialRefusals.record(cohortId, actor, now);
    }
    this.deps.pairs.replaceDrafts(cohortId, result.pairs, now);
    const reasons = new Map<string, string | null>([...candidates.keys()].map((id) => [id, null]));
    for (const person of result.unmatched) reasons.set(person.userId, person.reason);
    this.deps.cohorts.setUnmatchedReasons(cohortId, reasons);
    if (cohort.state === 'enrolling')
      this.deps.cohorts.transition(cohortId, ['enrolling'], 'matched', { matchedAt: now });
    return success(this.review(cohortId)!);
  }

  /** The draft as the owner reviews it. */
  review(cohortId: number): DraftReview | null {
    const cohort = this.deps.cohorts.get(cohortId);
    if (!cohort) return null;
    // A finished cohort's pairs have all ended: show the ones that ran, not an empty draft.
    const finished = cohort.state === 'completed' || cohort.state === 'cancelled';
    const pairs = finished
      ? this.deps.pairs.list(cohortId, ['ended']).filter((p) => p.launchedAt !== null)
      : this.deps.pairs.list(cohortId, ['draft', 'active']);
    const paired = new Set(pairs.flatMap((p) => [p.mentorId, p.menteeId]));
    const unmatched = this.deps.cohorts
      .enrolments(cohortId)
      .filter((e) => !paired.has(e.userId))
      .map((e) => ({ userId: e.userId, reason: e.unmatchedReason ?? 'not-matched-yet' }));
    return { cohort, pairs, unmatched };
  }

  /** Takes a person's draft pairs apart (a mentor's several, if so); everyone in them goes back to the unmatched. */
  unpair(actor: string, cohortId: number, userId: string): Outcome<DraftReview> {
    const checked = this.editable(actor, cohortId);
    if (!checked.ok) return checked;
    const drafts = this.deps.pairs.pairsOf(userId, cohortId, ['draft']);
    if (touchesOwnPair(actor, [userId], drafts)) return refusal('forbidden', OWN_PAIR_REFUSAL);
    if (drafts.length === 0) return refusal('not-found', `<@${userId}> isn't in a draft pair.`);
    for (const pair of drafts) this.deps.pairs.deleteDraft(pair.id);
    this.deps.cohorts.setUnmatchedReasons(
      cohortId,
      new Map(drafts.flatMap((p) => [p.mentorId, p.menteeId]).map((id) => [id, UNPAIRED_BY_OWNER])),
    );
    return success(this.review(cohortId)!);
  }

  /**
   * Swaps two people of the same role: their partners trade places (or, if one was unmatched, they take the
   * other's place). A mentor's mentees all move with the swap. Every new pair must still pass the hard rules.
   */
  swap(actor: string, cohortId: number, a: string, b: string): Outcome<DraftReview> {
    const checked = this.editable(actor, cohortId, { handPairing: true });
    if (!checked.ok) return checked;
    const cohort = checked.value;
    if (a === b) return refusal('invalid', 'Choose two different people to swap.');
    const pairsA = this.deps.pairs.pairsOf(a, cohortId, ['draft']);
    const pairsB = this.deps.pairs.pairsOf(b, cohortId, ['draft']);
    if (touchesOwnPair(actor, [a, b], [...pairsA, ...pairsB])) return refusal('forbidden', OWN_PAIR_REFUSAL);
    const candidates = this.candidates(cohort);
    const ca = candidates.get(a);
    const cb = candidates.get(b);
    if (!ca || !cb) return refusal('invalid', `Both people must be enrolled in “${cohort.name}”.`);
    if (ca.role !== cb.role) {
      return refusal('invalid', 'Swap two mentors or two mentees: a swap keeps everyone in their role.');
    }
    if (pairsA.length === 0 && pairsB.length === 0)
      return refusal('invalid', 'Neither of them is in a pair yet, so there is nothing to swap.');
    const rules = this.rules(cohort, candidates);
    const names = this.names([...candidates.keys()]);
    const rebuilt: { old: Pair; mentor: MatchCandidate; mentee: MatchCandidate; pinned: boolean }[] = [];
    const moves = [
      ...pairsA.map((pair) => [pair, cb] as const),
      ...pairsB.map((pair) => [pair, ca] as const),
    ];
    for (const [pair, incoming] of moves) {
      const mentor = ca.role === 'mentor' ? incoming : candidates.get(pair.mentorId);
      const mentee = ca.role === 'mentee' ? incoming : candidates.get(pair.menteeId);
      if (!mentor || !mentee)
        return refusal('invalid', 'One of these pairs has someone who has left the cohort.');
      const violations = checkHardRules(mentor, mentee, rules, names);
      if (violations.length > 0) return this.refuseHandEdit(actor, cohortId, "Can't swap", violations);
      rebuilt.push({ old: pair, mentor, mentee, pinned: pair.pinned });
    }
    const now = this.deps.clock();
    for (const { old } of rebuilt) this.deps.pairs.deleteDraft(old.id);
    for (const { mentor, mentee, pinned } of rebuilt) {
      this.deps.pairs.insertDraft(cohortId, this.scored(mentor, mentee, rules, pinned), now);
    }
    // Whoever ends up without a pair (a swap with an unmatched person) is marked as unpaired by the owner.
    const stillPaired = new Set(
      this.deps.pairs.list(cohortId, ['draft']).flatMap((p) => [p.mentorId, p.menteeId]),
    );
    this.deps.cohorts.setUnmatchedReasons(
      cohortId,
      new Map([a, b].map((id) => [id, stillPaired.has(id) ? null : UNPAIRED_BY_OWNER])),
    );
    return success(this.review(cohortId)!);
  }

  /**
   * Pairs two people by hand and pins the pair so re-running keeps it. Their current draft pairs (if any)
   * are taken apart; the hard rules and the mentor's capacity still apply.
   */
  pin(actor: string, cohortId: number, mentorId: string, menteeId: string): Outcome<DraftReview> {
    const checked = this.editable(actor, cohortId, { handPairing: true });
    if (!checked.ok) return checked;
    const cohort = checked.value;
    const drafts = this.deps.pairs.list(cohortId, ['draft']);
    const menteePair = drafts.find((p) => p.menteeId === menteeId);
    if (touchesOwnPair(actor, [mentorId, menteeId], menteePair ? [menteePair] : [])) {
      return refusal('forbidden', OWN_PAIR_REFUSAL);
    }
    const candidates = this.candidates(cohort);
    const mentor = candidates.get(mentorId);
    const mentee = candidates.get(menteeId);
    if (!mentor || !mentee) return refusal('invalid', `Both people must be enrolled in “${cohort.name}”.`);
    const rules = this.rules(cohort, candidates);
    const violations = checkHardRules(mentor, mentee, rules, this.names([mentorId, menteeId]));
    if (violations.length > 0) return this.refuseHandEdit(actor, cohortId, "Can't pair them", violations);
    if (menteePair?.mentorId === mentorId) {
      this.deps.pairs.deleteDraft(menteePair.id);
    } else {
      const mentorLoad = drafts.filter((p) => p.mentorId === mentorId).length;
      if (mentorLoad >= cohort.capacity) {
        return refusal(
          'invalid',
          `<@${mentorId}> already has ${mentorLoad} mentee${mentorLoad === 1 ? '' : 's'} (this cohort allows ${cohort.capacity}). Unpair one first.`,
        );
      }
      if (menteePair) this.deps.pairs.deleteDraft(menteePair.id);
      if (menteePair) {
        this.deps.cohorts.setUnmatchedReasons(cohortId, new Map([[menteePair.mentorId, UNPAIRED_BY_OWNER]]));
      }
    }
    this.deps.pairs.insertDraft(cohortId, this.scored(mentor, mentee, rules, true), this.deps.clock());
    this.deps.cohorts.setUnmatchedReasons(
      cohortId,
      new Map([
        [mentorId, null],
        [menteeId, null],
      ]),
    );
    return success(this.review(cohortId)!);
  }

  cancel(actor: string, cohortId: number): Outcome<Cohort> {
    if (!this.deps.owners.isOwner(actor)) return refusal('forbidden', ONLY_OWNERS);
    const cohort = this.deps.cohorts.get(cohortId);
    if (!cohort) return refusal('not-found', 'That cohort no longer exists.');
    if (!canTransition(cohort.state, 'cancelled'))
      return refusal('conflict', `“${cohort.name}” has already ended.`);
    const now = this.deps.clock();
    this.deps.transaction(() => {
      if (
        !this.deps.cohorts.transition(cohortId, ['enrolling', 'matched', 'active'], 'cancelled', {
          endedAt: now,
        })
      ) {
        return;
      }
      // Nothing more goes out for this cohort, and everyone in it hears why their messages stopped.
      this.deps.outbox.cancelUnsent({ cohortId });
      for (const pair of this.deps.pairs.list(cohortId, ['active']))
        this.deps.pairs.end(pair.id, 'cancelled', now);
      const message = cohortCancelledMessage(cohort.name);
      this.deps.outbox.enqueue(
        this.deps.cohorts.enrolments(cohortId).map((e) => ({
          kind: 'cohort-cancelled' as const,
          dedupeKey: dedupeKey('cohort-cancelled', `c${cohortId}`, e.userId),
          target: { kind: 'user' as const, userId: e.userId },
          payload: { type: 'message' as const, ...message },
          cohortId,
          userId: e.userId,
        })),
        now,
      );
    });
    this.deps.logger.info(`Cohort "${cohort.name}" (#${cohortId}) cancelled by ${actor}`);
    return success(this.deps.cohorts.get(cohortId)!);
  }

  /** Enrolled people with a profile, as the matcher sees them (keyed by user id). */
  candidates(cohort: Cohort): Map<string, MatchCandidate> {
    const now = this.deps.clock();
    const enrolled = this.deps.cohorts.enrolments(cohort.id).map((e) => e.userId);
    const people = this.deps.people.getMany(enrolled);
    const waitlisted = this.deps.cohorts.waitlisted(enrolled, cohort.id);
    const map = new Map<string, MatchCandidate>();
    for (const userId of enrolled) {
      const profile = this.deps.profiles.get(userId);
      const person = people.get(userId);
      if (!profile || person?.active === false) continue;
      const offset = currentOffset(person?.timeZone ?? null, person?.tzOffsetMinutes ?? null, now);
      map.set(userId, { ...toCandidate(profile, offset), waitlisted: waitlisted.has(userId) });
    }
    return map;
  }

  rules(cohort: Cohort, candidates: ReadonlyMap<string, MatchCandidate>): MatchRules {
    const history = this.deps.pairs.history(cohort.id, [...candidates.keys()]);
    return {
      capacity: cohort.capacity,
      allowSameStage: cohort.allowSameStage,
      pastPairs: pairsWithinWindow(history, this.deps.repeatWindowDays, localDate(this.deps.clock(), 'UTC')),
      offeredTopics: cohort.topics,
    };
  }

  /** Why two people make a pair, for pairs made by hand or by a rematch. */
  reasons(mentor: MatchCandidate, mentee: MatchCandidate, cohort: Cohort) {
    return pairReasons(mentor, mentee, cohort.topics);
  }

  names(userIds: readonly string[]): Map<string, string> {
    const people = this.deps.people.getMany(userIds);
    return new Map([...people.values()].map((p) => [p.id, p.displayName]));
  }

  private scored(
    mentor: MatchCandidate,
    mentee: MatchCandidate,
    rules: MatchRules,
    pinned: boolean,
  ): MatchedPair {
    return {
      mentorId: mentor.userId,
      menteeId: mentee.userId,
      score: scorePair(mentor, mentee, resolveWeights(rules.weights), rules.offeredTopics),
      reasons: pairReasons(mentor, mentee, rules.offeredTopics),
      pinned,
    };
  }

  /**
   * Whether the owner may edit the draft pairs now. For hand pairing (pin, swap) also whether they still may:
   * this is decided before any rule is looked at, so a closed door says nothing about the pair asked for.
   */
  private editable(
    actor: string,
    cohortId: number,
    options: { handPairing?: boolean } = {},
  ): Outcome<Cohort> {
    if (!this.deps.owners.isOwner(actor)) return refusal('forbidden', ONLY_OWNERS);
    const cohort = this.deps.cohorts.get(cohortId);
    if (!cohort) return refusal('not-found', 'That cohort no longer exists.');
    if (cohort.state !== 'matched') {
      return refusal(
        'conflict',
        `Pairs of “${cohort.name}” can only be changed between matching and launch.`,
      );
    }
    if (
      options.handPairing &&
      this.deps.confidentialRefusals.count(cohortId, actor) >= CONFIDENTIAL_REFUSAL_BUDGET
    ) {
      return refusal('conflict', HAND_EDITS_CLOSED);
    }
    return success(cohort);
  }

  /** A hand edit broke a rule. A confidential one is counted against the owner's budget for this cohort. */
  private refuseHandEdit(
    actor: string,
    cohortId: number,
    what: string,
    violations: readonly HardRuleViolation[],
  ): Outcome<never> {
    if (violations.some((v) => v.kind === 'confidential')) {
      this.deps.confidentialRefusals.record(cohortId, actor, this.deps.clock());
    }
    return refusal('invalid', `${what}: ${violations.map((v) => v.message).join('; ')}.`);
  }
}

/** Whether an edit would change, create or name a draft pair the acting owner is in. */
function touchesOwnPair(actor: string, people: readonly string[], pairs: readonly Pair[]): boolean {
  return people.includes(actor) || pairs.some((p) => p.mentorId === actor || p.menteeId === actor);
}

/** The offset that applies now (DST included) when we know the zone; the cached offset otherwise. */
export function currentOffset(timeZone: string | null, cachedOffset: number | null, now: Date): number {
  if (timeZone) {
    try {
      return offsetMinutesAt(now, timeZone);
    } catch {
      // An unknown zone name: fall back to what Slack told us.
    }
  }
  return cachedOffset ?? 0;
}

export function toCandidate(profile: Profile, tzOffsetMinutes: number): MatchCandidate {
  return {
    userId: profile.userId,
    role: profile.role,
    topics: profile.topics,
    careerStage: profile.careerStage,
    team: profile.team,
    tzOffsetMinutes,
    blocked: profile.blockedUserIds,
  };
}
