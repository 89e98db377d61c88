import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CAREER_STAGES,
  type CareerStage,
  careerStageRank,
  type TopicKey,
} from '../../../src/domain/catalogue.js';
import {
  buildCostMatrix,
  buildScoreMatrix,
  CohortGrid,
  prepareCohort,
} from '../../../src/domain/matching/cohort.js';
import { greedyMatch } from '../../../src/domain/matching/greedy.js';
import { matchCohort } from '../../../src/domain/matching/match.js';
import { describeReasons, describeUnmatched, pairReasons } from '../../../src/domain/matching/reasons.js';
import { CONFIDENTIAL_MESSAGE } from '../../../src/domain/matching/rules.js';
import { resolveWeights, scorePair } from '../../../src/domain/matching/scoring.js';
import type { MatchCandidate, MatchResult, MatchRules } from '../../../src/domain/matching/types.js';

// ---------------------------------------------------------------------------------------------------
// Independent oracle: the hard rules written out again, and brute-force enumeration of every matching.

function pairAllowed(mentor: MatchCandidate, mentee: MatchCandidate, rules: MatchRules): boolean {
  if (mentor.userId === mentee.userId) return false;
  const gap = careerStageRank(mentee.careerStage) - careerStageRank(mentor.careerStage);
  if (gap < 0 || (gap === 0 && !rules.allowSameStage)) return false;
  const mentorTeam = mentor.team.trim().toLowerCase();
  if (!rules.allowSameTeam && mentorTeam !== '' && mentorTeam === mentee.team.trim().toLowerCase())
    return false;
  if (mentor.blocked.includes(mentee.userId) || mentee.blocked.includes(mentor.userId)) return false;
  return !rules.pastPairs.some(
    ([a, b]) => (a === mentor.userId && b === mentee.userId) || (a === mentee.userId && b === mentor.userId),
  );
}

/**
 * The oracle's pair score: scorePair's fit (on the two with the waitlist flags cleared) plus the waitlist
 * bonus written out again, once per waitlisted member — so a matcher that drops or doubles the bonus
 * anywhere, scorePair included, disagrees with it.
 */
function scoreOf(mentor: MatchCandidate, mentee: MatchCandidate, rules: MatchRules): number {
  const weights = resolveWeights(rules.weights);
  const fit = scorePair(
    { ...mentor, waitlisted: false },
    { ...mentee, waitlisted: false },
    weights,
    rules.offeredTopics,
  );
  return fit + weights.waitlisted * ((mentor.waitlisted ? 1 : 0) + (mentee.waitlisted ? 1 : 0));
}

interface Optimum {
  /** Pairs, pins included. */
  readonly pairs: number;
  /** Lowest score among the pairs that aren't pinned; null when there are none. */
  readonly min: number | null;
  /** Total score, pins included. */
  readonly total: number;
}

/** Sum-only order: the highest total, and among those the most pairs (the documented tie-break). */
function betterSum(a: Optimum, b: Optimum): boolean {
  return a.total > b.total || (a.total === b.total && a.pairs > b.pairs);
}

/** Fair order: the most pairs, then the highest lowest (non-pinned) pair score, then the highest total. */
function betterFair(a: Optimum, b: Optimum): boolean {
  if (a.pairs !== b.pairs) return a.pairs > b.pairs;
  const am = a.min ?? Number.POSITIVE_INFINITY;
  const bm = b.min ?? Number.POSITIVE_INFINITY;
  if (am !== bm) return am > bm;
  return a.total > b.total;
}

/**
 * The best matching that contains the pins under both orders, by visiting every valid matching. Written
 * independently of the matcher: it knows nothing of thresholds, costs or certificates.
 */
function bruteForce(
  candidates: readonly MatchCandidate[],
  rules: MatchRules,
): { sum: Optimum; fair: Optimum; matchings: number } {
  const mentors = candidates.filter((c) => c.role === 'mentor');
  const mentees = candidates.filter((c) => c.role === 'mentee');
  const load = new Map(mentors.map((m) => [m.userId, 0]));
  let pinnedTotal = 0;
  const pinnedMentees = new Set<string>();
  for (const p of rules.pinned ?? []) {
    const mentor = mentors.find((m) => m.userId === p.mentorId)!;
    const mentee = mentees.find((m) => m.userId === p.menteeId)!;
    pinnedTotal += scoreOf(mentor, mentee, rules);
    load.set(p.mentorId, load.get(p.mentorId)! + 1);
    pinnedMentees.add(p.menteeId);
  }
  const open = mentees.filter((m) => !pinnedMentees.has(m.userId));
  const pins = rules.pinned?.length ?? 0;
  let sum: Optimum = { pairs: pins, min: null, total: pinnedTotal };
  let fair = sum;
  let matchings = 0;
  const go = (k: number, pairs: number, min: number | null, total: number): void => {
    if (k === open.length) {
      matchings++;
      const here = { pairs, min, total };
      if (betterSum(here, sum)) sum = here;
      if (betterFair(here, fair)) fair = here;
      return;
    }
    go(k + 1, pairs, min, total); // this mentee stays unmatched
    const mentee = open[k]!;
    for (const mentor of mentors) {
      const used = load.get(mentor.userId)!;
      if (used >= rules.capacity || !pairAllowed(mentor, mentee, rules)) continue;
      load.set(mentor.userId, used + 1);
      const score = scoreOf(mentor, mentee, rules);
      go(k + 1, pairs + 1, min === null ? score : Math.min(min, score), total + score);
      load.set(mentor.userId, used);
    }
  };
  go(0, pins, null, pinnedTotal);
  return { sum, fair, matchings };
}

function optimumOf(result: MatchResult): Optimum {
  return { pairs: result.pairs.length, min: result.bottleneckScore, total: result.totalScore };
}

function assertRespectsRules(result: MatchResult, candidates: readonly MatchCandidate[], rules: MatchRules) {
  const mentorById = new Map(candidates.filter((c) => c.role === 'mentor').map((c) => [c.userId, c]));
  const menteeById = new Map(candidates.filter((c) => c.role === 'mentee').map((c) => [c.userId, c]));
  const perMentor = new Map<string, number>();
  const seenMentees = new Set<string>();
  for (const p of result.pairs) {
    const mentor = mentorById.get(p.mentorId);
    const mentee = menteeById.get(p.menteeId);
    expect(mentor, `mentor ${p.mentorId} exists`).toBeDefined();
    expect(mentee, `mentee ${p.menteeId} exists`).toBeDefined();
    expect(pairAllowed(mentor!, mentee!, rules), `${p.mentorId} → ${p.menteeId} allowed`).toBe(true);
    expect(p.score).toBe(scoreOf(mentor!, mentee!, rules));
    expect(p.score).toBeGreaterThan(0);
    perMentor.set(p.mentorId, (perMentor.get(p.mentorId) ?? 0) + 1);
    expect(seenMentees.has(p.menteeId), `${p.menteeId} matched once`).toBe(false);
    seenMentees.add(p.menteeId);
  }
  for (const count of perMentor.values()) expect(count).toBeLessThanOrEqual(rules.capacity);
  expect(result.totalScore).toBe(result.pairs.reduce((s, p) => s + p.score, 0));
  const chosen = result.pairs.filter((p) => !p.pinned).map((p) => p.score);
  expect(result.bottleneckScore).toBe(chosen.length > 0 ? Math.min(...chosen) : null);
  // Everyone appears exactly once: in a pair or in the unmatched list.
  for (const c of candidates) {
    const inPairs = result.pairs.some((p) => (c.role === 'mentor' ? p.mentorId : p.menteeId) === c.userId);
    const unmatched = result.unmatched.filter((u) => u.userId === c.userId && u.role === c.role).length;
    expect((inPairs ? 1 : 0) + unmatched, `${c.role} ${c.userId} accounted for once`).toBe(1);
  }
  for (const pin of rules.pinned ?? []) {
    expect(result.pairs).toContainEqual(expect.objectContaining({ ...pin, pinned: true }));
  }
  expect(result.pairs.filter((p) => p.pinned)).toHaveLength(rules.pinned?.length ?? 0);
  expect(result.rejectedPins).toEqual([]);
}

