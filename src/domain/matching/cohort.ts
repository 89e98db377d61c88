// Shared preparation for the exact matcher and the greedy baseline: canonical order, pins, the
// confidential "never pair" set, the score matrix, and turning chosen pairs into a MatchResult.

import { CAREER_STAGES, careerStageRank } from '../catalogue.js';
import { pairReasons } from './reasons.js';
import { CONFIDENTIAL_MESSAGE, checkHardRules, nameOf, stageAllowed, unorderedKey } from './rules.js';
import { combineScore, isWaitlisted, minutesApart, resolveWeights, scorePair, teamKey } from './scoring.js';
import type {
  DisplayNames,
  HardRuleViolation,
  MatchCandidate,
  MatchedPair,
  MatchResult,
  MatchRules,
  RejectedPin,
  ScoreWeights,
  UnmatchedPerson,
  UnmatchedReason,
} from './types.js';

export interface MatchOptions {
  /** Names for the messages of rejected pins; anyone missing is shown by user id. */
  readonly names?: DisplayNames;
}

export interface PreparedCohort {
  readonly rules: MatchRules;
  readonly weights: ScoreWeights;
  /** Sorted by userId, one record per (userId, role). */
  readonly mentors: readonly MatchCandidate[];
  readonly mentees: readonly MatchCandidate[];
  /** Unordered keys of pairs ruled out by a block (from any record) or an earlier pairing. */
  readonly ruledOut: ReadonlySet<string>;
  readonly keptPins: readonly { readonly mentor: number; readonly mentee: number }[];
  readonly rejectedPins: readonly RejectedPin[];
  /** Places left per mentor once pins are in. */
  readonly remaining: Int32Array;
  /** Mentee index → 1 when pinned. */
  readonly menteePinned: Uint8Array;
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function canonicalRecord(c: MatchCandidate): string {
  return JSON.stringify([
    c.userId,
    c.role,
    [...c.topics].sort(),
    c.careerStage,
    c.team,
    c.tzOffsetMinutes,
    [...c.blocked].sort(),
  ]);
}

function validateCandidate(c: MatchCandidate): void {
  if (c.role !== 'mentor' && c.role !== 'mentee') throw new RangeError(`Unknown role for ${c.userId}`);
  if (!CAREER_STAGES.includes(c.careerStage)) throw new RangeError(`Unknown career stage for ${c.userId}`);
  if (!Number.isFinite(c.tzOffsetMinutes))
    throw new RangeError(`Time zone offset for ${c.userId} is not a number`);
  if (c.waitlisted !== undefined && typeof c.waitlisted !== 'boolean')
    throw new RangeError(`Waitlisted flag for ${c.userId} is not true or false`);
}

/**
 * One record per (userId, role), sorted by userId: duplicates keep the record that sorts first, so input
 * order never matters. Like a block, a waitlist flag on any of them counts: keeping a promise is never wrong.
 */
function canonicalPool(
  candidates: readonly MatchCandidate[],
  role: MatchCandidate['role'],
): MatchCandidate[] {
  const byId = new Map<string, MatchCandidate>();
  const waitlisted = new Set<string>();
  for (const c of candidates) {
    if (c.role !== role) continue;
    if (isWaitlisted(c)) waitlisted.add(c.userId);
    const existing = byId.get(c.userId);
    if (!existing || canonicalRecord(c) < canonicalRecord(existing)) byId.set(c.userId, c);
  }
  return [...byId.values()]
    .map((c) => (waitlisted.has(c.userId) && !isWaitlisted(c) ? { ...c, waitlisted: true } : c))
    .sort((a, b) => compareIds(a.userId, b.userId));
}

export function prepareCohort(
  candidates: readonly MatchCandidate[],
  rules: MatchRules,
  options: MatchOptions = {},
): PreparedCohort {
  if (!Number.isInteger(rules.capacity) || rules.capacity < 1 || rules.capacity > 3) {
    throw new RangeError('capacity must be 1, 2 or 3');
  }
  const weights = resolveWeights(rules.weights);
  for (const c of candidates) validateCandidate(c);
  const mentors = canonicalPool(candidates, 'mentor');
  const mentees = canonicalPool(candidates, 'mentee');

  // Blocks from every record count, even a duplicate that lost: honouring a block is never wrong.
  const ruledOut = new Set<string>();
  for (const c of candidates) for (const b of c.blocked) ruledOut.add(unorderedKey(c.userId, b));
  for (const [a, b] of rules.pastPairs) ruledOut.add(unorderedKey(a, b));

  const mentorIndex = new Map(mentors.map((c, i) => [c.userId, i]));
  const menteeIndex = new Map(mentees.map((c, i) => [c.userId, i]));
  const remaining = new Int32Array(mentors.length).fill(rules.capacity);
  const menteePinned = new Uint8Array(mentees.length);
  const keptPins: { mentor: number; mentee: number }[] = [];
  const rejectedPins: RejectedPin[] = [];

  // Pins in a fixed order (by mentor, then mentee) so conflicts resolve the same way however they arrive.
  const pins = [
    ...new Map((rules.pinned ?? []).map((p) => [`${p.mentorId}\u0000${p.menteeId}`, p])).values(),
  ].sort((a, b) => compareIds(a.mentorId, b.mentorId) || compareIds(a.menteeId, b.menteeId));
  const names = options.names;
  for (const pin of pins) {
    const mi = mentorIndex.get(pin.mentorId);
    const ei = menteeIndex.get(pin.menteeId);
    const violations: HardRuleViolation[] = [];
    const mentor = mi !== undefined ? mentors[mi] : mentees[menteeIndex.get(pin.mentorId) ?? -1];
    const mentee = ei !== undefined ? mentees[ei] : mentors[mentorIndex.get(pin.menteeId) ?? -1];
    if (!mentor) {
      violations.push({
        kind: 'unknown-person',
        message: `${nameOf(pin.mentorId, names)} isn't taking part in this cohort`,
      });
    }
    if (!mentee) {
      violations.push({
        kind: 'unknown-person',
        message: `${nameOf(pin.menteeId, names)} isn't taking part in this cohort`,
      });
    }
    if (mentor && mentee) {
      violations.push(...checkHardRules(mentor, mentee, rules, names));
      // checkHardRules saw one record each; a block kept only on a duplicate record still counts.
      if (violations.length === 0 && ruledOut.has(unorderedKey(mentor.userId, mentee.userId))) {
        violations.push({ kind: 'confidential', message: CONFIDENTIAL_MESSAGE });
      }
    }
    if (violations.length === 0 && mi !== undefined && ei !== undefined) {
      if (menteePinned[ei]) {
        violations.push({
          kind: 'mentee-taken',
          message: `${nameOf(pin.menteeId, names)} is already pinned to another mentor`,
        });
      } else if (remaining[mi]! === 0) {
        violations.push({
          kind: 'capacity',
          message: `${nameOf(pin.mentorId, names)} already has ${rules.capacity} pinned ${rules.capacity === 1 ? 'mentee' : 'mentees'}, the most allowed`,
        });
      }
    }
    if (violations.length > 0 || mi === undefined || ei === undefined) {
      rejectedPins.push({ mentorId: pin.mentorId, menteeId: pin.menteeId, violations });
      continue;
    }
    keptPins.push({ mentor: mi, mentee: ei });
    remaining[mi] = remaining[mi]! - 1;
    menteePinned[ei] = 1;
  }

  return { rules, weights, mentors, mentees, ruledOut, keptPins, rejectedPins, remaining, menteePinned };
}

function popcount32(x: number): number {
  let v = x - ((x >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

export interface ScoreMatrix {
  /** Mentee index of each row: the mentees not pinned. */
  readonly rowMentee: Int32Array;
  /** Mentor index of each column: the mentors with places left. */
  readonly colMentor: Int32Array;
  /** rows × cols row-major; 0 marks a pair the hard rules forbid (allowed pairs score at least 1). */
  readonly scores: Float64Array;
}

/**
 * Scores of every open mentee × open mentor, computed from compact per-person arrays (topic bitsets,
 * team ids) so the whole matrix costs one tight pass. Uses the same combineScore as scorePair.
 */
export function buildScoreMatrix(p: PreparedCohort): ScoreMatrix {
  const { rowMentee, colMentor, cells } = fillMatrix(p, null);
  return { rowMentee, colMentor, scores: cells };
}

export interface CostMatrix {
  readonly rowMentee: Int32Array;
  readonly colMentor: Int32Array;
  /** rows × cols row-major, for the minimising solver; +Infinity marks a forbidden pair. */
  readonly cost: Float64Array;
  /** Places left per column. */
  readonly capacity: Int32Array;
  /**
   * The waitlist bonus's share of each cost, per row and per column (null when nobody is waitlisted):
   * every allowed cell's cost is a base cost plus these. The solver picks its first candidates by the
   * base cost, so the waitlisted don't crowd everyone else out of the candidate lists.
   */
  readonly shift: { readonly row: Float64Array; readonly col: Float64Array } | null;
}

/**
 * The matrix the exact matcher minimises. A pair's cost is -(score × (maxPairs + 1) + 1): the scaled
 * score decides first, and the +1 per pair only ever decides between matchings with equal total
 * score — in favour of the one that pairs more people. (Dropped in the absurd case where the scaled
 * totals could exceed exact integer range.) Written in the same single pass as the scores.
 */
export function buildCostMatrix(p: PreparedCohort): CostMatrix {
  let scale = 1;
  const { rowMentee, colMentor, cells } = fillMatrix(p, (maxScore, rows, places) => {
    const maxPairs = Math.min(rows, places);
    const fits = (maxScore + 1) * (maxPairs + 1) * (maxPairs + 1) < Number.MAX_SAFE_INTEGER;
    scale = fits ? maxPairs + 1 : 1;
    const perPair = fits ? 1 : 0;
    return (score) => -(score * scale + perPair);
  });
  const capacity = Int32Array.from(colMentor, (m) => p.remaining[m]!);
  const bonus = -p.weights.waitlisted * scale;
  const shiftOf = (c: MatchCandidate) => (isWaitlisted(c) ? bonus : 0);
  const shift =
    bonus !== 0 && (p.mentors.some(isWaitlisted) || p.mentees.some(isWaitlisted))
      ? {
          row: Float64Array.from(rowMentee, (e) => shiftOf(p.mentees[e]!)),
          col: Float64Array.from(colMentor, (m) => shiftOf(p.mentors[m]!)),
        }
      : null;
  return { rowMentee, colMentor, cost: cells, capacity, shift };
}

type CellMapping = (maxScore: number, rows: number, places: number) => (score: number) => number;

/** Fills scores (mapping null, forbidden = 0) or mapped costs (forbidden = +Infinity). */
function fillMatrix(
  p: PreparedCohort,
  mapping: CellMapping | null,
): { rowMentee: Int32Array; colMentor: Int32Array; cells: Float64Array } {
  const { mentors, mentees, weights, rules } = p;
  const rowMentee = Int32Array.from(mentees.map((_, i) => i).filter((i) => p.menteePinned[i] === 0));
  const colMentor = Int32Array.from(mentors.map((_, i) => i).filter((i) => p.remaining[i]! > 0));
  const rows = rowMentee.length;
  const cols = colMentor.length;

  // Only topics wanted by some mentee and offered by some mentor (and in the cohort's list) can score.
  const offered = rules.offeredTopics ? new Set(rules.offeredTopics) : null;
  const offeredByMentors = new Set<string>();
  for (const c of mentors) for (const t of c.topics) offeredByMentors.add(t);
  const topicIndex = new Map<string, number>();
  for (const c of mentees) {
    for (const t of c.topics) {
      if (offeredByMentors.has(t) && (!offered || offered.has(t)) && !topicIndex.has(t)) {
        topicIndex.set(t, topicIndex.size);
      }
    }
  }
  const words = Math.max(1, Math.ceil(topicIndex.size / 32));
  const bitsOf = (people: readonly MatchCandidate[]): Uint32Array => {
    const bits = new Uint32Array(people.length * words);
    people.forEach((c, i) => {
      for (const t of c.topics) {
        const k = topicIndex.get(t);
        if (k !== undefined) bits[i * words + (k >>> 5)]! |= 1 << (k & 31);
      }
    });
    return bits;
  };
  const mentorBits = bitsOf(mentors);
  const menteeBits = bitsOf(mentees);
  const teamIds = new Map<string, number>();
  const teamOf = (c: MatchCandidate): number => {
    const key = teamKey(c.team);
    if (key === '') return -1;
    let id = teamIds.get(key);
    if (id === undefined) {
      id = teamIds.size;
      teamIds.set(key, id);
    }
    return id;
  };
  const mentorTeam = Int32Array.from(mentors, teamOf);
  const menteeTeam = Int32Array.from(mentees, teamOf);
  const mentorRank = Int32Array.from(mentors, (c) => careerStageRank(c.careerStage));
  const menteeRank = Int32Array.from(mentees, (c) => careerStageRank(c.careerStage));
  const minGap = rules.allowSameStage ? 0 : 1;

  // Every score is combineScore of a few small features, so score each combination once and look it up:
  // shared topics (capped), different teams, stage gap, and which pair of "zones". A zone is a UTC offset
  // together with the waitlisted flag (when anyone is waitlisted), so the bonus costs the loop nothing.
  const offsets = [...new Set([...mentors, ...mentees].map((c) => c.tzOffsetMinutes))];
  const offsetIndex = new Map(offsets.map((o, i) => [o, i]));
  const flags = mentors.some(isWaitlisted) || mentees.some(isWaitlisted) ? 2 : 1;
  const zoneOf = (c: MatchCandidate): number =>
    offsetIndex.get(c.tzOffsetMinutes)! * flags + (isWaitlisted(c) ? 1 : 0);
  const zones = offsets.length * flags;
  const maxShared = Math.min(weights.maxCountedTopics, topicIndex.size);
  const table = new Float64Array((maxShared + 1) * 2 * 4 * zones * zones);
  for (let shared = 0; shared <= maxShared; shared++) {
    for (let differ = 0; differ < 2; differ++) {
      for (let gap = 0; gap < 4; gap++) {
        for (let a = 0; a < zones; a++) {
          for (let b = 0; b < zones; b++) {
            const at = (((shared * 2 + differ) * 4 + gap) * zones + a) * zones + b;
            table[at] = combineScore(
              weights,
              shared,
              differ === 1,
              gap,
              minutesApart(offsets[Math.floor(a / flags)]!, offsets[Math.floor(b / flags)]!),
              (a % flags) + (b % flags),
            );
          }
        }
      }
    }
  }
  const forbidden = mapping ? Number.POSITIVE_INFINITY : 0;
  if (mapping) {
    let maxScore = 0;
    for (let k = 0; k < table.length; k++) if (table[k]! > maxScore) maxScore = table[k]!;
    let places = 0;
    for (let c = 0; c < cols; c++) places += p.remaining[colMentor[c]!]!;
    const toCell = mapping(maxScore, rows, places);
    for (let k = 0; k < table.length; k++) table[k] = toCell(table[k]!);
  }
  // Column features laid out by column, so the inner loop reads memory in order.
  const colRank = Int32Array.from(colMentor, (m) => mentorRank[m]!);
  const colTeam = Int32Array.from(colMentor, (m) => mentorTeam[m]!);
  const colZone = Int32Array.from(colMentor, (m) => zoneOf(mentors[m]!));
  const colBits = new Uint32Array(cols * words);
  for (let c = 0; c < cols; c++) {
    const m = colMentor[c]!;
    colBits.set(mentorBits.subarray(m * words, (m + 1) * words), c * words);
  }

  const cells = new Float64Array(rows * cols);
  const zz = zones * zones;
  for (let r = 0; r < rows; r++) {
    const e = rowMentee[r]!;
    const eRank = menteeRank[e]!;
    const eTeam = menteeTeam[e]!;
    const rowZone = zoneOf(mentees[e]!) * zones;
    const eBits = e * words;
    const eBits0 = menteeBits[eBits]!;
    const base = r * cols;
    for (let c = 0; c < cols; c++) {
      const gap = eRank - colRank[c]!;
      if (gap < minGap) {
        cells[base + c] = forbidden;
        continue;
      }
      let shared: number;
      if (words === 1) {
        shared = popcount32(eBits0 & colBits[c]!); // the usual case: under 32 topics in play
      } else {
        shared = 0;
        for (let k = 0; k < words; k++)
          shared += popcount32(menteeBits[eBits + k]! & colBits[c * words + k]!);
      }
      if (shared > maxShared) shared = maxShared;
      const mTeam = colTeam[c]!;
      const differ = eTeam >= 0 && mTeam >= 0 && eTeam !== mTeam ? 1 : 0;
      cells[base + c] = table[((shared * 2 + differ) * 4 + gap) * zz + rowZone + colZone[c]!]!;
    }
  }

  // Blocks, earlier pairings and self-pairs are few: clear their cells rather than test every pair.
  const rowOf = new Map<string, number>();
  for (let r = 0; r < rows; r++) rowOf.set(mentees[rowMentee[r]!]!.userId, r);
  const colOf = new Map<string, number>();
  for (let c = 0; c < cols; c++) colOf.set(mentors[colMentor[c]!]!.userId, c);
  const clear = (mentorId: string, menteeId: string) => {
    const r = rowOf.get(menteeId);
    const c = colOf.get(mentorId);
    if (r !== undefined && c !== undefined) cells[r * cols + c] = forbidden;
  };
  for (const key of p.ruledOut) {
    const [a, b] = key.split('\u0000') as [string, string];
    clear(a, b);
    clear(b, a);
  }
  for (const id of rowOf.keys()) clear(id, id);

  return { rowMentee, colMentor, cells };
}

/** Whether the pair passes every hard rule (the fast form, for explaining the unmatched). */
function allowed(p: PreparedCohort, mentor: MatchCandidate, mentee: MatchCandidate): boolean {
  return mentor.userId !== mentee.userId && !p.ruledOut.has(unorderedKey(mentor.userId, mentee.userId));
}

function unmatchedReason(p: PreparedCohort, person: MatchCandidate): UnmatchedReason {
  const allowSame = p.rules.allowSameStage;
  const isMentor = person.role === 'mentor';
  const others = isMentor ? p.mentees : p.mentors;
  let stageFits = false;
  for (const other of others) {
    const fits = isMentor
      ? stageAllowed(person.careerStage, other.careerStage, allowSame)
      : stageAllowed(other.careerStage, person.careerStage, allowSame);
    if (!fits) continue;
    stageFits = true;
    if (isMentor ? allowed(p, person, other) : allowed(p, other, person)) {
      return isMentor ? 'mentees-all-paired' : 'mentor-places-full';
    }
  }
  if (!stageFits) return isMentor ? 'no-later-stage-mentee' : 'no-earlier-stage-mentor';
  return 'all-partners-ruled-out';
}

/** Turns chosen (mentor index, mentee index) pairs into the public result, scored and explained. */
export function buildResult(
  p: PreparedCohort,
  chosen: readonly { readonly mentor: number; readonly mentee: number }[],
): MatchResult {
  const offered = p.rules.offeredTopics;
  const pinnedKeys = new Set(p.keptPins.map((x) => `${x.mentor}:${x.mentee}`));
  const all = [...p.keptPins, ...chosen];
  const mentorUsed = new Uint8Array(p.mentors.length);
  const menteeUsed = new Uint8Array(p.mentees.length);
  const pairs: MatchedPair[] = all.map(({ mentor, mentee }) => {
    mentorUsed[mentor] = 1;
    menteeUsed[mentee] = 1;
    const a = p.mentors[mentor]!;
    const b = p.mentees[mentee]!;
    return {
      mentorId: a.userId,
      menteeId: b.userId,
      score: scorePair(a, b, p.weights, offered),
      reasons: pairReasons(a, b, offered),
      pinned: pinnedKeys.has(`${mentor}:${mentee}`),
    };
  });
  pairs.sort((x, y) => compareIds(x.mentorId, y.mentorId) || compareIds(x.menteeId, y.menteeId));
  const unmatched: UnmatchedPerson[] = [];
  p.mentors.forEach((c, i) => {
    if (!mentorUsed[i]) unmatched.push({ userId: c.userId, role: 'mentor', reason: unmatchedReason(p, c) });
  });
  p.mentees.forEach((c, i) => {
    if (!menteeUsed[i]) unmatched.push({ userId: c.userId, role: 'mentee', reason: unmatchedReason(p, c) });
  });
  unmatched.sort((x, y) => compareIds(x.userId, y.userId) || compareIds(x.role, y.role));
  const totalScore = pairs.reduce((sum, x) => sum + x.score, 0);
  return { pairs, unmatched, totalScore, rejectedPins: p.rejectedPins };
}
