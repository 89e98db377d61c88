// Shared preparation for the exact matcher and the greedy baseline: canonical order, pins, the
// confidential "never pair" set, the score matrix, and turning chosen pairs into a MatchResult.

import { CAREER_STAGES, careerStageRank } from '../catalogue.js';
import type { CostRows } from './assignment.js';
import { pairReasons } from './reasons.js';
import {
  CONFIDENTIAL_MESSAGE,
  checkHardRules,
  nameOf,
  sameTeamForbidden,
  stageAllowed,
  unorderedKey,
} from './rules.js';
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
  /**
   * What the exact matcher optimises (see matchCohort). 'fair', the default: the most pairs, then the
   * best lowest pair score, then the best total. 'sum': the best total alone (then the most pairs) — it
   * can leave someone out, or give someone a poor partner, to raise others' scores; kept for comparison.
   */
  readonly objective?: 'fair' | 'sum';
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

/** Stored rank matrices above this many cells are computed row by row instead (10,000 × 10,000 is 100 MB). */
const MAX_STORED_CELLS = 100_000_000;

export interface GridOptions {
  /**
   * Keep every cell's score rank (one byte per cell while there are fewer than 256 distinct scores, two
   * below 65,536) so that each pass over the matrix is a lookup rather than a computation. Default: when
   * the cohort is at most 10,000 × 10,000. Without it, rows are computed on demand (same values).
   */
  readonly storeCells?: boolean;
}

/**
 * The open mentees (rows: those not pinned) × the open mentors (columns: those with places left).
 * Every score is combineScore of a few small features (shared topics, different teams, stage gap, the
 * two zones), so each combination is scored once and the distinct scores are numbered: a cell is the
 * rank of its score (0 for a pair a hard rule forbids), and a "table" turns ranks into whatever a
 * solver wants (scores, costs). Ranks are kept one byte per cell when that fits — 25 MB at
 * 5,000 × 5,000, where one Float64 matrix would be 200 MB — and computed row by row otherwise. Either
 * way the solvers read the matrix only a row or a cell at a time.
 */
export class CohortGrid {
  readonly rows: number;
  readonly cols: number;
  /** Mentee index of each row: the mentees not pinned. */
  readonly rowMentee: Int32Array;
  /** Mentor index of each column: the mentors with places left. */
  readonly colMentor: Int32Array;
  /** Places left per column. */
  readonly capacity: Int32Array;
  /** Every score a pair could have here, ascending (all >= 1); rank k is values[k - 1]. */
  readonly values: Float64Array;
  /** Largest of `values` (0 when there is none). */
  readonly maxScore: number;
  private readonly featureRank: Uint16Array | Int32Array;
  private readonly words: number;
  private readonly rowBits: Uint32Array;
  private readonly colBits: Uint32Array;
  private readonly rowRank: Int32Array;
  private readonly colRank: Int32Array;
  private readonly rowTeam: Int32Array;
  private readonly colTeam: Int32Array;
  /** Row zone × zones, so a cell's zone pair is rowZone + colZone. */
  private readonly rowZone: Int32Array;
  private readonly colZone: Int32Array;
  private readonly zz: number;
  private readonly maxShared: number;
  private readonly minGap: number;
  private readonly sameTeamAllowed: boolean;
  /** Per row, the columns ruled out by a block, an earlier pairing or being the same person (few). */
  private readonly ruledOutCols: ReadonlyMap<number, Int32Array>;
  /** Every cell's rank, rows × cols, when stored. */
  private readonly ranks: Uint8Array | Uint16Array | null;

