// Matcher benchmark: exact optimum vs the greedy baseline on realistic random cohorts.

import { greedyMatch } from '../../src/domain/matching/greedy.js';
import { matchCohort } from '../../src/domain/matching/match.js';
import type { MatchResult, MatchRules } from '../../src/domain/matching/types.js';
import { generateCohort } from './profiles.js';

interface Case {
  readonly mentors: number;
  readonly mentees: number;
  readonly capacity: number;
}

const CASES: readonly Case[] = [
  { mentors: 100, mentees: 100, capacity: 1 },
  { mentors: 1000, mentees: 1000, capacity: 1 },
  { mentors: 2000, mentees: 2000, capacity: 1 },
  { mentors: 2000, mentees: 2000, capacity: 2 },
];

const MB = 1024 * 1024;
const gc = (globalThis as { gc?: () => void }).gc;

/**
 * Runs once, timing it. Peak RSS is the process's high-water mark (getrusage), which only grows, so
 * cases go from small to large. Heap + array buffers is read straight after the run, before any
 * collection, so it still includes the run's big typed arrays.
 */
function timed<T>(run: () => T): { value: T; ms: number; peakRssMb: number; heapMb: number } {
  gc?.();
  const t0 = process.hrtime.bigint();
  const value = run();
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const after = process.memoryUsage();
  return {
    value,
    ms,
    peakRssMb: (process.resourceUsage().maxRSS * 1024) / MB,
    heapMb: (after.heapUsed + after.arrayBuffers) / MB,
  };
}

function pad(s: string | number, width: number): string {
  return String(s).padStart(width);
}

export async function benchMatching(): Promise<void> {
  if (!gc) console.log('(run with node --expose-gc for steadier memory figures)');
  console.log('Matching: exact (shortest augmenting paths) vs greedy, seeded realistic profiles');
  const header = [
    pad('mentors×mentees', 16),
    pad('cap', 3),
    pad('exact ms', 9),
    pad('exact total', 11),
    pad('pairs', 5),
    pad('greedy ms', 9),
    pad('greedy total', 12),
    pad('pairs', 5),
    pad('gain', 6),
    pad('peak RSS MB', 11),
    pad('heap+buf MB', 11),
  ].join('  ');
  console.log(header);
  console.log('-'.repeat(header.length));
  for (const c of CASES) {
    const { candidates, pastPairs } = generateCohort({
      mentors: c.mentors,
      mentees: c.mentees,
      seed: 20240601,
    });
    const rules: MatchRules = { capacity: c.capacity, allowSameStage: false, pastPairs };
    // Warm up the JIT on a small cohort so the first timed case isn't mostly compilation.
    if (c === CASES[0]) matchCohort(generateCohort({ mentors: 50, mentees: 50, seed: 1 }).candidates, rules);
    const exact = timed(() => matchCohort(candidates, rules));
    const greedy = timed(() => greedyMatch(candidates, rules));
    const gain = (x: MatchResult, y: MatchResult) =>
      `${(((x.totalScore - y.totalScore) / y.totalScore) * 100).toFixed(1)}%`;
    console.log(
      [
        pad(`${c.mentors}×${c.mentees}`, 16),
        pad(c.capacity, 3),
        pad(exact.ms.toFixed(0), 9),
        pad(exact.value.totalScore, 11),
        pad(exact.value.pairs.length, 5),
        pad(greedy.ms.toFixed(0), 9),
        pad(greedy.value.totalScore, 12),
        pad(greedy.value.pairs.length, 5),
        pad(gain(exact.value, greedy.value), 6),
        pad(Math.max(exact.peakRssMb, greedy.peakRssMb).toFixed(0), 11),
        pad(Math.max(exact.heapMb, greedy.heapMb).toFixed(0), 11),
      ].join('  '),
    );
  }
}
