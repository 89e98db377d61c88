// The first two steps of the fair objective: how many pairs a matching can have at most, and the
// highest bottleneck (lowest pair score) a matching of that size can reach. Exact, on a sparse candidate
// graph proven sufficient against the full matrix, like the assignment solver.
//
// Method. For a threshold t, G_t is the graph of allowed cells scoring at least t; the bottleneck is the
// largest t for which G_t still has a matching as large as the whole allowed graph's. That test is
// monotone in t, so a binary search over the distinct scores finds it, each step one Hopcroft–Karp run
// (rows to columns with capacities) on the sparse candidate graph. A matching found on the sparse graph
// exists in the full one, so "feasible" needs no proof; "infeasible" (and "maximum") does: König's
// theorem. After Hopcroft–Karp stops, the rows Z reachable from a free row by alternating paths and the
// columns they reach give a cover — the rows outside Z and the columns inside it — exactly as large as
// the matching. If no cell of the FULL G_t joins a row in Z to a column outside Z, the cover covers the
// full G_t and no larger matching exists there. Otherwise the offending cells join the graph and the
// search resumes. Only the rows in Z are scanned, once per proof, a row at a time.

import { type CostRows, type Graph, offer, scatterStep } from './assignment.js';

export interface BottleneckProblem {
  readonly rows: number;
  readonly cols: number;
  /** Rows each column can take. */
  readonly capacity: Int32Array;
  /** Scores of the full matrix, read a row or a cell at a time; 0 (or less) marks a forbidden cell. */
  readonly scores: CostRows;
  /** Every score that occurs (more is harmless), ascending, all > 0. */
  readonly values: Float64Array;
  /** The first candidate cells (their costs are ignored: scores are read from `scores`). */
  readonly candidates: Graph;
  /** How many missing cells a row may gain per proof that fails (tuning only). */
  readonly perRow?: number;
}

export interface BottleneckSolution {
  /** Size of a maximum matching over all allowed cells. */
  readonly maxPairs: number;
  /** The highest minimum pair score over matchings of that size; null when maxPairs is 0. */
  readonly threshold: number | null;
  /** How many proofs it took (each a scan of some rows of the full matrix). */
  readonly proofs: number;
  /**
   * The candidate graph as it ended, proofs' cells included, with scores as costs: a good first graph
   * for the assignment solve that follows (its best cells are the ones the fair optimum is made of).
   */
  readonly graph: Graph;
}

interface ScoredGraph {
  readonly start: Int32Array;
  readonly col: Int32Array;
  readonly score: Float64Array;
}

export function maxBottleneck(problem: BottleneckProblem): BottleneckSolution {
  const { rows: n, cols: m, capacity, scores, values } = problem;
  const perRow = Math.max(1, problem.perRow ?? 16);
  let graph: ScoredGraph = withScores(problem.candidates, scores, n);
  const matcher = new Matcher(n, m, capacity);
  let proofs = 0;
  const done = (maxPairs: number, threshold: number | null): BottleneckSolution => ({
    maxPairs,
    threshold,
    proofs,
    graph: { start: graph.start, col: graph.col, cost: graph.score },
  });
  if (values.length === 0) return done(0, null);

  // Maximum cardinality over every allowed cell (the lowest threshold).
  let best: Int32Array = new Int32Array(n).fill(-1);
  for (;;) {
    best = matcher.run(graph, values[0]!, best, scores);
    proofs++;
    const extra = matcher.uncovered(graph, values[0]!, scores, perRow);
    if (!extra) break;
    graph = grow(graph, extra, n);
  }
  const maxPairs = matcher.size;
  if (maxPairs === 0) return done(0, null);

  // Largest value index whose threshold still allows maxPairs pairs. `lo` is feasible (best is a
  // witness); `hi` infeasible on the sparse graph, or past the end.
  let lo = 0;
  for (;;) {
    let hi = values.length;
    while (hi - lo > 1) {
      const mid = (lo + hi) >>> 1;
      const found = matcher.run(graph, values[mid]!, best, scores);
      if (matcher.size === maxPairs) {
        lo = mid;
        best = found;
      } else {
        hi = mid;
      }
    }
    if (hi === values.length) break;
    // Prove that values[hi] is infeasible on the full matrix too; every higher value then is as well.
    matcher.run(graph, values[hi]!, best, scores);
    proofs++;
    const extra = matcher.uncovered(graph, values[hi]!, scores, perRow);
    if (!extra) break;
    graph = grow(graph, extra, n);
  }
  return done(maxPairs, values[lo]!);
}

