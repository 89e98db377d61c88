import type { Logger } from '@slack/logger';
import type { CohortRepository } from '../db/repositories/cohorts.js';
import type { ConfidentialRefusalRepository } from '../db/repositories/confidential-refusals.js';
import type { FlagRepository } from '../db/repositories/flags.js';
import type { OutboxRepository } from '../db/repositories/outbox.js';
import type { PairRepository } from '../db/repositories/pairs.js';
import type { PauseRepository } from '../db/repositories/pauses.js';
import type { PeopleRepository } from '../db/repositories/people.js';
import type { Cohort } from '../domain/cohort.js';
import { checkHardRules, type MatchCandidate, resolveWeights, scorePair } from '../domain/matching/index.js';
import { dedupeKey, type OutboxDraft } from '../domain/outbox.js';
import { type Pair, partnerOf } from '../domain/pair.js';
import { formatDate, isValidTimeZone, localDate } from '../domain/time.js';
import { ACTIONS } from '../slack/ids.js';
import { button, escapeMrkdwn } from '../slack/views/blocks.js';
import type { Message } from '../slack/views/messages.js';
import {
  pairEndedMessage,
  partnerGoneMessage,
  partnerLeftMessage,
  pausedPartnerMessage,
  resumedPartnerMessage,
} from '../slack/views/schedule-messages.js';
import type { AlertService } from './alerts.js';
import { type CohortService, OWN_PAIR_REFUSAL } from './cohorts.js';
import type { LaunchService } from './launch.js';
import { ONLY_OWNERS, type Outcome, refusal, success } from './outcome.js';
import type { OwnerService } from './owners.js';
import type { Clock } from './ports.js';

export interface PairLifeDeps {
  pairs: PairRepository;
  cohorts: CohortRepository;
  people: PeopleRepository;
  pauses: PauseRepository;
  flags: FlagRepository;
  outbox: OutboxRepository;
  owners: OwnerService;
  alerts: AlertService;
  cohortService: CohortService;
  launch: LaunchService;
  clock: Clock;
  logger: Logger;
  transaction: <T>(work: () => T) => T;
  repeatWindowDays: number | null;
  confidentialRefusals: ConfidentialRefusalRepository;
}

export const PAUSE_CHOICES = { '1w': 7, '2w': 14, '4w': 28, open: null } as const;
export type PauseChoice = keyof typeof PAUSE_CHOICES;

/**
 * A pause length typed or chosen by a person, or null when it isn't one. Looked up as an own key: `in` would
 * also accept "constructor", "toString" or "__proto__" from the object's prototype.
 */
export function parsePauseChoice(raw: string | null | undefined): PauseChoice | null {
  if (typeof raw !== 'string' || !Object.hasOwn(PAUSE_CHOICES, raw)) return null;
  return raw as PauseChoice;
}

/** Pausing, resuming, leaving a pair and rematching the partner who stays. */
export class PairLifeService {
  constructor(private readonly deps: PairLifeDeps) {}

  /** The active pairs a person is in (a mentor may have several mentees). */
  activePairsOf(userId: string): Pair[] {
    const cohort = this.deps.cohorts.openCohortOf(userId);
    if (cohort?.state !== 'active') return [];
    return this.deps.pairs.pairsOf(userId, cohort.id, ['active']);
  }

  pause(userId: string, raw: string): Outcome<{ until: Date | null; untilText: string | null }> {
    const choice = parsePauseChoice(raw);
    if (!choice) return refusal('invalid', 'Choose how long: one, two or four weeks, or until you resume.');
    const now = this.deps.clock();
    const days = PAUSE_CHOICES[choice];
    const until = days === null ? null : new Date(now.getTime() + days * 86_400_000);
    // Everything that can fail (dates, words) is worked out before anything is written, and the writes go
    // together: a pause is either recorded with its notices, or not at all.
    const untilText = until ? formatDate(localDate(until, this.zoneOf(userId))) : null;
    const notices = this.partnerNotices(userId, 'partner-paused', pausedPartnerMessage(userId, untilText));
    this.deps.transaction(() => {
      this.deps.people.ensure(userId, userId, now);
      this.deps.pauses.set(userId, now, until);
      this.enqueue(notices);
    });
    return success({ until, untilText });
  }

