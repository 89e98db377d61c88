// `npm run soak`: the full fault soak (300 people, 6 weeks, many faults), or `-- --bounded` for the one
// `npm test` runs. The seed is random unless given (`-- --seed 42` or SOAK_SEED=42); it is printed first,
// and the same seed plays the same soak. Exits 1 when an invariant was violated.

import { parseArgs } from 'node:util';
import { BOUNDED_SHAPE, FULL_SHAPE } from './plan.js';
import { runSoak } from './runner.js';

const { values } = parseArgs({
  options: {
    seed: { type: 'string', default: process.env.SOAK_SEED },
    bounded: { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
  },
  strict: true,
});

const seed = values.seed === undefined ? Math.floor(Math.random() * 2 ** 31) : Number(values.seed);
if (!Number.isInteger(seed) || seed < 0) {
  process.stderr.write(`--seed must be a whole number (got "${values.seed}")\n`);
  process.exit(2);
}
process.stdout.write(`seed ${seed}\n`);
const started = performance.now();
const result = await runSoak({
  seed,
  shape: values.bounded ? BOUNDED_SHAPE : FULL_SHAPE,
  keep: values.keep,
  log: (line) =>
    process.stdout.write(`[${((performance.now() - started) / 1000).toFixed(1).padStart(6)} s] ${line}\n`),
});
process.stdout.write(`\n${result.report}\n`);
process.exit(result.violations.length > 0 ? 1 : 0);
