// Runs every benchmark in turn. Build with `npx tsc -p tsconfig.bench.json`, then
// `node --expose-gc dist-bench/test/bench/run.js`. To add a bench, append it to the list.

import { benchFanout } from './fanout.js';
import { benchMatching } from './matching.js';

const benches: readonly (readonly [string, () => Promise<void>])[] = [
  ['matching', benchMatching],
  ['fan-out', () => benchFanout()],
];

for (const [name, run] of benches) {
  console.log(`\n== ${name} ==`);
  await run();
}