// ---------------------------------------------------------------------------------------------------
// Arbitraries

const TOPICS: TopicKey[] = [
  'ai-tools',
  'social-media',
  'data-analytics',
  'diversity-inclusion',
  'other:podcasting',
];
const TEAMS = ['Sales', ' sales ', 'Engineering', 'Data', ''];
const OFFSETS = [-600, -480, -300, 0, 60, 330, 345, 540, 780];

const FLAT_WEIGHTS = {
  base: 1,
  perSharedTopic: 1,
  differentTeams: 0,
  stageGap: [0, 0, 0, 0] as const,
  nearbyTimeZones: 0,
  penaltyPerHourBeyond: 0,
};

/**
 * A shared topic worth far more than a pair: here the highest total often pairs fewer people, or gives
 * someone a poor partner, so the fair and sum objectives disagree.
 */
const TOPICAL_WEIGHTS = { ...FLAT_WEIGHTS, perSharedTopic: 60 };

const personArb = fc.record({
  careerStage: fc.constantFrom<CareerStage>(...CAREER_STAGES),
  topics: fc.subarray(TOPICS, { minLength: 0, maxLength: 4 }),
  team: fc.constantFrom(...TEAMS),
  tzOffsetMinutes: fc.constantFrom(...OFFSETS),
  // Left out last time: set, unset or absent (absent means not waitlisted).
  waitlisted: fc.option(fc.boolean(), { nil: undefined }),
});

interface Scenario {
  readonly candidates: MatchCandidate[];
  readonly rules: MatchRules;
}

function scenarioArb(maxMentors: number, maxMentees: number, maxCapacity = 3): fc.Arbitrary<Scenario> {
  return fc
    .record({
      mentors: fc.array(personArb, { maxLength: maxMentors }),
      mentees: fc.array(personArb, { maxLength: maxMentees }),
      // Bad input: the first mentee reuses the first mentor's user id.
      sharedId: fc.boolean(),
      capacity: fc.integer({ min: 1, max: maxCapacity }),
      allowSameStage: fc.boolean(),
      // Absent means the default: same-team pairs forbidden.
      allowSameTeam: fc.option(fc.boolean(), { nil: undefined }),
      offered: fc.option(fc.subarray(TOPICS), { nil: undefined }),
      // Flat weights make equal totals common, which exercises the tie-breaks.
      flat: fc.boolean(),
      topical: fc.boolean(),
      // The waitlist bonus: the default (120) or one that ties with, or loses to, other parts of a pair.
      waitlistBonus: fc.option(fc.constantFrom(0, 1, 2, 7), { nil: undefined }),
      seed: fc.array(fc.nat(), { minLength: 40, maxLength: 40 }),
    })
    .chain((base) => {
      const mentorIds = base.mentors.map((_, i) => `M${i}`);
      const menteeIds = base.mentees.map((_, i) =>
        i === 0 && base.sharedId && mentorIds.length > 0 ? 'M0' : `E${i}`,
      );
      const everyone = [...mentorIds, ...menteeIds];
      const idArb = everyone.length > 0 ? fc.constantFrom(...everyone) : fc.constant('nobody');
      return fc.record({
        base: fc.constant(base),
        mentorIds: fc.constant(mentorIds),
        menteeIds: fc.constant(menteeIds),
        blocks: fc.array(fc.tuple(idArb, idArb), { maxLength: 4 }),
        pastPairs: fc.array(fc.tuple(idArb, idArb), { maxLength: 4 }),
        pinTries: fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 3 }),
      });
    })
    .map(({ base, mentorIds, menteeIds, blocks, pastPairs, pinTries }) => {
      const blockedBy = (id: string) => blocks.filter(([a]) => a === id).map(([, b]) => b);
      const candidates: MatchCandidate[] = [
        ...base.mentors.map((p, i) => ({
          ...p,
          userId: mentorIds[i]!,
          role: 'mentor' as const,
          blocked: blockedBy(mentorIds[i]!),
        })),
        ...base.mentees.map((p, i) => ({
          ...p,
          userId: menteeIds[i]!,
          role: 'mentee' as const,
          blocked: blockedBy(menteeIds[i]!),
        })),
      ];
      const rules: MatchRules = {
        capacity: base.capacity,
        allowSameStage: base.allowSameStage,
        ...(base.allowSameTeam !== undefined ? { allowSameTeam: base.allowSameTeam } : {}),
        pastPairs,
        ...(base.offered ? { offeredTopics: base.offered } : {}),
        ...(base.flat || base.topical || base.waitlistBonus !== undefined
          ? {
              weights: {
                ...(base.flat ? FLAT_WEIGHTS : {}),
                ...(base.topical ? TOPICAL_WEIGHTS : {}),
                ...(base.waitlistBonus !== undefined ? { waitlisted: base.waitlistBonus } : {}),
              },
            }
          : {}),
      };
      // Valid pins only: allowed pairs, a mentee at most once, within capacity.
      const mentors = candidates.filter((c) => c.role === 'mentor');
      const mentees = candidates.filter((c) => c.role === 'mentee');
      const pinned: { mentorId: string; menteeId: string }[] = [];
      if (mentors.length > 0 && mentees.length > 0) {
        for (const [a, b] of pinTries) {
          const mentor = mentors[a % mentors.length]!;
          const mentee = mentees[b % mentees.length]!;
          const load = pinned.filter((p) => p.mentorId === mentor.userId).length;
          if (
            pairAllowed(mentor, mentee, rules) &&
            load < rules.capacity &&
            !pinned.some((p) => p.menteeId === mentee.userId)
          ) {
            pinned.push({ mentorId: mentor.userId, menteeId: mentee.userId });
          }
        }
      }
      return { candidates, rules: { ...rules, pinned } };
    });
}

function shuffled<T>(items: readonly T[], keys: readonly number[]): T[] {
  return items
    .map((item, i) => ({ item, key: keys[i % keys.length]! * 1000 + ((i * 7919) % 997) }))
    .sort((a, b) => a.key - b.key)
    .map(({ item }) => item);
}

// ---------------------------------------------------------------------------------------------------

