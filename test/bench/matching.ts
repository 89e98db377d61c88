// Matcher benchmark: the exact optimum vs the greedy baseline on seeded, realistic random cohorts.

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

// The last two cases are the 2,000 × 2,000 cohorts again with 5% of people waitlisted (first in line
// after an earlier cohort); "wl paired" is how many of them each matcher placed.
const CASES: readonly Case[] = [
  { mentors: 100, mentees: 100, capacity: 1, waitlistRate: 0 },
  { mentors: 1000, mentees: 1000, capacity: 1, waitlistRate: 0 },
  { mentors: 2000, mentees: 2000, capacity: 1, waitlistRate: 0 },
  { mentors: 2000, mentees: 2000, capacity: 2, waitlistRate: 0 },
  { mentors: 2000, mentees: 2000, capacity: 1, waitlistRate: 0.05 },
  { mentors: 2000, mentees: 2000, capacity: 2, waitlistRate: 0.05 },
];
const SEED = 20240601;
const REPEATS = 5;
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

export async function benchMatching(): Promise<void> {
  if (!gc) console.log('(run node with --expose-gc for steadier figures)');
  console.log(
    `Matching: exact vs greedy on seeded realistic cohorts (seed ${SEED}); exact = median of ${REPEATS} runs after warm-up`,
  );
  // Warm the JIT (a few rounds on a separate cohort), so the timings below measure the algorithm, not
  // compilation. A fresh process's very first large run is slower by a few hundred ms.
  for (const capacity of [1, 2]) {
    const warm = generateCohort({ mentors: 800, mentees: 800, seed: SEED + 1 });
    const rules: MatchRules = { capacity, allowSameStage: false, pastPairs: warm.pastPairs };
    for (let i = 0; i < 3; i++) {
      matchCohort(warm.candidates, rules);
      greedyMatch(warm.candidates, rules);
    }
  }
  const header = [
    pad('mentors×mentees', 15),
    pad('cap', 3),
    pad('waitlisted', 10),
    pad('exact ms', 8),
    pad('(cpu ms)', 8),
    pad('exact total', 11),
    pad('pairs', 5),
    pad('wl paired', 9),
    pad('greedy ms', 9),
    pad('greedy total', 12),
    pad('pairs', 5),
    pad('wl paired', 9),
    pad('exact gain', 10),
    pad('peak RSS MB', 11),
    pad('heap+buffers MB', 15),
  ].join('  ');
  console.log(header);
  console.log('-'.repeat(header.length));
  for (const c of CASES) {
    const { candidates, rules } = cohort(c);
    const runs: number[] = [];
    const cpuRuns: number[] = [];
    let exact: MatchResult | null = null;
    let heapMb = 0;
    for (let i = 0; i < REPEATS; i++) {
      const run = time(() => matchCohort(candidates, rules));
      // Read before the next collection, so the run's big typed arrays are still counted.
      const after = process.memoryUsage();
      heapMb = Math.max(heapMb, (after.heapUsed + after.arrayBuffers) / MB);
      runs.push(run.ms);
      cpuRuns.push(run.cpuMs);
      exact = run.value;
    }
    const greedy = time(() => greedyMatch(candidates, rules));
    // getrusage's high-water mark for the whole process; cases grow, so it is this case's peak.
    const peakRssMb = (process.resourceUsage().maxRSS * 1024) / MB;
    const gain = ((exact!.totalScore - greedy.value.totalScore) / greedy.value.totalScore) * 100;
    console.log(
      [
        pad(`${c.mentors}×${c.mentees}`, 15),
        pad(c.capacity, 3),
        pad(c.waitlistRate > 0 ? `${(c.waitlistRate * 100).toFixed(0)}%` : '-', 10),
        pad(median(runs).toFixed(0), 8),
        pad(`(${median(cpuRuns).toFixed(0)})`, 8),
        pad(exact!.totalScore, 11),
        pad(exact!.pairs.length, 5),
        pad(waitlistedPaired(candidates, exact!), 9),
        pad(greedy.ms.toFixed(0), 9),
        pad(greedy.value.totalScore, 12),
        pad(greedy.value.pairs.length, 5),
        pad(waitlistedPaired(candidates, greedy.value), 9),
        pad(`+${gain.toFixed(2)}%`, 10),
        pad(peakRssMb.toFixed(0), 11),
        pad(heapMb.toFixed(0), 15),
      ].join('  '),
    );
  }
}
