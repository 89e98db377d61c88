// Matcher benchmark: the fair optimum (the default) vs the sum-only optimum vs the greedy baseline, on
// seeded, realistic random cohorts, so the cost of fairness (in time and in total score) is visible.

import { greedyMatch } from '../../src/domain/matching/greedy.js';
import { matchCohort } from '../../src/domain/matching/match.js';
import type { MatchCandidate, MatchResult, MatchRules } from '../../src/domain/matching/types.js';
import { generateCohort } from './profiles.js';

interface Case {
  readonly mentors: number;
  readonly mentees: number;
  readonly capacity: number;
  /** Share of people waitlisted from an earlier cohort (same people otherwise). */
  readonly waitlistRate: number;
}

// The 2,000 × 2,000 cohorts again with 5% of people waitlisted (first in line after an earlier cohort);
// "wl" is how many of them each matcher placed. The 5,000 × 5,000 case is the fair matcher's ceiling.
const CASES: readonly Case[] = [
  { mentors: 100, mentees: 100, capacity: 1, waitlistRate: 0 },
  { mentors: 1000, mentees: 1000, capacity: 1, waitlistRate: 0 },
  { mentors: 2000, mentees: 2000, capacity: 1, waitlistRate: 0 },
  { mentors: 2000, mentees: 2000, capacity: 2, waitlistRate: 0 },
  { mentors: 2000, mentees: 2000, capacity: 1, waitlistRate: 0.05 },
  { mentors: 2000, mentees: 2000, capacity: 2, waitlistRate: 0.05 },
  { mentors: 5000, mentees: 5000, capacity: 1, waitlistRate: 0 },
  { mentors: 5000, mentees: 5000, capacity: 2, waitlistRate: 0 },
];
const SEED = 20240601;
const REPEATS = 5;
const LARGE_REPEATS = 3;
const MB = 1024 * 1024;
const gc = (globalThis as { gc?: () => void }).gc;