function withScores(g: Graph, scores: CostRows, n: number): ScoredGraph {
  const score = new Float64Array(g.col.length);
  for (let i = 0; i < n; i++)
    for (let e = g.start[i]!; e < g.start[i + 1]!; e++) score[e] = scores.cell(i, g.col[e]!);
  return { start: g.start, col: g.col, score };
}

/** The graph with each row's extra cells appended (extra holds, per row, cells not yet in the graph). */
function grow(g: ScoredGraph, extra: ReadonlyMap<number, { col: number[]; score: number[] }>, n: number) {
  let added = 0;
  for (const x of extra.values()) added += x.col.length;
  const start = new Int32Array(n + 1);
  const col = new Int32Array(g.col.length + added);
  const score = new Float64Array(g.col.length + added);
  let at = 0;
  for (let i = 0; i < n; i++) {
    for (let e = g.start[i]!; e < g.start[i + 1]!; e++) {
      col[at] = g.col[e]!;
      score[at++] = g.score[e]!;
    }
    const x = extra.get(i);
    if (x) {
      for (let h = 0; h < x.col.length; h++) {
        col[at] = x.col[h]!;
        score[at++] = x.score[h]!;
      }
    }
    start[i + 1] = at;
  }
  return { start, col, score };
}

/** Hopcroft–Karp for rows into columns with capacities, on the cells of a graph scoring >= t. */
class Matcher {
  readonly rowCol: Int32Array;
  size = 0;
  private readonly count: Int32Array;
  // Rows held by each column live in one flat array: column j owns slots [slot[j], slot[j] + count[j]).
  private readonly slot: Int32Array;
  private readonly held: Int32Array;
  private readonly sources: Int32Array;
  private sourceCount = 0;
  private readonly layer: Int32Array;
  private readonly layerAt: Int32Array;
  private readonly deadAt: Int32Array;
  private readonly edgeAt: Int32Array;
  private readonly arcAt: Int32Array;
  private readonly colAt: Int32Array;
  private readonly queue: Int32Array;
  private readonly stackRow: Int32Array;
  private readonly stackCol: Int32Array;
  private readonly stackHeld: Int32Array;
  private readonly colStep: number;
  private phase = 0;

  constructor(
    private readonly n: number,
    private readonly m: number,
    private readonly cap: Int32Array,
  ) {
    this.rowCol = new Int32Array(n).fill(-1);
    this.count = new Int32Array(m);
    this.slot = new Int32Array(m + 1);
    for (let j = 0; j < m; j++) this.slot[j + 1] = this.slot[j]! + Math.min(cap[j]!, n);
    this.held = new Int32Array(this.slot[m]!);
    this.sources = new Int32Array(n);
    this.layer = new Int32Array(n);
    this.layerAt = new Int32Array(n);
    this.deadAt = new Int32Array(n);
    this.edgeAt = new Int32Array(n);
    this.arcAt = new Int32Array(n);
    this.colAt = new Int32Array(m);
    this.queue = new Int32Array(n);
    this.stackRow = new Int32Array(n + 1);
    this.stackCol = new Int32Array(n + 1);
    this.stackHeld = new Int32Array(n + 1);
    this.colStep = scatterStep(Math.max(1, m));
  }