  resume(userId: string): Outcome<{ wasPaused: boolean }> {
    const notices = this.partnerNotices(userId, 'partner-resumed', resumedPartnerMessage(userId));
    const wasPaused = this.deps.transaction(() => {
      const cleared = this.deps.pauses.clear(userId);
      if (!cleared) return false;
      this.enqueue(notices);
      // What waited for the break to end goes now, not when it would have ended.
      this.deps.outbox.readyAfterPause(userId, this.deps.pairs.idsOf(userId), this.deps.clock());
      return true;
    });
    return success({ wasPaused });
  }

  /** The person's own time zone, for dates shown to them (UTC when unknown or not a zone we can use). */
  zoneOf(userId: string): string {
    const zone = this.deps.people.get(userId)?.timeZone;
    return zone && isValidTimeZone(zone) ? zone : 'UTC';
  }

  /** A note to each of the person's current partners about them (a pause, a return). */
  private partnerNotices(userId: string, key: string, message: Message): OutboxDraft[] {
    const now = this.deps.clock();
    return this.activePairsOf(userId).map((pair) => {
      const partner = partnerOf(pair, userId)!;
      return {
        kind: 'partner-update' as const,
        dedupeKey: dedupeKey(key, `p${pair.id}`, userId, now.getTime()),
        target: { kind: 'user' as const, userId: partner },
        payload: { type: 'message' as const, ...message },
        cohortId: pair.cohortId,
        pairId: pair.id,
        userId: partner,
      };
    });
  }

  /**
   * Ends the person's pairs (a mentor may have several) and takes them out of the cohort, so they aren't
   * offered to anyone as a new partner. Each partner is told kindly (never the reason); owners get the
   * private reason and a button to find each partner someone new. Anything still queued is cancelled.
   */
  leavePair(userId: string, reason: string | null): Outcome<{ pairs: Pair[]; reasonHeld: boolean }> {
    const pairs = this.activePairsOf(userId);
    if (pairs.length === 0) return refusal('not-found', "You're not in an active pair right now.");
    const now = this.deps.clock();
    const cohort = this.deps.cohorts.get(pairs[0]!.cohortId);
    let reasonHeld = false;
    this.deps.transaction(() => {
      for (const pair of pairs) {
        const partner = partnerOf(pair, userId)!;
        this.deps.pairs.end(pair.id, 'left', now, { endedBy: userId, leaveReason: reason });
        this.deps.outbox.cancelUnsent({ pairId: pair.id });
        this.deps.flags.raise(
          { cohortId: pair.cohortId, pairId: pair.id, userId, kind: 'left', cycle: 0 },
          now,
        );
        this.deps.outbox.enqueue(
          [
            {
              kind: 'partner-left',
              dedupeKey: dedupeKey('partner-left', `p${pair.id}`),
              target: { kind: 'user', userId: partner },
              payload: { type: 'message', ...partnerLeftMessage(userId) },
              cohortId: pair.cohortId,
              pairId: pair.id,
              userId: partner,
            },
          ],
          now,
        );
        const delivery = this.deps.alerts.notifyOwners(
          dedupeKey('left', `p${pair.id}`),
          'Someone left their pair',
          `<@${userId}> left their pair with <@${partner}> in ${escapeMrkdwn(cohort?.name ?? 'a cohort')}.\n` +
            `*Their reason (private, for owners only):* ${reason ? escapeMrkdwn(reason) : '_none given_'}`,
          {
            cohortId: pair.cohortId,
            pairId: pair.id,
            raisedBy: userId,
            buttons: [
              button('Find a new partner', ACTIONS.rematch, { value: String(pair.id), style: 'primary' }),
            ],
          },
        );
        if (delivery === 'held' && reason) reasonHeld = true;
      }
      if (cohort) this.deps.cohorts.unenrol(cohort.id, userId);
    });
    return success({ pairs, reasonHeld });
  }

