// Runs every benchmark in turn. Build with `npx tsc -p tsconfig.bench.json`, then
// `node --expose-gc dist-bench/test/bench/run.js`. To add a bench, append it to the list.

import { benchFanout } from './fanout.js';
import { benchLearning } from './learning.js';
import { benchMatching } from './matching.js';

const benches: readonly (readonly [string, () => Promise<void>])[] = [
  ['matching', benchMatching],
  ['learning from outcomes, 20 synthetic programmes', benchLearning],
  // Slack's real workspace ceiling is a few hundred messages a minute; these are far above it, so they show
  // how close the pacing gets to the limit, and (at 6,000) where one-at-a-time round trips start to show.
  ['fan-out, 10,000 prompts at 3,000/min', () => benchFanout({ pairs: 10_000, messagesPerMinute: 3_000 })],
  ['fan-out, 10,000 prompts at 6,000/min', () => benchFanout({ pairs: 10_000, messagesPerMinute: 6_000 })],
];

// BENCH=matching (a comma-separated list of name prefixes) runs only those benches.
const wanted = process.env.BENCH?.split(',').map((x) => x.trim()) ?? null;
for (const [name, run] of benches) {
  if (wanted && !wanted.some((w) => name.startsWith(w))) continue;
  console.log(`\n== ${name} ==`);
  await run();
}