  /**
   * A maximum matching of the graph's cells scoring >= t, starting from `start` (its pairs below t are
   * dropped). Returns a copy of the matching (column per row, -1 when free); `size` is its size.
   */
  run(g: ScoredGraph, t: number, start: Int32Array, scores: CostRows): Int32Array {
    const { n, rowCol, count } = this;
    count.fill(0);
    rowCol.fill(-1);
    this.size = 0;
    for (let i = 0; i < n; i++) {
      const j = start[i]!;
      if (j >= 0 && scores.cell(i, j) >= t) this.place(i, j);
    }
    // Greedy: each free row takes its first cell >= t with room.
    for (let i = 0; i < n; i++) {
      if (rowCol[i]! >= 0) continue;
      for (let e = g.start[i]!; e < g.start[i + 1]!; e++) {
        const j = g.col[e]!;
        if (g.score[e]! >= t && count[j]! < this.cap[j]!) {
          this.place(i, j);
          break;
        }
      }
    }
    for (;;) {
      this.sourceCount = 0;
      for (let i = 0; i < n; i++) if (rowCol[i] === -1) this.sources[this.sourceCount++] = i;
      if (this.sourceCount === 0 || this.phaseOnce(g, t) === 0) break;
    }
    return rowCol.slice();
  }

  private place(r: number, j: number): void {
    this.rowCol[r] = j;
    this.held[this.slot[j]! + this.count[j]!] = r;
    this.count[j]!++;
    this.size++;
  }

  private unplace(r: number): void {
    const j = this.rowCol[r]!;
    this.rowCol[r] = -1;
    if (j < 0) return;
    const { held, slot, count } = this;
    const s = slot[j]!;
    const last = s + count[j]! - 1;
    for (let h = s; h <= last; h++) {
      if (held[h] === r) {
        held[h] = held[last]!;
        break;
      }
    }
    count[j]!--;
    this.size--;
  }

  /**
   * One phase: a breadth-first search from every free row finds the fewest-edges distance to a column
   * with room, then depth-first searches along those layers augment a maximal set of disjoint shortest
   * paths. Returns how many.
   */
  private phaseOnce(g: ScoredGraph, t: number): number {
    const { n, cap, count, slot, held, sources, layer, layerAt, deadAt, edgeAt, arcAt, colAt, rowCol } = this;
    const { queue, stackRow, stackCol, stackHeld } = this;
    const { start, col, score } = g;
    const phase = ++this.phase;
    let head = 0;
    let tail = 0;
    for (let s = 0; s < this.sourceCount; s++) {
      const r = sources[s]!;
      layerAt[r] = phase;
      layer[r] = 0;
      queue[tail++] = r;
    }
    let sinkLayer = n + 1;
    while (head < tail) {
      const r = queue[head++]!;
      const L = layer[r]!;
      if (L >= sinkLayer) break;
      for (let e = start[r]!, stop = start[r + 1]!; e < stop; e++) {
        const j = col[e]!;
        if (score[e]! < t || j === rowCol[r]) continue;
        if (count[j]! < cap[j]!) {
          sinkLayer = L;
          continue;
        }
        if (colAt[j] === phase) continue;
        colAt[j] = phase;
        for (let h = slot[j]!, last = slot[j]! + count[j]!; h < last; h++) {
          const r2 = held[h]!;
          if (layerAt[r2] !== phase) {
            layerAt[r2] = phase;
            layer[r2] = L + 1;
            queue[tail++] = r2;
          }
        }
      }
    }
    if (sinkLayer > n) return 0;

    let augmented = 0;
    for (let s = 0; s < this.sourceCount; s++) {
      const i0 = sources[s]!;
      if (deadAt[i0] === phase) continue;
      let top = 0;
      stackRow[0] = i0;
      stackCol[0] = -1;
      let end = -1;
      while (top >= 0) {
        const r = stackRow[top]!;
        const L = layer[r]!;
        const cj = stackCol[top]!;
        if (cj >= 0) {
          // Continue through the next live row of the next layer held by the column we entered.
          let h = stackHeld[top]!;
          const last = slot[cj]! + count[cj]!;
          let r2 = -1;
          for (; h < last; h++) {
            const x = held[h]!;
            if (layerAt[x] === phase && layer[x] === L + 1 && deadAt[x] !== phase) {
              r2 = x;
              break;
            }
          }
          if (r2 >= 0) {
            stackHeld[top] = h + 1;
            top++;
            stackRow[top] = r2;
            stackCol[top] = -1;
            continue;
          }
          stackCol[top] = -1;
        }
        if (arcAt[r] !== phase) {
          arcAt[r] = phase;
          edgeAt[r] = start[r]!;
        }
        let e = edgeAt[r]!;
        const stop = start[r + 1]!;
        while (e < stop) {
          const j = col[e]!;
          const usable = score[e]! >= t && j !== rowCol[r];
          e++;
          if (!usable) continue;
          if (count[j]! < cap[j]!) {
            if (L === sinkLayer) {
              end = j;
              break;
            }
            continue;
          }
          if (L < sinkLayer && colAt[j] === phase) {
            stackCol[top] = j;
            stackHeld[top] = slot[j]!;
            break;
          }
        }
        edgeAt[r] = e;
        if (end >= 0) break;
        if (stackCol[top]! >= 0) continue;
        deadAt[r] = phase; // no shortest path through this row any more
        top--;
      }
      if (end < 0) continue;
      // Shift every row on the path one step forward, from the end back to the source.
      let target = end;
      for (let k = top; k >= 0; k--) {
        const r = stackRow[k]!;
        deadAt[r] = phase;
        this.unplace(r);
        this.place(r, target);
        target = k > 0 ? stackCol[k - 1]! : -1;
      }
      augmented++;
    }
    return augmented;
  }