  /**
   * Someone's Slack account was deactivated (or deleted). Each pair they were in ends — nothing more could
   * reach them, and their partner shouldn't be left waiting on someone who is gone: the partner is told kindly
   * that they can be introduced to someone new (and still gets the end-of-cohort survey), and owners get a
   * note with a button to find them a new partner. Told once, however many ticks notice it.
   */
  personDeactivated(userId: string): void {
    const now = this.deps.clock();
    const pairs = this.activePairsOf(userId);
    this.deps.transaction(() => {
      for (const pair of pairs) {
        const partner = partnerOf(pair, userId)!;
        if (!this.deps.pairs.end(pair.id, 'inactive', now, { endedBy: userId })) continue;
        this.deps.outbox.cancelUnsent({ pairId: pair.id });
        this.enqueue([
          {
            kind: 'partner-left',
            dedupeKey: dedupeKey('partner-left', `p${pair.id}`),
            target: { kind: 'user', userId: partner },
            payload: { type: 'message', ...partnerGoneMessage(userId) },
            cohortId: pair.cohortId,
            pairId: pair.id,
            userId: partner,
          },
        ]);
        this.deps.alerts.notifyOwners(
          dedupeKey('inactive', `p${pair.id}`),
          'Someone can no longer be reached',
          `<@${userId}>'s Slack account is deactivated, so their pair with <@${partner}> has ended. ` +
            `<@${partner}> has been told kindly and can be introduced to someone new.`,
          {
            cohortId: pair.cohortId,
            pairId: pair.id,
            buttons: [
              button('Find a new partner', ACTIONS.rematch, { value: String(pair.id), style: 'primary' }),
            ],
          },
        );
      }
      if (pairs.length === 0) {
        this.deps.alerts.notifyOwners(
          dedupeKey('inactive', userId),
          'Someone can no longer be reached',
          `<@${userId}>'s Slack account is deactivated. They are in no running pair, and won't be matched.`,
        );
      }
    });
  }

  /**
   * Finds the partner left behind the best available new partner in the same cohort: someone not in an
   * active pair (or a mentor with a free place), who passes every hard rule — including "not the same two
   * again". Introduces them through the outbox.
   */
  rematch(actor: string, pairId: number): Outcome<{ newPair: Pair | null; partner: string }> {
    if (!this.deps.owners.isOwner(actor)) return refusal('forbidden', ONLY_OWNERS);
    const ended = this.deps.pairs.get(pairId);
    if (ended?.state !== 'ended') return refusal('not-found', 'That pair is not one that has ended.');
    if (partnerOf(ended, actor)) return refusal('forbidden', OWN_PAIR_REFUSAL);
    const cohort = this.deps.cohorts.get(ended.cohortId);
    if (cohort?.state !== 'active') return refusal('conflict', 'That cohort is no longer running.');
    const stayer = ended.endedBy === ended.mentorId ? ended.menteeId : ended.mentorId;
    const elsewhere = this.deps.cohorts.openCohortOf(stayer);
    if (elsewhere && elsewhere.id !== cohort.id) {
      return refusal(
        'conflict',
        `<@${stayer}> has joined “${elsewhere.name}” since; they'll be paired there.`,
      );
    }
    // A mentee needs one partner; a mentor may still have room next to their other mentees.
    const current = this.deps.pairs.pairsOf(stayer, cohort.id, ['active']);
    const full = stayer === ended.menteeId ? current.length > 0 : current.length >= cohort.capacity;
    if (full) return refusal('conflict', `<@${stayer}> already has a new partner.`);
    return success({ newPair: this.pairAnew(actor, cohort, stayer, ended.endedBy), partner: stayer });
  }

  /**
   * A pairing that isn't working ("not a fit"): the owner ends it. Both are told kindly and without the
   * reason, and each gets the best available new partner.
   */
  endAndRematch(
    actor: string,
    pairId: number,
  ): Outcome<{ results: { userId: string; newPair: Pair | null }[] }> {
    if (!this.deps.owners.isOwner(actor)) return refusal('forbidden', ONLY_OWNERS);
    const pair = this.deps.pairs.get(pairId);
    if (pair && partnerOf(pair, actor)) return refusal('forbidden', OWN_PAIR_REFUSAL);
    if (pair?.state !== 'active') return refusal('conflict', 'That pair has already ended.');
    const cohort = this.deps.cohorts.get(pair.cohortId);
    if (cohort?.state !== 'active') return refusal('conflict', 'That cohort is no longer running.');
    const now = this.deps.clock();
    this.deps.transaction(() => {
      this.deps.pairs.end(pair.id, 'rematched', now, { endedBy: actor });
      this.deps.outbox.cancelUnsent({ pairId: pair.id });
      this.deps.flags.resolveForPair(pair.id, now);
      this.deps.outbox.enqueue(
        [pair.mentorId, pair.menteeId].map((userId) => ({
          kind: 'partner-left' as const,
          dedupeKey: dedupeKey('pair-ended', `p${pair.id}`, userId),
          target: { kind: 'user' as const, userId },
          payload: { type: 'message' as const, ...pairEndedMessage() },
          cohortId: pair.cohortId,
          pairId: pair.id,
          userId,
        })),
        now,
      );
    });
    const results = [pair.mentorId, pair.menteeId].map((userId) => ({
      userId,
      newPair: this.pairAnew(actor, cohort, userId, userId === pair.mentorId ? pair.menteeId : pair.mentorId),
    }));
    return success({ results });
  }

