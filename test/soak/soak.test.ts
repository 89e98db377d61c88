import { describe, expect, it } from 'vitest';
import { BOUNDED_SHAPE } from './plan.js';
import { runSoak } from './runner.js';

// The bounded fault soak of issue 10 (the full one: `npm run soak`): a 4-week cohort of 20 people played
// through real bot and tick processes and the loopback Slack in its own process, with one of each fault.
// SOAK_SEED=n replays a seed; the table is printed either way.

const seed = Number(process.env.SOAK_SEED ?? 1);

describe('fault soak (bounded)', () => {
  it(`keeps every invariant through a cohort with faults (seed ${seed})`, async () => {
    const result = await runSoak({ seed, shape: BOUNDED_SHAPE });
    console.log(result.report);
    expect(result.faults.length).toBeGreaterThan(8);
    expect(result.violations.map((v) => `${v.invariant}: ${v.message}`)).toEqual([]);
  }, 240_000);
});