  /**
   * The proof that the current matching (maximum on the graph's cells >= t) is maximum on the full
   * matrix's cells >= t: null when it holds. Otherwise, per row, up to perRow of the cells that break it
   * (best scores first), to add to the graph.
   */
  uncovered(
    g: ScoredGraph,
    t: number,
    scores: CostRows,
    perRow: number,
  ): Map<number, { col: number[]; score: number[] }> | null {
    const { n, m, slot, held, count, rowCol } = this;
    const { start, col, score } = g;
    // Z: rows reachable from a free row along cells >= t out of a row and held places back into one.
    const rowIn = new Uint8Array(n);
    const colIn = new Uint8Array(m);
    const queue = this.queue;
    let tail = 0;
    for (let i = 0; i < n; i++) {
      if (rowCol[i] === -1) {
        rowIn[i] = 1;
        queue[tail++] = i;
      }
    }
    for (let head = 0; head < tail; head++) {
      const r = queue[head]!;
      for (let e = start[r]!; e < start[r + 1]!; e++) {
        const j = col[e]!;
        if (score[e]! < t || colIn[j]) continue;
        colIn[j] = 1;
        for (let h = slot[j]!, last = slot[j]! + count[j]!; h < last; h++) {
          const r2 = held[h]!;
          if (!rowIn[r2]) {
            rowIn[r2] = 1;
            queue[tail++] = r2;
          }
        }
      }
    }
    // Every cell >= t from a row in Z must reach a column in Z. Rows keep their best missing cells,
    // each row scanning from its own starting column so that equal scores spread over the columns.
    let found: Map<number, { col: number[]; score: number[] }> | null = null;
    const keys = new Float64Array(perRow);
    const ids = new Int32Array(perRow);
    for (let q = 0; q < tail; q++) {
      const r = queue[q]!;
      const row = scores.row(r);
      let size = 0;
      let limit = Number.POSITIVE_INFINITY;
      const first = (r * this.colStep) % m;
      for (let k = 0; k < m; k++) {
        const j = k + first < m ? k + first : k + first - m;
        const s = row[j]!;
        if (s < t || colIn[j]) continue;
        const key = -s;
        if (key < limit) {
          size = offer(keys, ids, 0, size, perRow, key, j);
          if (size === perRow) limit = keys[0]!;
        }
      }
      if (size === 0) continue;
      found ??= new Map();
      const cols: number[] = [];
      const values: number[] = [];
      for (let h = 0; h < size; h++) {
        cols.push(ids[h]!);
        values.push(-keys[h]!);
      }
      found.set(r, { col: cols, score: values });
    }
    return found;
  }
}