  /** The best free partner for `person` in the cohort under every hard rule, introduced at once; null if none. */
  /**
   * The owner who asked is never a candidate: they don't make pairs that include themselves, and the answer
   * can't tell them anything about rules concerning them. When a rule they can't see changed who was chosen,
   * that spends their budget of such answers, as a hand edit would.
   */
  private pairAnew(actor: string, cohort: Cohort, personId: string, exclude: string | null): Pair | null {
    const candidates = this.deps.cohortService.candidates(cohort);
    const person = candidates.get(personId);
    if (!person) return null;
    const active = this.deps.pairs.list(cohort.id, ['active']);
    const load = new Map<string, number>();
    for (const p of active) load.set(p.mentorId, (load.get(p.mentorId) ?? 0) + 1);
    const busy = new Set(active.map((p) => p.menteeId));
    const rules = this.deps.cohortService.rules(cohort, candidates);
    const pastPairs = [
      ...rules.pastPairs,
      ...this.deps.pairs.list(cohort.id, ['ended']).map((p) => [p.mentorId, p.menteeId] as [string, string]),
    ];
    const weights = resolveWeights(rules.weights);
    const choose = (hidden: boolean) => {
      let best: { mentor: MatchCandidate; mentee: MatchCandidate; score: number } | null = null;
      for (const other of [...candidates.values()].sort((a, b) => a.userId.localeCompare(b.userId))) {
        if (other.userId === personId || other.role === person.role) continue;
        if (other.userId === exclude || other.userId === actor) continue;
        // Someone who has since joined another cohort belongs to that one now.
        const elsewhere = this.deps.cohorts.openCohortOf(other.userId);
        if (elsewhere && elsewhere.id !== cohort.id) continue;
        const mentor = person.role === 'mentor' ? person : other;
        const mentee = person.role === 'mentor' ? other : person;
        if (busy.has(mentee.userId) || (load.get(mentor.userId) ?? 0) >= cohort.capacity) continue;
        const broken = hidden
          ? checkHardRules(mentor, mentee, { ...rules, pastPairs })
          : checkHardRules(
              { ...mentor, blocked: [] },
              { ...mentee, blocked: [] },
              { ...rules, pastPairs: [] },
            );
        if (broken.length > 0) continue;
        const score = scorePair(mentor, mentee, weights, rules.offeredTopics);
        if (!best || score > best.score) best = { mentor, mentee, score };
      }
      return best;
    };
    const best = choose(true);
    const predicted = choose(false);
    const now = this.deps.clock();
    if (
      best?.mentor.userId !== predicted?.mentor.userId ||
      best?.mentee.userId !== predicted?.mentee.userId
    ) {
      this.deps.confidentialRefusals.record(cohort.id, actor, now);
    }
    if (!best) return null;
    const { mentor, mentee, score } = best;
    return this.deps.transaction(() => {
      const draft = this.deps.pairs.insertDraft(
        cohort.id,
        {
          mentorId: mentor.userId,
          menteeId: mentee.userId,
          score,
          reasons: this.deps.cohortService.reasons(mentor, mentee, cohort),
          pinned: false,
        },
        now,
      );
      const intro = this.deps.launch.introduce(cohort, draft, now);
      if (intro) this.deps.outbox.enqueue([intro], now);
      return this.deps.pairs.get(draft.id);
    });
  }

  private enqueue(drafts: OutboxDraft[]): void {
    this.deps.outbox.enqueue(drafts, this.deps.clock());
  }
}
