import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CostRows } from '../../../src/domain/matching/assignment.js';
import { maxBottleneck } from '../../../src/domain/matching/bottleneck.js';

// ---------------------------------------------------------------------------------------------------
// Independent oracle: a maximum matching by one simple augmenting-path search per row (Kuhn), with each
// column's capacity spelled out as that many separate places, tried at every threshold in turn.

function maxMatching(scores: number[][], capacity: number[], t: number): number {
  const places: number[] = [];
  capacity.forEach((c, j) => {
    for (let k = 0; k < c; k++) places.push(j);
  });
  const holder = places.map(() => -1);
  const tryRow = (r: number, seen: boolean[]): boolean => {
    for (let p = 0; p < places.length; p++) {
      if (seen[p] || scores[r]![places[p]!]! < t || scores[r]![places[p]!]! <= 0) continue;
      seen[p] = true;
      if (holder[p] === -1 || tryRow(holder[p]!, seen)) {
        holder[p] = r;
        return true;
      }
    }
    return false;
  };
  let size = 0;
  for (let r = 0; r < scores.length; r++)
    if (
      tryRow(
        r,
        places.map(() => false),
      )
    )
      size++;
  return size;
}

function oracle(scores: number[][], capacity: number[]): { maxPairs: number; threshold: number | null } {
  const maxPairs = maxMatching(scores, capacity, 1);
  if (maxPairs === 0) return { maxPairs, threshold: null };
  const values = [...new Set(scores.flat().filter((s) => s > 0))].sort((a, b) => b - a);
  const threshold = values.find((t) => maxMatching(scores, capacity, t) === maxPairs)!;
  return { maxPairs, threshold };
}

function rowsOf(scores: number[][], cols: number): CostRows {
  return {
    row: (i) => Float64Array.from({ length: cols }, (_, j) => scores[i]![j]!),
    cell: (i, j) => scores[i]![j]!,
  };
}

/** A first graph holding only the cells the problem chose (possibly none), in column order per row. */
function graphOf(scores: number[][], keep: boolean[][]) {
  const start = [0];
  const col: number[] = [];
  scores.forEach((row, i) => {
    row.forEach((s, j) => {
      if (s > 0 && keep[i]![j]) col.push(j);
    });
    start.push(col.length);
  });
  return {
    start: Int32Array.from(start),
    col: Int32Array.from(col),
    cost: new Float64Array(col.length),
  };
}

const problemArb = fc
  .record({ rows: fc.integer({ min: 0, max: 9 }), cols: fc.integer({ min: 1, max: 9 }) })
  .chain(({ rows, cols }) =>
    fc.record({
      // 0 is forbidden; few distinct values make ties (and equal thresholds) common.
      scores: fc.array(fc.array(fc.constantFrom(0, 0, 1, 2, 3, 5, 8), { minLength: cols, maxLength: cols }), {
        minLength: rows,
        maxLength: rows,
      }),
      capacity: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: cols, maxLength: cols }),
      keep: fc.array(fc.array(fc.boolean(), { minLength: cols, maxLength: cols }), {
        minLength: rows,
        maxLength: rows,
      }),
      perRow: fc.integer({ min: 1, max: 3 }),
    }),
  );

describe('maxBottleneck', () => {
  it('finds the largest matching and the best threshold for it, however few cells the first graph holds', () => {
    fc.assert(
      fc.property(problemArb, ({ scores, capacity, keep, perRow }) => {
        const cols = capacity.length;
        const values = Float64Array.from(new Set(scores.flat().filter((s) => s > 0))).sort();
        const result = maxBottleneck({
          rows: scores.length,
          cols,
          capacity: Int32Array.from(capacity),
          scores: rowsOf(scores, cols),
          values,
          candidates: graphOf(scores, keep),
          perRow,
        });
        expect({ maxPairs: result.maxPairs, threshold: result.threshold }).toEqual(oracle(scores, capacity));
      }),
      { numRuns: 1000 },
    );
  });

  it('accepts a low bottleneck when that is the only way to pair everyone', () => {
    const scores = [
      [5, 1, 0],
      [5, 0, 0],
      [3, 3, 3],
    ];
    const all = scores.map((row) => row.map(() => true));
    const result = maxBottleneck({
      rows: 3,
      cols: 3,
      capacity: Int32Array.from([1, 1, 1]),
      scores: rowsOf(scores, 3),
      values: Float64Array.from([1, 3, 5]),
      candidates: graphOf(scores, all),
    });
    // Everyone can be paired only if row 0 takes column 1 (score 1): the bottleneck is 1, not 3.
    expect(result).toMatchObject({ maxPairs: 3, threshold: 1 });
  });
});