/** Wall-clock and CPU time of one run. CPU time is less sensitive to other processes on a busy machine. */
function time<T>(run: () => T): { value: T; ms: number; cpuMs: number } {
  gc?.();
  const cpu0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  const value = run();
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const cpu = process.cpuUsage(cpu0);
  return { value, ms, cpuMs: (cpu.user + cpu.system) / 1000 };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function cohort(c: Case): { candidates: MatchCandidate[]; rules: MatchRules } {
  const { candidates, pastPairs } = generateCohort({
    mentors: c.mentors,
    mentees: c.mentees,
    seed: SEED,
    waitlistRate: c.waitlistRate,
  });
  return { candidates, rules: { capacity: c.capacity, allowSameStage: false, pastPairs } };
}

const pad = (s: string | number, width: number) => String(s).padStart(width);

/** "paired/waitlisted" for one result, or "-" when nobody is waitlisted. */
function waitlistedPaired(candidates: readonly MatchCandidate[], result: MatchResult): string {
  const waitlisted = candidates.filter((c) => c.waitlisted);
  if (waitlisted.length === 0) return '-';
  const paired = new Set(result.pairs.flatMap((p) => [`mentor:${p.mentorId}`, `mentee:${p.menteeId}`]));
  return `${waitlisted.filter((c) => paired.has(`${c.role}:${c.userId}`)).length}/${waitlisted.length}`;
}

interface Measured {
  readonly result: MatchResult;
  readonly ms: number;
  readonly cpuMs: number;
}

/** Median of `repeats` timed runs (the last run's result; every run gives the same one). */
function measure(repeats: number, run: () => MatchResult, heap: { mb: number }): Measured {
  const ms: number[] = [];
  const cpu: number[] = [];
  let result: MatchResult | null = null;
  for (let i = 0; i < repeats; i++) {
    const t = time(run);
    // Read before the next collection, so the run's big typed arrays are still counted.
    const after = process.memoryUsage();
    heap.mb = Math.max(heap.mb, (after.heapUsed + after.arrayBuffers) / MB);
    ms.push(t.ms);
    cpu.push(t.cpuMs);
    result = t.value;
  }
  return { result: result!, ms: median(ms), cpuMs: median(cpu) };
}

export async function benchMatching(): Promise<void> {
  if (!gc) console.log('(run node with --expose-gc for steadier figures)');
  console.log(
    `Matching on seeded realistic cohorts (seed ${SEED}): fair (the default), sum-only and greedy. ` +
      `Times: median of ${REPEATS} runs after warm-up (${LARGE_REPEATS} at 5,000 × 5,000), wall (cpu) ms. ` +
      'Scores: lowest pair / total; pairs; wl = waitlisted placed.',
  );
  // Warm the JIT (a few rounds on a separate cohort), so the timings below measure the algorithm, not
  // compilation. A fresh process's very first large run is slower by a few hundred ms.
  for (const capacity of [1, 2]) {
    const warm = generateCohort({ mentors: 800, mentees: 800, seed: SEED + 1 });
    const rules: MatchRules = { capacity, allowSameStage: false, pastPairs: warm.pastPairs };
    for (let i = 0; i < 3; i++) {
      matchCohort(warm.candidates, rules);
      matchCohort(warm.candidates, rules, { objective: 'sum' });
      greedyMatch(warm.candidates, rules);
    }
  }
  const only = process.env.BENCH_MATCHING_MAX ? Number(process.env.BENCH_MATCHING_MAX) : null;
  const header = [
    pad('mentors×mentees', 15),
    pad('cap', 3),
    pad('wl', 3),
    pad('fair ms (cpu)', 13),
    pad('fair low/total', 14),
    pad('pairs', 5),
    pad('wl', 9),
    pad('sum ms (cpu)', 12),
    pad('sum low/total', 13),
    pad('pairs', 5),
    pad('wl', 9),
    pad('greedy ms', 9),
    pad('greedy low/total', 16),
    pad('pairs', 5),
    pad('wl', 9),
    pad('peak RSS MB', 11),
    pad('heap+buf MB', 11),
  ].join('  ');
  console.log(header);
  console.log('-'.repeat(header.length));
  for (const c of CASES) {
    if (only !== null && c.mentors > only) continue;
    const { candidates, rules } = cohort(c);
    const repeats = c.mentors > 2000 ? LARGE_REPEATS : REPEATS;
    const heap = { mb: 0 };
    const fair = measure(repeats, () => matchCohort(candidates, rules), heap);
    const sum = measure(repeats, () => matchCohort(candidates, rules, { objective: 'sum' }), heap);
    const greedy = measure(1, () => greedyMatch(candidates, rules), heap);
    // getrusage's high-water mark for the whole process; cases grow, so it is this case's peak.
    const peakRssMb = (process.resourceUsage().maxRSS * 1024) / MB;
    const scores = (r: MatchResult) => `${r.bottleneckScore ?? '-'}/${r.totalScore}`;
    console.log(
      [
        pad(`${c.mentors}×${c.mentees}`, 15),
        pad(c.capacity, 3),
        pad(c.waitlistRate > 0 ? `${(c.waitlistRate * 100).toFixed(0)}%` : '-', 3),
        pad(`${fair.ms.toFixed(0)} (${fair.cpuMs.toFixed(0)})`, 13),
        pad(scores(fair.result), 14),
        pad(fair.result.pairs.length, 5),
        pad(waitlistedPaired(candidates, fair.result), 9),
        pad(`${sum.ms.toFixed(0)} (${sum.cpuMs.toFixed(0)})`, 12),
        pad(scores(sum.result), 13),
        pad(sum.result.pairs.length, 5),
        pad(waitlistedPaired(candidates, sum.result), 9),
        pad(greedy.ms.toFixed(0), 9),
        pad(scores(greedy.result), 16),
        pad(greedy.result.pairs.length, 5),
        pad(waitlistedPaired(candidates, greedy.result), 9),
        pad(peakRssMb.toFixed(0), 11),
        pad(heap.mb.toFixed(0), 11),
      ].join('  '),
    );
  }
}
