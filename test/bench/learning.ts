// Learning from outcomes, measured: synthetic programmes (test/support/synthetic-programs.ts) where a hidden
// preference drives outcomes. Three cohorts with learning between them (cohort 1 on the defaults; after each,
// weights suggested from all outcomes so far and applied), then a fourth cohort matched with the defaults and
// with the learned weights. Meeting rate = expected share of planned cycles with a meeting over the fourth
// cohort's pairs, from the hidden model (no sampling noise). Runnable alone:
//   npx tsc -p tsconfig.bench.json && node dist-bench/test/bench/learning.js

import { seededRandom } from '../../src/demo/people.js';
import { DEFAULT_WEIGHTS } from '../../src/domain/matching/scoring.js';
import type { ScoreWeights } from '../../src/domain/matching/types.js';
import { type ProgramResult, runProgram, TIME_ZONES_TWICE } from '../support/synthetic-programs.js';

const SEEDS = Array.from({ length: 20 }, (_, i) => i + 1);

const pct = (x: number) => `${(x * 100).toFixed(2)}%`;
const pp = (x: number) => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(2)} pp`;
const pad = (s: string | number, width: number) => String(s).padStart(width);

function changed(w: ScoreWeights): string {
  const parts: string[] = [];
  for (const key of [
    'perSharedTopic',
    'differentTeams',
    'nearbyTimeZones',
    'penaltyPerHourBeyond',
    'base',
  ] as const) {
    if (w[key] !== DEFAULT_WEIGHTS[key]) parts.push(`${key} ${DEFAULT_WEIGHTS[key]}→${w[key]}`);
  }
  w.stageGap.forEach((v, g) => {
    if (v !== DEFAULT_WEIGHTS.stageGap[g]) parts.push(`stageGap[${g}] ${DEFAULT_WEIGHTS.stageGap[g]}→${v}`);
  });
  return parts.length === 0 ? '(defaults kept)' : parts.join(', ');
}

function table(title: string, hidden: ScoreWeights): void {
  console.log(`\n${title}`);
  console.log(
    `${pad('seed', 4)} ${pad('default', 9)} ${pad('learned', 9)} ${pad('difference', 11)} ${pad('ceiling', 9)}  learned weights`,
  );
  const runs: ProgramResult[] = [];
  for (const seed of SEEDS) {
    const r = runProgram({ rand: seededRandom(seed), hidden });
    runs.push(r);
    const d = r.next.withDefault.meetingRate;
    const l = r.next.withLearned.meetingRate;
    console.log(
      `${pad(seed, 4)} ${pad(pct(d), 9)} ${pad(pct(l), 9)} ${pad(pp(l - d), 11)} ${pad(pct(r.next.withHidden.meetingRate), 9)}  ${changed(r.learned)}`,
    );
  }
  const mean = (f: (r: ProgramResult) => number) => runs.reduce((s, r) => s + f(r), 0) / runs.length;
  const d = mean((r) => r.next.withDefault.meetingRate);
  const l = mean((r) => r.next.withLearned.meetingRate);
  const h = mean((r) => r.next.withHidden.meetingRate);
  const better = runs.filter((r) => r.next.withLearned.meetingRate > r.next.withDefault.meetingRate).length;
  const worse = runs.filter((r) => r.next.withLearned.meetingRate < r.next.withDefault.meetingRate).length;
  console.log(
    `${pad('mean', 4)} ${pad(pct(d), 9)} ${pad(pct(l), 9)} ${pad(pp(l - d), 11)} ${pad(pct(h), 9)}`,
  );
  console.log(
    `learned beat the defaults in ${better} of ${runs.length} programmes, lost in ${worse}; the ceiling (matching with the hidden preference itself) gains ${pp(h - d)}`,
  );
}

export async function benchLearning(): Promise<void> {
  const t0 = performance.now();
  console.log(
    'Learning from outcomes: 3 cohorts of 80 mentors × 80 mentees with learning between them, then a 4th cohort; meeting rate of the 4th',
  );
  table(
    'Hidden preference: time-zone closeness worth twice the defaults (nearby 20, 6 per hour beyond 6 h)',
    TIME_ZONES_TWICE,
  );
  table('Control: outcomes follow the default weights (nothing to learn)', DEFAULT_WEIGHTS);
  console.log(`\n${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

if (process.argv[1]?.endsWith('/learning.js')) await benchLearning();
