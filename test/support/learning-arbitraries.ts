// fast-check generators for the learning module's inputs.

import fc from 'fast-check';
import type { FinishedPair, PairOutcome, PairScoreParts } from '../../src/domain/learning/types.js';

export const outcomeArb: fc.Arbitrary<PairOutcome> = fc.integer({ min: 0, max: 12 }).chain((weeks) =>
  fc.record({
    fit: fc.constantFrom('good' as const, 'unsure' as const, 'poor' as const, null),
    meetingsLogged: fc.integer({ min: 0, max: weeks }),
    weeks: fc.constant(weeks),
    surveyRating: fc.option(fc.integer({ min: 1, max: 5 }), { nil: null }),
    endedEarly: fc.boolean(),
  }),
);

export const partsArb: fc.Arbitrary<PairScoreParts> = fc.record({
  sharedTopics: fc.integer({ min: 0, max: 5 }),
  teams: fc.constantFrom('different' as const, 'same' as const, 'unknown' as const),
  stageGap: fc.integer({ min: 0, max: 3 }),
  minutesApart: fc.integer({ min: 0, max: 24 }).map((halfHours) => halfHours * 30),
  waitlistedMembers: fc.integer({ min: 0, max: 2 }),
});

export const finishedPairArb: fc.Arbitrary<FinishedPair> = fc.record({
  parts: partsArb,
  outcome: outcomeArb,
});