describe('matchCohort properties', () => {
  it('sum objective: keeps every hard rule and the pins, and reaches the brute-force optimum on small cohorts', () => {
    fc.assert(
      fc.property(scenarioArb(5, 6), ({ candidates, rules }) => {
        const result = matchCohort(candidates, rules, { objective: 'sum' });
        assertRespectsRules(result, candidates, rules);
        const best = bruteForce(candidates, rules).sum;
        expect(result.totalScore).toBe(best.total);
        expect(result.pairs).toHaveLength(best.pairs);
      }),
      { numRuns: 1000 },
    );
  });

  it('fair by default: the most pairs, then the best lowest score, then the best total — as brute force finds them', () => {
    fc.assert(
      fc.property(scenarioArb(6, 6, 2), ({ candidates, rules }) => {
        const result = matchCohort(candidates, rules);
        assertRespectsRules(result, candidates, rules);
        const { fair } = bruteForce(candidates, rules);
        expect(optimumOf(result)).toEqual(fair);
        expect(matchCohort(candidates, rules, { objective: 'fair' })).toEqual(result);
      }),
      { numRuns: 600 },
    );
  });

  it('fair and sum agree with each other where they must, and each is best in its own order', () => {
    fc.assert(
      fc.property(scenarioArb(6, 6, 2), ({ candidates, rules }) => {
        const fair = optimumOf(matchCohort(candidates, rules));
        const sum = optimumOf(matchCohort(candidates, rules, { objective: 'sum' }));
        expect(betterFair(sum, fair)).toBe(false);
        expect(betterSum(fair, sum)).toBe(false);
        expect(fair.pairs).toBeGreaterThanOrEqual(sum.pairs);
        expect(sum.total).toBeGreaterThanOrEqual(fair.total);
      }),
      { numRuns: 300 },
    );
  });

  it('gives the same result whatever order the input arrives in', () => {
    fc.assert(
      fc.property(
        scenarioArb(8, 10),
        fc.array(fc.nat({ max: 1000 }), { minLength: 1, maxLength: 30 }),
        ({ candidates, rules }, keys) => {
          const reordered: MatchRules = {
            ...rules,
            pastPairs: shuffled(rules.pastPairs, keys).map(([a, b], i) => (i % 2 === 0 ? [b, a] : [a, b])),
            pinned: shuffled(rules.pinned ?? [], keys),
          };
          const shuffledCandidates = shuffled(candidates, keys).map((c) => ({
            ...c,
            topics: [...c.topics].reverse(),
            blocked: [...c.blocked].reverse(),
          }));
          expect(matchCohort(shuffledCandidates, reordered)).toEqual(matchCohort(candidates, rules));
          const sum = { objective: 'sum' } as const;
          expect(matchCohort(shuffledCandidates, reordered, sum)).toEqual(
            matchCohort(candidates, rules, sum),
          );
        },
      ),
      { numRuns: 200 },
    );
  });

  it('never does worse than greedy in its own order, and all three keep the rules, on medium cohorts', () => {
    fc.assert(
      fc.property(scenarioArb(30, 40), ({ candidates, rules }) => {
        const fair = matchCohort(candidates, rules);
        const sum = matchCohort(candidates, rules, { objective: 'sum' });
        const greedy = greedyMatch(candidates, rules);
        assertRespectsRules(fair, candidates, rules);
        assertRespectsRules(sum, candidates, rules);
        assertRespectsRules(greedy, candidates, rules);
        expect(sum.totalScore).toBeGreaterThanOrEqual(greedy.totalScore);
        expect(betterFair(optimumOf(greedy), optimumOf(fair))).toBe(false);
        expect(betterFair(optimumOf(sum), optimumOf(fair))).toBe(false);
      }),
      { numRuns: 100 },
    );
  });

  it('scores the matrix exactly as scorePair does, and forbids exactly the disallowed pairs', () => {
    fc.assert(
      fc.property(scenarioArb(6, 6), ({ candidates, rules }) => {
        const prepared = prepareCohort(candidates, rules);
        const { rowMentee, colMentor, scores } = buildScoreMatrix(prepared);
        rowMentee.forEach((e, r) => {
          colMentor.forEach((m, c) => {
            const mentor = prepared.mentors[m]!;
            const mentee = prepared.mentees[e]!;
            const allowed = pairAllowed(mentor, mentee, rules);
            const expected = allowed ? scoreOf(mentor, mentee, rules) : 0;
            expect(scores[r * colMentor.length + c]).toBe(expected);
            if (allowed)
              expect(expected).toBe(scorePair(mentor, mentee, prepared.weights, rules.offeredTopics));
          });
        });
      }),
      { numRuns: 200 },
    );
  });

  it('computes rows and cells on demand exactly as it stores them', () => {
    fc.assert(
      fc.property(scenarioArb(8, 8), ({ candidates, rules }) => {
        const prepared = prepareCohort(candidates, rules);
        const stored = new CohortGrid(prepared, { storeCells: true });
        const computed = new CohortGrid(prepared, { storeCells: false });
        const table = stored.table((s) => s * 10 + 1, -1);
        expect(computed.dense(table)).toEqual(stored.dense(table));
        for (let r = 0; r < stored.rows; r++) {
          for (let c = 0; c < stored.cols; c++) {
            expect(computed.cell(r, c, table)).toBe(stored.cell(r, c, table));
            expect(stored.cell(r, c, table)).toBe(stored.dense(table)[r * stored.cols + c]);
          }
        }
        expect(buildScoreMatrix(prepared, { storeCells: false })).toEqual(buildScoreMatrix(prepared));
      }),
      { numRuns: 200 },
    );
  });

  it('gives the solver the waitlist bonus as per-row and per-column shifts of the costs', () => {
    fc.assert(
      fc.property(scenarioArb(6, 6), ({ candidates, rules }) => {
        const withFlags = buildCostMatrix(prepareCohort(candidates, rules));
        const cleared = candidates.map((c) => ({ ...c, waitlisted: false }));
        const without = buildCostMatrix(prepareCohort(cleared, rules));
        expect(without.shift).toBeNull();
        const anyone = candidates.some((c) => c.waitlisted) && resolveWeights(rules.weights).waitlisted > 0;
        expect(withFlags.shift !== null).toBe(anyone);
        const cols = withFlags.colMentor.length;
        withFlags.cost.forEach((cost, k) => {
          const r = Math.floor(k / cols);
          const c = k % cols;
          const shift = (withFlags.shift?.row[r] ?? 0) + (withFlags.shift?.col[c] ?? 0);
          expect(cost - shift).toBe(without.cost[k]);
        });
      }),
      { numRuns: 200 },
    );
  });

  it('never leaves a waitlisted person out while a partner they could have had went to someone who is not', () => {
    // With the default weights the bonus (120) is more than the whole spread of the rest of a pair's
    // score (113), so swapping the waitlisted person in would always raise the total.
    fc.assert(
      fc.property(scenarioArb(12, 16), ({ candidates, rules: generated }) => {
        const rules: MatchRules = { ...generated, weights: {} };
        const result = matchCohort(candidates, rules);
        const mentors = candidates.filter((c) => c.role === 'mentor');
        const mentees = candidates.filter((c) => c.role === 'mentee');
        const waitlistedMentors = new Set(mentors.filter((c) => c.waitlisted).map((c) => c.userId));
        const waitlistedMentees = new Set(mentees.filter((c) => c.waitlisted).map((c) => c.userId));
        for (const left of result.unmatched) {
          if (!(left.role === 'mentor' ? waitlistedMentors : waitlistedMentees).has(left.userId)) continue;
          if (left.role === 'mentee') {
            const mentee = mentees.find((c) => c.userId === left.userId)!;
            for (const mentor of mentors.filter((m) => pairAllowed(m, mentee, rules))) {
              const theirs = result.pairs.filter((p) => p.mentorId === mentor.userId);
              expect(theirs.length, `${mentor.userId} had a place left for ${mentee.userId}`).toBe(
                rules.capacity,
              );
              for (const p of theirs) {
                expect(
                  p.pinned || waitlistedMentees.has(p.menteeId),
                  `${p.menteeId} kept ${mentee.userId} out`,
                ).toBe(true);
              }
            }
          } else {
            const mentor = mentors.find((c) => c.userId === left.userId)!;
            for (const mentee of mentees.filter((e) => pairAllowed(mentor, e, rules))) {
              const theirs = result.pairs.find((p) => p.menteeId === mentee.userId);
              expect(theirs, `${mentee.userId} was free for ${mentor.userId}`).toBeDefined();
              expect(
                theirs!.pinned || waitlistedMentors.has(theirs!.mentorId),
                `${theirs!.mentorId} kept ${mentor.userId} out`,
              ).toBe(true);
            }
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('never pairs fewer people because some are waitlisted', () => {
    fc.assert(
      fc.property(scenarioArb(10, 12), ({ candidates, rules }) => {
        const cleared = candidates.map((c) => ({ ...c, waitlisted: false }));
        expect(matchCohort(candidates, rules).pairs.length).toBeGreaterThanOrEqual(
          matchCohort(cleared, rules).pairs.length,
        );
      }),
      { numRuns: 300 },
    );
  });
});

// ---------------------------------------------------------------------------------------------------

function person(
  userId: string,
  role: 'mentor' | 'mentee',
  careerStage: CareerStage,
  extra: Partial<MatchCandidate> = {},
): MatchCandidate {
  return {
    userId,
    role,
    careerStage,
    topics: ['ai-tools'],
    team: 'Sales',
    tzOffsetMinutes: 0,
    blocked: [],
    ...extra,
  };
}

// person() puts everyone in Sales by default: these hand-made cohorts are about other rules, so they allow
// same-team pairs (the same-team rule has its own tests, which turn it back on).
const BASE_RULES: MatchRules = { capacity: 1, allowSameStage: false, allowSameTeam: true, pastPairs: [] };

describe('matchCohort on hand-made cohorts', () => {
  it('pairs the obvious matches and explains them', () => {
    const result = matchCohort(
      [
        person('maya', 'mentor', 'early', {
          topics: ['ai-tools', 'social-media'],
          team: 'Engineering',
          tzOffsetMinutes: 60,
        }),
        person('sam', 'mentee', 'senior', {
          topics: ['social-media', 'ai-tools'],
          team: 'Sales',
          tzOffsetMinutes: -60,
        }),
      ],
      BASE_RULES,
    );
    expect(result.pairs).toEqual([
      {
        mentorId: 'maya',
        menteeId: 'sam',
        // base 120 + 2 topics × 20 + different teams 10 + two stages apart 15 + within 6 h 10
        score: 195,
        pinned: false,
        reasons: [
          { kind: 'topics', shared: ['ai-tools', 'social-media'] },
          { kind: 'teams', mentorTeam: 'Engineering', menteeTeam: 'Sales', sameTeam: false },
          { kind: 'stage-gap', steps: 2, mentorStage: 'early', menteeStage: 'senior' },
          { kind: 'time-zones', minutesApart: 120 },
        ],
      },
    ]);
    expect(result.totalScore).toBe(195);
    expect(result.unmatched).toEqual([]);
  });

  it('prefers matching everyone over one perfect pair (the base value at work)', () => {
    // Ana is the best mentor for both; giving her to Bo leaves Cy without anyone.
    const result = matchCohort(
      [
        person('ana', 'mentor', 'early', { topics: ['ai-tools', 'social-media', 'data-analytics'] }),
        person('ben', 'mentor', 'mid', { topics: [] }),
        person('bo', 'mentee', 'senior', { topics: ['ai-tools', 'social-media', 'data-analytics'] }),
        person('cy', 'mentee', 'mid', { topics: ['ai-tools'] }),
      ],
      BASE_RULES,
    );
    expect(result.pairs.map((p) => [p.mentorId, p.menteeId])).toEqual([
      ['ana', 'cy'],
      ['ben', 'bo'],
    ]);
    expect(
      greedyMatch(
        [
          person('ana', 'mentor', 'early', { topics: ['ai-tools', 'social-media', 'data-analytics'] }),
          person('ben', 'mentor', 'mid', { topics: [] }),
          person('bo', 'mentee', 'senior', { topics: ['ai-tools', 'social-media', 'data-analytics'] }),
          person('cy', 'mentee', 'mid', { topics: ['ai-tools'] }),
        ],
        BASE_RULES,
      ).pairs.map((p) => [p.mentorId, p.menteeId]),
    ).toEqual([['ana', 'bo']]);
  });

  it('breaks exact ties by id order, the same way every time and for any input order', () => {
    const people = [
      person('m-b', 'mentor', 'early'),
      person('e-b', 'mentee', 'senior'),
      person('m-a', 'mentor', 'early'),
      person('e-a', 'mentee', 'senior'),
    ];
    const expected = [
      ['m-a', 'e-a'],
      ['m-b', 'e-b'],
    ];
    expect(matchCohort(people, BASE_RULES).pairs.map((p) => [p.mentorId, p.menteeId])).toEqual(expected);
    expect(matchCohort([...people].reverse(), BASE_RULES).pairs.map((p) => [p.mentorId, p.menteeId])).toEqual(
      expected,
    );
  });

  it('among equal totals, prefers the matching that pairs more people', () => {
    // With these weights a score is 1 + shared topics: {A–Y} = 4 and {A–X, B–Y} = 2 + 2 tie on total.
    const rules: MatchRules = { ...BASE_RULES, weights: FLAT_WEIGHTS };
    const result = matchCohort(
      [
        person('A', 'mentor', 'early', { topics: ['t1', 't2', 't3', 't4'] }),
        person('B', 'mentor', 'mid', { topics: ['t2'] }),
        person('X', 'mentee', 'mid', { topics: ['t1'] }),
        person('Y', 'mentee', 'senior', { topics: ['t2', 't3', 't4'] }),
      ],
      rules,
    );
    expect(result.totalScore).toBe(4);
    expect(result.pairs.map((p) => [p.mentorId, p.menteeId])).toEqual([
      ['A', 'X'],
      ['B', 'Y'],
    ]);
  });

  it('applies that tie-break where the search alone would pair fewer people (found by the property test)', () => {
    const c = (
      userId: string,
      role: 'mentor' | 'mentee',
      careerStage: CareerStage,
      topics: string[],
      tz: number,
    ) => person(userId, role, careerStage, { topics, team: '', tzOffsetMinutes: tz });
    const candidates = [
      c('M0', 'mentor', 'mid', ['data-analytics'], -600),
      c('M1', 'mentor', 'senior', ['data-analytics', 'other:podcasting'], 330),
      c('M2', 'mentor', 'early', ['social-media', 'diversity-inclusion'], 60),
      c('M3', 'mentor', 'early', ['social-media', 'other:podcasting'], 780),
      c('M0', 'mentee', 'executive', [], -600),
      c('E1', 'mentee', 'executive', ['ai-tools', 'social-media', 'data-analytics', 'other:podcasting'], 345),
      c('E2', 'mentee', 'executive', [], 540),
      c('E3', 'mentee', 'executive', ['ai-tools', 'diversity-inclusion', 'other:podcasting'], 780),
    ];
    const rules: MatchRules = {
      ...BASE_RULES,
      weights: FLAT_WEIGHTS,
      pinned: [{ mentorId: 'M1', menteeId: 'E2' }],
    };
    const result = matchCohort(candidates, rules);
    expect(bruteForce(candidates, rules).sum).toMatchObject({ total: 6, pairs: 4 });
    expect(result.totalScore).toBe(6);
    expect(result.pairs).toHaveLength(4);
  });

  it('counts only offered topics when the cohort limits them', () => {
    const people = [
      person('maya', 'mentor', 'early', { topics: ['ai-tools', 'social-media'] }),
      person('sam', 'mentee', 'mid', { topics: ['ai-tools', 'social-media'] }),
    ];
    const all = matchCohort(people, BASE_RULES);
    const limited = matchCohort(people, { ...BASE_RULES, offeredTopics: ['social-media'] });
    expect(all.pairs[0]!.score - limited.pairs[0]!.score).toBe(20);
    expect(limited.pairs[0]!.reasons[0]).toEqual({ kind: 'topics', shared: ['social-media'] });
  });

  it('never pairs someone with themself when bad input lists them in both roles', () => {
    const result = matchCohort(
      [person('U1', 'mentor', 'early'), person('U1', 'mentee', 'senior')],
      BASE_RULES,
    );
    expect(result.pairs).toEqual([]);
    expect(result.unmatched).toEqual([
      { userId: 'U1', role: 'mentee', reason: 'all-partners-ruled-out' },
      { userId: 'U1', role: 'mentor', reason: 'all-partners-ruled-out' },
    ]);
  });

  it('collapses duplicate records deterministically and honours a block from any of them', () => {
    const a = person('E1', 'mentee', 'senior', { topics: ['ai-tools'] });
    const b = person('E1', 'mentee', 'senior', { topics: ['social-media'], blocked: ['M1'] });
    const mentor = person('M1', 'mentor', 'early');
    const one = matchCohort([mentor, a, b], BASE_RULES);
    const two = matchCohort([b, mentor, a], BASE_RULES);
    expect(one).toEqual(two);
    expect(one.pairs).toEqual([]);
  });

  it('gives each unmatched person a plain reason', () => {
    const result = matchCohort(
      [
        person('mentor-exec', 'mentor', 'executive'),
        person('mentor-early', 'mentor', 'early', { blocked: ['mentee-mid'] }),
        person('mentor-early-2', 'mentor', 'early'),
        person('mentee-early', 'mentee', 'early'),
        person('mentee-mid', 'mentee', 'mid'),
        person('mentee-senior', 'mentee', 'senior'),
        person('mentee-senior-2', 'mentee', 'senior'),
      ],
      { ...BASE_RULES, pastPairs: [['mentor-early-2', 'mentee-mid']] },
    );
    expect(result.pairs.map((p) => [p.mentorId, p.menteeId])).toEqual([
      ['mentor-early', 'mentee-senior'],
      ['mentor-early-2', 'mentee-senior-2'],
    ]);
    expect(result.unmatched).toEqual([
      { userId: 'mentee-early', role: 'mentee', reason: 'no-earlier-stage-mentor' },
      { userId: 'mentee-mid', role: 'mentee', reason: 'all-partners-ruled-out' },
      { userId: 'mentor-exec', role: 'mentor', reason: 'no-later-stage-mentee' },
    ]);
  });

  it('says when places ran out, from either side', () => {
    const moreMentees = matchCohort(
      [person('m', 'mentor', 'early'), person('e1', 'mentee', 'mid'), person('e2', 'mentee', 'mid')],
      BASE_RULES,
    );
    expect(moreMentees.unmatched).toEqual([{ userId: 'e2', role: 'mentee', reason: 'mentor-places-full' }]);
    const moreMentors = matchCohort(
      [person('m1', 'mentor', 'early'), person('m2', 'mentor', 'early'), person('e', 'mentee', 'mid')],
      BASE_RULES,
    );
    expect(moreMentors.unmatched).toEqual([{ userId: 'm2', role: 'mentor', reason: 'mentees-all-paired' }]);
    const capacityTwo = matchCohort(
      [person('m', 'mentor', 'early'), person('e1', 'mentee', 'mid'), person('e2', 'mentee', 'mid')],
      { ...BASE_RULES, capacity: 2 },
    );
    expect(capacityTwo.pairs).toHaveLength(2);
  });
});

describe('first in line: waitlisted people', () => {
  // One mentor place, two mentees who both fit: Ann a little better (one more shared topic), Bob not.
  const maya = person('maya', 'mentor', 'early', {
    topics: ['ai-tools', 'social-media'],
    team: 'Engineering',
  });
  const ann = person('ann', 'mentee', 'senior', { topics: ['ai-tools', 'social-media'] });
  const bob = person('bob', 'mentee', 'senior', { topics: ['ai-tools'] });
  const pairsOf = (result: MatchResult) => result.pairs.map((p) => [p.mentorId, p.menteeId]);

  it('places a waitlisted mentee ahead of a slightly better-fitting one who is not', () => {
    // Fits: Ann 120 + 40 + 10 + 15 + 10 = 195, Bob 120 + 20 + 10 + 15 + 10 = 175.
    expect(pairsOf(matchCohort([maya, ann, bob], BASE_RULES))).toEqual([['maya', 'ann']]);
    const result = matchCohort([maya, ann, { ...bob, waitlisted: true }], BASE_RULES);
    expect(pairsOf(result)).toEqual([['maya', 'bob']]);
    expect(result.pairs[0]!.score).toBe(175 + 120);
    expect(result.totalScore).toBe(295);
    expect(result.unmatched).toEqual([{ userId: 'ann', role: 'mentee', reason: 'mentor-places-full' }]);
    // The greedy baseline follows the same scores.
    expect(pairsOf(greedyMatch([maya, ann, { ...bob, waitlisted: true }], BASE_RULES))).toEqual([
      ['maya', 'bob'],
    ]);
  });

  it('places a waitlisted mentee ahead of an otherwise equal one, whatever the id order', () => {
    const twin = person('abe', 'mentee', 'senior', { topics: ['ai-tools'] });
    // Equal scores: the lower id wins the tie...
    expect(pairsOf(matchCohort([maya, twin, bob], BASE_RULES))).toEqual([['maya', 'abe']]);
    // ...unless the other one is first in line.
    expect(pairsOf(matchCohort([maya, twin, { ...bob, waitlisted: true }], BASE_RULES))).toEqual([
      ['maya', 'bob'],
    ]);
    expect(pairsOf(matchCohort([maya, { ...twin, waitlisted: true }, bob], BASE_RULES))).toEqual([
      ['maya', 'abe'],
    ]);
  });

  it('beats even the widest difference in fit with the default weights', () => {
    // Worst possible fit (same stage, same team, nothing shared, 12 h apart): 120 - 18 = 102.
    // Best possible (3 topics, other team, two stages apart, nearby): 120 + 95 = 215.
    const rules: MatchRules = { ...BASE_RULES, allowSameStage: true };
    const mentor = person('mo', 'mentor', 'mid', { topics: ['ai-tools', 'social-media', 'data-analytics'] });
    const best = person('best', 'mentee', 'executive', {
      topics: ['ai-tools', 'social-media', 'data-analytics'],
      team: 'Data',
    });
    const worst = person('worst', 'mentee', 'mid', { topics: [], tzOffsetMinutes: 720 });
    expect(scorePair(mentor, best)).toBe(215);
    expect(scorePair(mentor, worst)).toBe(102);
    expect(pairsOf(matchCohort([mentor, best, worst], rules))).toEqual([['mo', 'best']]);
    expect(pairsOf(matchCohort([mentor, best, { ...worst, waitlisted: true }], rules))).toEqual([
      ['mo', 'worst'],
    ]);
  });

  it('works from the mentor side and with several places per mentor', () => {
    const lee = person('lee', 'mentor', 'early', { topics: ['ai-tools'] });
    const sam = person('sam', 'mentee', 'senior', { topics: ['ai-tools', 'social-media'] });
    expect(pairsOf(matchCohort([maya, lee, sam], BASE_RULES))).toEqual([['maya', 'sam']]);
    const result = matchCohort([maya, { ...lee, waitlisted: true }, sam], BASE_RULES);
    expect(pairsOf(result)).toEqual([['lee', 'sam']]);
    expect(result.unmatched).toEqual([{ userId: 'maya', role: 'mentor', reason: 'mentees-all-paired' }]);

    // Two places, three mentees: the waitlisted one is in even though they fit least.
    const three = [
      maya,
      ann,
      person('cat', 'mentee', 'senior', { topics: ['ai-tools', 'social-media'] }),
      bob,
    ];
    const capacityTwo: MatchRules = { ...BASE_RULES, capacity: 2 };
    expect(pairsOf(matchCohort(three, capacityTwo))).toEqual([
      ['maya', 'ann'],
      ['maya', 'cat'],
    ]);
    const withBob = three.map((c) => (c === bob ? { ...bob, waitlisted: true } : c));
    expect(pairsOf(matchCohort(withBob, capacityTwo))).toEqual([
      ['maya', 'ann'],
      ['maya', 'bob'],
    ]);
  });

  it('adds the bonus once per waitlisted member, pinned pairs included', () => {
    const both = matchCohort(
      [
        { ...maya, waitlisted: true },
        { ...bob, waitlisted: true },
      ],
      BASE_RULES,
    );
    expect(both.pairs[0]!.score).toBe(175 + 240);
    const pinned = matchCohort([maya, ann, { ...bob, waitlisted: true }], {
      ...BASE_RULES,
      pinned: [{ mentorId: 'maya', menteeId: 'ann' }],
    });
    expect(pinned.pairs).toEqual([
      expect.objectContaining({ mentorId: 'maya', menteeId: 'ann', pinned: true }),
    ]);
    const pinnedBob = matchCohort([maya, ann, { ...bob, waitlisted: true }], {
      ...BASE_RULES,
      pinned: [{ mentorId: 'maya', menteeId: 'bob' }],
    });
    expect(pinnedBob.pairs[0]).toMatchObject({ menteeId: 'bob', pinned: true, score: 295 });
    expect(pinnedBob.totalScore).toBe(295);
  });

  it('can be turned off with a zero bonus, and refuses a fractional or negative one', () => {
    const rules: MatchRules = { ...BASE_RULES, weights: { waitlisted: 0 } };
    const result = matchCohort([maya, ann, { ...bob, waitlisted: true }], rules);
    expect(pairsOf(result)).toEqual([['maya', 'ann']]);
    expect(() => matchCohort([], { ...BASE_RULES, weights: { waitlisted: 1.5 } })).toThrow(RangeError);
    expect(() => matchCohort([], { ...BASE_RULES, weights: { waitlisted: -120 } })).toThrow(RangeError);
    expect(() =>
      matchCohort([maya, { ...bob, waitlisted: 'yes' as unknown as boolean }], BASE_RULES),
    ).toThrow(RangeError);
  });

  it('is deterministic: same pairs for any input order, and a flag on any duplicate record counts', () => {
    const people = [
      maya,
      person('lee', 'mentor', 'early', { topics: ['ai-tools'], waitlisted: true }),
      ann,
      { ...bob, waitlisted: true },
      person('cat', 'mentee', 'mid', { topics: ['social-media'], waitlisted: false }),
      person('dan', 'mentee', 'executive', { topics: ['ai-tools', 'social-media'], waitlisted: true }),
    ];
    const expected = matchCohort(people, BASE_RULES);
    expect(matchCohort([...people].reverse(), BASE_RULES)).toEqual(expected);
    expect(
      matchCohort([people[3]!, people[0]!, people[5]!, people[1]!, people[4]!, people[2]!], BASE_RULES),
    ).toEqual(expected);
    expect(matchCohort(people, BASE_RULES)).toEqual(expected);
    expect(pairsOf(expected)).toEqual([
      ['lee', 'bob'],
      ['maya', 'dan'],
    ]);

    const flagged = { ...bob, waitlisted: true };
    const unflagged = { ...bob, waitlisted: false };
    const one = matchCohort([maya, ann, flagged, unflagged], BASE_RULES);
    const two = matchCohort([unflagged, maya, flagged, ann], BASE_RULES);
    expect(one).toEqual(two);
    expect(pairsOf(one)).toEqual([['maya', 'bob']]);
  });

  it('never tells anyone about the waitlist: reasons and results are the same as without it', () => {
    const plain = matchCohort([maya, bob], BASE_RULES);
    const result = matchCohort(
      [
        { ...maya, waitlisted: true },
        { ...bob, waitlisted: true },
      ],
      BASE_RULES,
    );
    const pair = result.pairs[0]!;
    expect(Object.keys(pair).sort()).toEqual(['menteeId', 'mentorId', 'pinned', 'reasons', 'score']);
    expect(pair.reasons).toEqual(plain.pairs[0]!.reasons);
    expect(pair.reasons).toEqual(pairReasons(maya, bob));
    expect(describeReasons(pair.reasons)).toBe(describeReasons(plain.pairs[0]!.reasons));
    expect(JSON.stringify(pair.reasons)).not.toMatch(/wait|queue|line|unmatched|last time/i);
    // The one left out is told places ran out, not who went ahead of them or why.
    const displaced = matchCohort([maya, ann, { ...bob, waitlisted: true }], BASE_RULES);
    expect(displaced.unmatched).toEqual([{ userId: 'ann', role: 'mentee', reason: 'mentor-places-full' }]);
    expect(JSON.stringify(displaced)).not.toMatch(/wait/i);
  });
});

describe('pinned pairs', () => {
  const people = [
    person('maya', 'mentor', 'early', { blocked: ['zed'] }),
    person('lee', 'mentor', 'senior'),
    person('sam', 'mentee', 'senior', { topics: [] }),
    person('kim', 'mentee', 'mid'),
    person('zed', 'mentee', 'executive'),
  ];
  const names = new Map([
    ['maya', 'Maya'],
    ['lee', 'Lee'],
    ['sam', 'Sam'],
    ['kim', 'Kim'],
    ['zed', 'Zed'],
  ]);

  it('keeps a valid pin even when the optimum would differ, and optimises the rest around it', () => {
    const free = matchCohort(people, BASE_RULES);
    expect(free.pairs.map((p) => [p.mentorId, p.menteeId])).toContainEqual(['maya', 'kim']);
    const result = matchCohort(people, { ...BASE_RULES, pinned: [{ mentorId: 'maya', menteeId: 'sam' }] });
    expect(result.pairs).toContainEqual(
      expect.objectContaining({ mentorId: 'maya', menteeId: 'sam', pinned: true }),
    );
    expect(result.pairs.filter((p) => p.mentorId === 'maya')).toHaveLength(1);
    expect(result.pairs).toContainEqual(
      expect.objectContaining({ mentorId: 'lee', menteeId: 'zed', pinned: false }),
    );
    expect(result.rejectedPins).toEqual([]);
  });

  it('rejects pins that break a hard rule, says why kindly, and matches those people normally', () => {
    const result = matchCohort(
      people,
      {
        ...BASE_RULES,
        pinned: [
          { mentorId: 'lee', menteeId: 'kim' }, // Lee (senior) can't mentor Kim (mid)
          { mentorId: 'maya', menteeId: 'zed' }, // Zed is blocked by Maya
          { mentorId: 'sam', menteeId: 'kim' }, // Sam signed up as a mentee
          { mentorId: 'ghost', menteeId: 'kim' },
        ],
      },
      { names },
    );
    expect(result.rejectedPins).toEqual([
      {
        mentorId: 'ghost',
        menteeId: 'kim',
        violations: [{ kind: 'unknown-person', message: "ghost isn't taking part in this cohort" }],
      },
      {
        mentorId: 'lee',
        menteeId: 'kim',
        violations: [
          {
            kind: 'stage',
            message: 'Lee (mentor) is not at an earlier career stage than Kim (Senior vs Mid-career)',
          },
        ],
      },
      {
        mentorId: 'maya',
        menteeId: 'zed',
        violations: [{ kind: 'confidential', message: CONFIDENTIAL_MESSAGE }],
      },
      {
        mentorId: 'sam',
        menteeId: 'kim',
        violations: [
          { kind: 'role', message: 'Sam signed up as a mentee, not a mentor' },
          {
            kind: 'stage',
            message: 'Sam (mentor) is not at an earlier career stage than Kim (Senior vs Mid-career)',
          },
        ],
      },
    ]);
    expect(JSON.stringify(result.rejectedPins)).not.toMatch(/block/i);
    expect(result.pairs.every((p) => !p.pinned)).toBe(true);
    expect(result.pairs.map((p) => [p.mentorId, p.menteeId])).toEqual(
      matchCohort(people, BASE_RULES).pairs.map((p) => [p.mentorId, p.menteeId]),
    );
  });

  it('rejects pins beyond capacity and a second pin for the same mentee (pins are taken in id order)', () => {
    const result = matchCohort(
      [...people, person('nia', 'mentor', 'early')],
      {
        ...BASE_RULES,
        pinned: [
          { mentorId: 'nia', menteeId: 'kim' },
          { mentorId: 'maya', menteeId: 'sam' },
          { mentorId: 'maya', menteeId: 'kim' },
        ],
      },
      { names: new Map([...names, ['nia', 'Nia']]) },
    );
    expect(result.rejectedPins).toEqual([
      {
        mentorId: 'maya',
        menteeId: 'sam',
        violations: [{ kind: 'capacity', message: 'Maya already has 1 pinned mentee, the most allowed' }],
      },
      {
        mentorId: 'nia',
        menteeId: 'kim',
        violations: [{ kind: 'mentee-taken', message: 'Kim is already pinned to another mentor' }],
      },
    ]);
    expect(result.pairs).toContainEqual(
      expect.objectContaining({ mentorId: 'maya', menteeId: 'kim', pinned: true }),
    );
    expect(result.pairs).toContainEqual(
      expect.objectContaining({ mentorId: 'nia', menteeId: 'sam', pinned: false }),
    );
  });
});

describe('input validation', () => {
  it('rejects a capacity outside 1..3 and impossible weights', () => {
    expect(() => matchCohort([], { ...BASE_RULES, capacity: 0 })).toThrow(RangeError);
    expect(() => matchCohort([], { ...BASE_RULES, capacity: 4 })).toThrow(RangeError);
    expect(() => matchCohort([], { ...BASE_RULES, weights: { base: Number.NaN } })).toThrow(RangeError);
  });

  it('handles an empty cohort', () => {
    expect(matchCohort([], BASE_RULES)).toEqual({
      pairs: [],
      unmatched: [],
      totalScore: 0,
      bottleneckScore: null,
      rejectedPins: [],
    });
  });
});

describe('fair by default', () => {
  const pairsOf = (result: MatchResult) => result.pairs.map((p) => [p.mentorId, p.menteeId]);

  it('gives an executive who only wants Collaboration tools a mentor who offers it, where sum-only would not', () => {
    // Ana offers Collaboration tools (and more); Bo shares three topics with Ana but only one with Cy.
    const ana = person('ana', 'mentor', 'early', {
      topics: ['collaboration-tools', 'ai-tools', 'social-media', 'data-analytics'],
      team: 'Engineering',
    });
    const cy = person('cy', 'mentor', 'early', { topics: ['ai-tools'], team: 'Design' });
    const eve = person('eve', 'mentee', 'executive', { topics: ['collaboration-tools'], team: 'Finance' });
    const bo = person('bo', 'mentee', 'senior', {
      topics: ['ai-tools', 'social-media', 'data-analytics'],
      team: 'Sales',
    });
    const people = [ana, cy, eve, bo];
    // Ana–Bo 215 + Cy–Eve 152 (nothing shared) = 367 beats Ana–Eve 172 + Cy–Bo 175 = 347 on total alone.
    expect(scorePair(ana, bo)).toBe(215);
    expect(scorePair(cy, eve)).toBe(152);
    expect(scorePair(ana, eve)).toBe(172);
    expect(scorePair(cy, bo)).toBe(175);
    const sum = matchCohort(people, BASE_RULES, { objective: 'sum' });
    expect(pairsOf(sum)).toEqual([
      ['ana', 'bo'],
      ['cy', 'eve'],
    ]);
    expect(sum).toMatchObject({ totalScore: 367, bottleneckScore: 152 });
    const fair = matchCohort(people, BASE_RULES);
    expect(pairsOf(fair)).toEqual([
      ['ana', 'eve'],
      ['cy', 'bo'],
    ]);
    expect(fair).toMatchObject({ totalScore: 347, bottleneckScore: 172 });
    expect(fair.pairs.find((p) => p.menteeId === 'eve')!.reasons[0]).toEqual({
      kind: 'topics',
      shared: ['collaboration-tools'],
    });
  });

  it('never leaves someone out to raise the others: two 1-point pairs beat one 101-point pair', () => {
    // A shared topic is worth 100 and a pair itself 1: Ann–Xi scores 101, Ann–Yu and Ben–Xi 1 each.
    const rules: MatchRules = { ...BASE_RULES, weights: { ...FLAT_WEIGHTS, perSharedTopic: 100 } };
    const people = [
      person('ann', 'mentor', 'early', { topics: ['t1'] }),
      person('ben', 'mentor', 'early', { topics: [] }),
      person('xi', 'mentee', 'senior', { topics: ['t1'] }),
      person('yu', 'mentee', 'senior', { topics: [] }),
      // Ben can't mentor Yu: an earlier pairing.
    ];
    const withHistory: MatchRules = { ...rules, pastPairs: [['ben', 'yu']] };
    const sum = matchCohort(people, withHistory, { objective: 'sum' });
    expect(pairsOf(sum)).toEqual([['ann', 'xi']]);
    expect(sum.totalScore).toBe(101);
    const fair = matchCohort(people, withHistory);
    expect(pairsOf(fair)).toEqual([
      ['ann', 'yu'],
      ['ben', 'xi'],
    ]);
    expect(fair).toMatchObject({ totalScore: 2, bottleneckScore: 1, unmatched: [] });
  });

  it('leaves pinned pairs out of the bottleneck', () => {
    const people = [
      person('ana', 'mentor', 'early', { topics: ['ai-tools'], team: 'Data' }),
      person('cy', 'mentor', 'early', { topics: ['ai-tools'], team: 'Data' }),
      person('eve', 'mentee', 'senior', { topics: [], team: 'Sales' }),
      person('bo', 'mentee', 'senior', { topics: ['ai-tools'], team: 'Legal' }),
    ];
    const result = matchCohort(people, { ...BASE_RULES, pinned: [{ mentorId: 'ana', menteeId: 'eve' }] });
    const pinned = result.pairs.find((p) => p.pinned)!;
    const chosen = result.pairs.find((p) => !p.pinned)!;
    expect(pinned.score).toBeLessThan(chosen.score);
    expect(result.bottleneckScore).toBe(chosen.score);
    expect(
      matchCohort(people, {
        ...BASE_RULES,
        pinned: [
          { mentorId: 'ana', menteeId: 'eve' },
          { mentorId: 'cy', menteeId: 'bo' },
        ],
      }).bottleneckScore,
    ).toBeNull();
  });

  it('refuses weights so large that the exact fair matching would leave exact integer range', () => {
    const people = [
      person('ana', 'mentor', 'early'),
      person('cy', 'mentor', 'early'),
      person('bo', 'mentee', 'senior'),
      person('eve', 'mentee', 'senior'),
    ];
    // Two pairs of about 2^52 each: their total alone is past 2^53.
    expect(() => matchCohort(people, { ...BASE_RULES, weights: { base: 2 ** 52 } })).toThrow(RangeError);
    expect(matchCohort(people, { ...BASE_RULES, weights: { base: 2 ** 40 } }).pairs).toHaveLength(2);
  });

  it('agrees with an independent maximum matching and threshold search on cohorts too big to enumerate', () => {
    // Up to 30 mentors: beyond 16 the matcher works on a sparse candidate graph (its proofs that the graph
    // is enough are tested on their own, with graphs far too small, in bottleneck.test.ts).
    fc.assert(
      fc.property(scenarioArb(30, 40), ({ candidates, rules }) => {
        const result = matchCohort(candidates, rules);
        assertRespectsRules(result, candidates, rules);
        const prepared = prepareCohort(candidates, rules);
        const { rowMentee, colMentor, scores } = buildScoreMatrix(prepared);
        const cols = colMentor.length;
        const grid = Array.from(rowMentee, (_, r) => Array.from(scores.subarray(r * cols, (r + 1) * cols)));
        const places = Array.from(colMentor, (m) => prepared.remaining[m]!);
        const pins = rules.pinned?.length ?? 0;
        const best = kuhnBottleneck(grid, places);
        expect(result.pairs.length - pins).toBe(best.maxPairs);
        expect(result.bottleneckScore).toBe(best.threshold);
      }),
      { numRuns: 150 },
    );
  });
});

/** Maximum matching size (Kuhn, capacities as separate places) and the best threshold keeping it. */
function kuhnBottleneck(
  scores: number[][],
  capacity: number[],
): { maxPairs: number; threshold: number | null } {
  const size = (t: number): number => {
    const places = capacity.flatMap((c, j) => Array.from({ length: c }, () => j));
    const holder = places.map(() => -1);
    const tryRow = (r: number, seen: boolean[]): boolean => {
      for (let p = 0; p < places.length; p++) {
        const s = scores[r]![places[p]!]!;
        if (seen[p] || s <= 0 || s < t) continue;
        seen[p] = true;
        if (holder[p] === -1 || tryRow(holder[p]!, seen)) {
          holder[p] = r;
          return true;
        }
      }
      return false;
    };
    let n = 0;
    for (let r = 0; r < scores.length; r++)
      if (
        tryRow(
          r,
          places.map(() => false),
        )
      )
        n++;
    return n;
  };
  const maxPairs = size(1);
  if (maxPairs === 0) return { maxPairs, threshold: null };
  const values = [...new Set(scores.flat().filter((s) => s > 0))].sort((a, b) => b - a);
  return { maxPairs, threshold: values.find((t) => size(t) === maxPairs)! };
}

describe('same team', () => {
  const RULES: MatchRules = { capacity: 1, allowSameStage: false, pastPairs: [] };

  it('never pairs two people from the same team by default (teams compared trimmed, ignoring case)', () => {
    const people = [
      person('ana', 'mentor', 'early', { team: 'Sales', topics: ['ai-tools', 'social-media'] }),
      person('cy', 'mentor', 'early', { team: 'Data', topics: [] }),
      person('bo', 'mentee', 'senior', { team: ' sales ', topics: ['ai-tools', 'social-media'] }),
      person('eve', 'mentee', 'senior', { team: 'Data', topics: [] }),
    ];
    for (const result of [
      matchCohort(people, RULES),
      matchCohort(people, RULES, { objective: 'sum' }),
      greedyMatch(people, RULES),
    ]) {
      expect(result.pairs.map((p) => [p.mentorId, p.menteeId])).toEqual([
        ['ana', 'eve'],
        ['cy', 'bo'],
      ]);
    }
    // Allowed, the two Sales people share the most and go together.
    expect(
      matchCohort(people, { ...RULES, allowSameTeam: true }, { objective: 'sum' }).pairs.map((p) => [
        p.mentorId,
        p.menteeId,
      ]),
    ).toContainEqual(['ana', 'bo']);
  });

  it('pairs anyone whose team is not given', () => {
    const result = matchCohort(
      [person('ana', 'mentor', 'early', { team: '' }), person('bo', 'mentee', 'senior', { team: 'Sales' })],
      RULES,
    );
    expect(result.pairs).toHaveLength(1);
  });

  it('rejects a same-team pin with a plain message and matches those people normally', () => {
    const people = [
      person('ana', 'mentor', 'early', { team: 'Sales' }),
      person('cy', 'mentor', 'early', { team: 'Data' }),
      person('bo', 'mentee', 'senior', { team: 'SALES' }),
    ];
    const result = matchCohort(people, { ...RULES, pinned: [{ mentorId: 'ana', menteeId: 'bo' }] });
    expect(result.rejectedPins).toEqual([
      {
        mentorId: 'ana',
        menteeId: 'bo',
        violations: [
          { kind: 'same-team', message: "Same team: the cohort doesn't pair people from the same team" },
        ],
      },
    ]);
    expect(result.pairs).toEqual([
      expect.objectContaining({ mentorId: 'cy', menteeId: 'bo', pinned: false }),
    ]);
    const allowed = matchCohort(people, {
      ...RULES,
      allowSameTeam: true,
      pinned: [{ mentorId: 'ana', menteeId: 'bo' }],
    });
    expect(allowed.rejectedPins).toEqual([]);
    expect(allowed.pairs).toContainEqual(
      expect.objectContaining({ mentorId: 'ana', menteeId: 'bo', pinned: true }),
    );
  });

  it('tells someone whose only stage-suitable partners are in their own team why', () => {
    const result = matchCohort(
      [
        person('ana', 'mentor', 'early', { team: 'Sales' }),
        person('cy', 'mentor', 'executive', { team: 'Data' }), // later stage than Bo: can't mentor him
        person('bo', 'mentee', 'senior', { team: 'Sales' }),
      ],
      RULES,
    );
    expect(result.pairs).toEqual([]);
    expect(result.unmatched).toEqual([
      { userId: 'ana', role: 'mentor', reason: 'all-same-team' },
      { userId: 'bo', role: 'mentee', reason: 'all-same-team' },
      { userId: 'cy', role: 'mentor', reason: 'no-later-stage-mentee' },
    ]);
    expect(describeUnmatched('all-same-team')).toMatch(/same team/);
  });

  it('says nothing about a confidential rule when a partner from another team was ruled out by one', () => {
    // Bo's only other-team partner blocked him: he is told what anyone left without a free partner is told.
    const result = matchCohort(
      [
        person('ana', 'mentor', 'early', { team: 'Sales' }),
        person('cy', 'mentor', 'early', { team: 'Data', blocked: ['bo'] }),
        person('bo', 'mentee', 'senior', { team: 'Sales' }),
      ],
      RULES,
    );
    expect(result.unmatched).toContainEqual({
      userId: 'bo',
      role: 'mentee',
      reason: 'all-partners-ruled-out',
    });
    expect(describeUnmatched('all-partners-ruled-out')).toBe(describeUnmatched('mentor-places-full'));
  });
});