  constructor(p: PreparedCohort, options: GridOptions = {}) {
    const { mentors, mentees, weights, rules } = p;
    this.rowMentee = Int32Array.from(mentees.map((_, i) => i).filter((i) => p.menteePinned[i] === 0));
    this.colMentor = Int32Array.from(mentors.map((_, i) => i).filter((i) => p.remaining[i]! > 0));
    this.rows = this.rowMentee.length;
    this.cols = this.colMentor.length;
    this.capacity = Int32Array.from(this.colMentor, (m) => p.remaining[m]!);
    const rowPeople = Array.from(this.rowMentee, (e) => mentees[e]!);
    const colPeople = Array.from(this.colMentor, (m) => mentors[m]!);

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
    this.words = words;
    this.rowBits = bitsOf(rowPeople);
    this.colBits = bitsOf(colPeople);
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
    this.rowTeam = Int32Array.from(rowPeople, teamOf);
    this.colTeam = Int32Array.from(colPeople, teamOf);
    this.rowRank = Int32Array.from(rowPeople, (c) => careerStageRank(c.careerStage));
    this.colRank = Int32Array.from(colPeople, (c) => careerStageRank(c.careerStage));
    this.minGap = rules.allowSameStage ? 0 : 1;
    this.sameTeamAllowed = rules.allowSameTeam === true;

    // A zone is a UTC offset together with the waitlisted flag (when anyone is waitlisted), so the bonus
    // costs the row loop nothing.
    const offsets = [...new Set([...mentors, ...mentees].map((c) => c.tzOffsetMinutes))];
    const offsetIndex = new Map(offsets.map((o, i) => [o, i]));
    const flags = mentors.some(isWaitlisted) || mentees.some(isWaitlisted) ? 2 : 1;
    const zoneOf = (c: MatchCandidate): number =>
      offsetIndex.get(c.tzOffsetMinutes)! * flags + (isWaitlisted(c) ? 1 : 0);
    const zones = offsets.length * flags;
    this.zz = zones * zones;
    this.rowZone = Int32Array.from(rowPeople, (c) => zoneOf(c) * zones);
    this.colZone = Int32Array.from(colPeople, zoneOf);
    const maxShared = Math.min(weights.maxCountedTopics, topicIndex.size);
    this.maxShared = maxShared;
    const featureScore = new Float64Array((maxShared + 1) * 2 * 4 * zones * zones);
    for (let shared = 0; shared <= maxShared; shared++) {
      for (let differ = 0; differ < 2; differ++) {
        for (let gap = 0; gap < 4; gap++) {
          for (let a = 0; a < zones; a++) {
            for (let b = 0; b < zones; b++) {
              featureScore[this.featureAt(shared, differ, gap, a * zones + b)] = combineScore(
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
    this.values = Float64Array.from(new Set(featureScore)).sort();
    this.maxScore = this.values.length > 0 ? this.values[this.values.length - 1]! : 0;
    const rankOf = new Map(Array.from(this.values, (v, k) => [v, k + 1]));
    this.featureRank =
      this.values.length < 65_535
        ? new Uint16Array(featureScore.length)
        : new Int32Array(featureScore.length);
    for (let f = 0; f < featureScore.length; f++) this.featureRank[f] = rankOf.get(featureScore[f]!)!;

    // Blocks, earlier pairings and self-pairs are few: listed per row rather than tested for every pair.
    const rowOf = new Map(rowPeople.map((c, r) => [c.userId, r]));
    const colOf = new Map(colPeople.map((c, j) => [c.userId, j]));
    const lists = new Map<number, number[]>();
    const clear = (mentorId: string, menteeId: string) => {
      const r = rowOf.get(menteeId);
      const j = colOf.get(mentorId);
      if (r === undefined || j === undefined) return;
      const list = lists.get(r);
      if (list) list.push(j);
      else lists.set(r, [j]);
    };
    for (const key of p.ruledOut) {
      const [a, b] = key.split('\u0000') as [string, string];
      clear(a, b);
      clear(b, a);
    }
    for (const id of rowOf.keys()) clear(id, id);
    this.ruledOutCols = new Map([...lists].map(([r, list]) => [r, Int32Array.from(list)]));

    const cells = this.rows * this.cols;
    const store =
      (options.storeCells ?? cells <= MAX_STORED_CELLS) && this.values.length < 65_535 && cells > 0;
    if (store) {
      const ranks = this.values.length < 255 ? new Uint8Array(cells) : new Uint16Array(cells);
      for (let r = 0; r < this.rows; r++) this.rankRow(r, ranks, r * this.cols);
      this.ranks = ranks;
    } else {
      this.ranks = null;
    }
  }

  /** Index of a cell's features into the per-feature arrays. */
  private featureAt(shared: number, differ: number, gap: number, zonePair: number): number {
    return ((shared * 2 + differ) * 4 + gap) * this.zz + zonePair;
  }

  /** Writes row r's ranks (0 where a hard rule forbids the pair) into out[at .. at + cols). */
  private rankRow(r: number, out: Uint8Array | Uint16Array | Int32Array, at: number): void {
    const { cols, words, colRank, colTeam, colZone, colBits, rowBits, minGap, maxShared, zz } = this;
    const featureRank = this.featureRank;
    const eRank = this.rowRank[r]!;
    const eTeam = this.rowTeam[r]!;
    // Same team as this mentee forbidden: a team id no column has when the rule is off or the team unknown.
    const banned = this.sameTeamAllowed || eTeam < 0 ? -2 : eTeam;
    const rowZone = this.rowZone[r]!;
    const eBits = r * words;
    const eBits0 = rowBits[eBits]!;
    for (let c = 0; c < cols; c++) {
      const gap = eRank - colRank[c]!;
      const mTeam = colTeam[c]!;
      if (gap < minGap || mTeam === banned) {
        out[at + c] = 0;
        continue;
      }
      let shared: number;
      if (words === 1) {
        shared = popcount32(eBits0 & colBits[c]!); // the usual case: under 32 topics in play
      } else {
        shared = 0;
        for (let k = 0; k < words; k++) shared += popcount32(rowBits[eBits + k]! & colBits[c * words + k]!);
      }
      if (shared > maxShared) shared = maxShared;
      const differ = eTeam >= 0 && mTeam >= 0 && eTeam !== mTeam ? 1 : 0;
      out[at + c] = featureRank[((shared * 2 + differ) * 4 + gap) * zz + rowZone + colZone[c]!]!;
    }
    const ruled = this.ruledOutCols.get(r);
    if (ruled) for (let h = 0; h < ruled.length; h++) out[at + ruled[h]!] = 0;
  }

  /**
   * A lookup from rank to cell value for fillRow and cell: table[0] = `forbidden`, table[k] =
   * toCell(values[k - 1]).
   */
  table(toCell: (score: number) => number, forbidden: number): Float64Array {
    const table = new Float64Array(this.values.length + 1);
    table[0] = forbidden;
    for (let k = 0; k < this.values.length; k++) table[k + 1] = toCell(this.values[k]!);
    return table;
  }

  private scratch: Int32Array | null = null;

  /** Writes row r's cells into `out` (length cols) through a table (see table()). */
  fillRow(r: number, table: Float64Array, out: Float64Array): void {
    const cols = this.cols;
    let ranks: Uint8Array | Uint16Array | Int32Array | null = this.ranks;
    let at = r * cols;
    if (!ranks) {
      this.scratch ??= new Int32Array(cols);
      ranks = this.scratch;
      this.rankRow(r, ranks, 0);
      at = 0;
    }
    for (let c = 0; c < cols; c++) out[c] = table[ranks[at + c]!]!;
  }

  /** One cell, as fillRow would write it. */
  cell(r: number, c: number, table: Float64Array): number {
    if (this.ranks) return table[this.ranks[r * this.cols + c]!]!;
    const gap = this.rowRank[r]! - this.colRank[c]!;
    const eTeam = this.rowTeam[r]!;
    const mTeam = this.colTeam[c]!;
    if (gap < this.minGap || (!this.sameTeamAllowed && eTeam >= 0 && eTeam === mTeam)) return table[0]!;
    if (this.ruledOutCols.get(r)?.includes(c)) return table[0]!;
    const words = this.words;
    let shared = 0;
    for (let k = 0; k < words; k++)
      shared += popcount32(this.rowBits[r * words + k]! & this.colBits[c * words + k]!);
    if (shared > this.maxShared) shared = this.maxShared;
    const differ = eTeam >= 0 && mTeam >= 0 && eTeam !== mTeam ? 1 : 0;
    return table[
      this.featureRank[this.featureAt(shared, differ, gap, this.rowZone[r]! + this.colZone[c]!)]!
    ]!;
  }

  /** The whole grid as one rows × cols row-major matrix (small cohorts, tests and the greedy baseline). */
  dense(table: Float64Array): Float64Array {
    const out = new Float64Array(this.rows * this.cols);
    for (let r = 0; r < this.rows; r++)
      this.fillRow(r, table, out.subarray(r * this.cols, (r + 1) * this.cols));
    return out;
  }

  /** The grid through a table as the solvers' rows: each computed on demand into one reused buffer. */
  costRows(table: Float64Array): CostRows {
    const buffer = new Float64Array(this.cols);
    return {
      row: (r) => {
        this.fillRow(r, table, buffer);
        return buffer;
      },
      cell: (r, c) => this.cell(r, c, table),
    };
  }
}

export interface ScoreMatrix {
  readonly rowMentee: Int32Array;
  readonly colMentor: Int32Array;
  /** rows × cols row-major; 0 marks a pair the hard rules forbid (allowed pairs score at least 1). */
  readonly scores: Float64Array;
}

/** Scores of every open mentee × open mentor as one matrix. Uses the same combineScore as scorePair. */
export function buildScoreMatrix(p: PreparedCohort, options: GridOptions = {}): ScoreMatrix {
  const grid = new CohortGrid(p, options);
  return {
    rowMentee: grid.rowMentee,
    colMentor: grid.colMentor,
    scores: grid.dense(grid.table((s) => s, 0)),
  };
}

/** The sum objective's costs: a table over the grid's ranks, and the waitlist shift (see CostMatrix). */
export interface SumCosts {
  readonly table: Float64Array;
  readonly shift: { readonly row: Float64Array; readonly col: Float64Array } | null;
}

/**
 * The costs the sum-only matcher minimises. A pair's cost is -(score × (maxPairs + 1) + 1): the scaled
 * score decides first, and the +1 per pair only ever decides between matchings with equal total
 * score — in favour of the one that pairs more people. (Dropped in the absurd case where the scaled
 * totals could exceed exact integer range.)
 */
export function sumCosts(p: PreparedCohort, grid: CohortGrid): SumCosts {
  let places = 0;
  for (let c = 0; c < grid.cols; c++) places += grid.capacity[c]!;
  const maxPairs = Math.min(grid.rows, places);
  const fits = (grid.maxScore + 1) * (maxPairs + 1) * (maxPairs + 1) < Number.MAX_SAFE_INTEGER;
  const scale = fits ? maxPairs + 1 : 1;
  const perPair = fits ? 1 : 0;
  const table = grid.table((score) => -(score * scale + perPair), Number.POSITIVE_INFINITY);
  return { table, shift: waitlistShift(p, grid, -p.weights.waitlisted * scale) };
}

/**
 * The waitlist bonus's share of each cost, per row and per column (null when nobody is waitlisted):
 * every allowed cell's cost is a base cost plus these. The solver picks its first candidates by the base
 * cost, so the waitlisted don't crowd everyone else out of the candidate lists.
 */
export function waitlistShift(
  p: PreparedCohort,
  grid: CohortGrid,
  bonus: number,
): { readonly row: Float64Array; readonly col: Float64Array } | null {
  if (bonus === 0 || !(p.mentors.some(isWaitlisted) || p.mentees.some(isWaitlisted))) return null;
  const shiftOf = (c: MatchCandidate) => (isWaitlisted(c) ? bonus : 0);
  return {
    row: Float64Array.from(grid.rowMentee, (e) => shiftOf(p.mentees[e]!)),
    col: Float64Array.from(grid.colMentor, (m) => shiftOf(p.mentors[m]!)),
  };
}

export interface CostMatrix {
  readonly rowMentee: Int32Array;
  readonly colMentor: Int32Array;
  /** rows × cols row-major, for the minimising solver; +Infinity marks a forbidden pair. */
  readonly cost: Float64Array;
  /** Places left per column. */
  readonly capacity: Int32Array;
  /** See waitlistShift. */
  readonly shift: { readonly row: Float64Array; readonly col: Float64Array } | null;
}

/** The sum objective's costs as one dense matrix (see sumCosts). */
export function buildCostMatrix(p: PreparedCohort): CostMatrix {
  const grid = new CohortGrid(p);
  const { table, shift } = sumCosts(p, grid);
  return {
    rowMentee: grid.rowMentee,
    colMentor: grid.colMentor,
    cost: grid.dense(table),
    capacity: grid.capacity,
    shift,
  };
}

/** Whether the pair passes every hard rule (the fast form, for explaining the unmatched). */
function allowed(p: PreparedCohort, mentor: MatchCandidate, mentee: MatchCandidate): boolean {
  return mentor.userId !== mentee.userId && !p.ruledOut.has(unorderedKey(mentor.userId, mentee.userId));
}

/**
 * Why someone was left out. The visible rules (stages, then teams) are asked first and on their own, so
 * a reason never depends on a confidential rule unless the visible ones left a partner possible.
 */
function unmatchedReason(p: PreparedCohort, person: MatchCandidate): UnmatchedReason {
  const allowSame = p.rules.allowSameStage;
  const isMentor = person.role === 'mentor';
  const others = isMentor ? p.mentees : p.mentors;
  let stageFits = false;
  let teamFits = false;
  for (const other of others) {
    const fits = isMentor
      ? stageAllowed(person.careerStage, other.careerStage, allowSame)
      : stageAllowed(other.careerStage, person.careerStage, allowSame);
    if (!fits) continue;
    stageFits = true;
    if (sameTeamForbidden(person, other, p.rules)) continue;
    teamFits = true;
    if (isMentor ? allowed(p, person, other) : allowed(p, other, person)) {
      return isMentor ? 'mentees-all-paired' : 'mentor-places-full';
    }
  }
  if (!stageFits) return isMentor ? 'no-later-stage-mentee' : 'no-earlier-stage-mentor';
  if (!teamFits) return 'all-same-team';
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
  let bottleneckScore: number | null = null;
  for (const x of pairs) {
    if (!x.pinned && (bottleneckScore === null || x.score < bottleneckScore)) bottleneckScore = x.score;
  }
  return { pairs, unmatched, totalScore, bottleneckScore, rejectedPins: p.rejectedPins };
}
