// Exact min-cost rectangular assignment with column capacities (a small transportation problem).
//
// Each row goes to at most one column; column j takes at most capacity[j] rows. Rows may be left
// unassigned at `unassignedCost` each (default: not allowed). Forbidden cells are +Infinity and are
// never used. Minimises the total cost.
//
// Method: successive shortest augmenting paths (Jonker–Volgenant style Dijkstra over dual potentials)
// after a greedy start on tight edges, run on a sparse candidate graph and then proven optimal on the
// full matrix:
//   1. keep each row's K cheapest cells (the optimum almost always lives there);
//   2. solve that sparse problem exactly, which also yields dual potentials u (rows), v (columns);
//   3. check every cell of the dense matrix: if no reduced cost c[i][j] - u[i] - v[j] is negative, the
//      duals certify the sparse optimum as optimal for the whole matrix (LP duality). Otherwise add the
//      offending cells and solve again. Each round adds cells, so this ends — at worst on the full matrix.
// Scanning K cells per row instead of all columns is what makes thousands × thousands fast.
//
// Capacities are native — a column with capacity c is one column with one potential, not c identical
// copies — and "leave unassigned" is a virtual column of unlimited capacity that is never stored.
//
// Deterministic: rows are augmented in index order, candidate cells are kept in column order and every
// tie is broken by position, so the same matrix always gives the same answer.

export interface AssignmentProblem {
  readonly rows: number;
  readonly cols: number;
  /** rows × cols, row-major. +Infinity marks a forbidden cell. */
  readonly cost: Float64Array;
  /** Rows each column can take: one number for all, or per column. Default 1. */
  readonly capacity?: number | Int32Array;
  /** Cost of leaving a row unassigned. Default +Infinity: every row must be assigned. */
  readonly unassignedCost?: number;
  /** Candidate cells kept per row in the first round (tuning only; the answer is exact regardless). */
  readonly candidatesPerRow?: number;
}

export interface AssignmentSolution {
  /** Column of each row, or -1 when left unassigned. */
  readonly rowToCol: Int32Array;
  readonly totalCost: number;
  /** How many sparse solves it took (1 when the first candidate set already held the optimum). */
  readonly rounds: number;
}

export class InfeasibleAssignmentError extends Error {
  constructor(row: number) {
    super(`No feasible assignment: row ${row} cannot be placed`);
    this.name = 'InfeasibleAssignmentError';
  }
}

const DEFAULT_CANDIDATES_PER_ROW = 24;

/** Candidate cells as compressed rows: row i owns entries [start[i], start[i + 1]), in column order. */
interface Graph {
  readonly start: Int32Array;
  readonly col: Int32Array;
  readonly cost: Float64Array;
}

interface SparseState {
  readonly rowCol: Int32Array;
  readonly u: Float64Array;
  readonly v: Float64Array;
}

export function solveAssignment(problem: AssignmentProblem): AssignmentSolution {
  const n = problem.rows;
  const m = problem.cols;
  const cost = problem.cost;
  const w = problem.unassignedCost ?? Number.POSITIVE_INFINITY;
  if (!Number.isInteger(n) || !Number.isInteger(m) || n < 0 || m < 0) {
    throw new RangeError('rows and cols must be non-negative integers');
  }
  if (cost.length !== n * m) throw new RangeError(`cost has ${cost.length} cells, expected ${n * m}`);
  if (Number.isNaN(w) || w === Number.NEGATIVE_INFINITY)
    throw new RangeError('unassignedCost must be a number');
  for (let k = 0; k < cost.length; k++) {
    const c = cost[k]!;
    if (Number.isNaN(c) || c === Number.NEGATIVE_INFINITY)
      throw new RangeError('cost cells must be finite or +Infinity');
  }
  // Capacities are clamped to n: more places than rows can never be used.
  const cap = new Int32Array(m);
  const capInput = problem.capacity ?? 1;
  for (let j = 0; j < m; j++) {
    const c = typeof capInput === 'number' ? capInput : capInput[j]!;
    if (!Number.isInteger(c) || c < 0) throw new RangeError('capacity must be a non-negative integer');
    cap[j] = Math.min(c, n);
  }
  const k = Math.max(1, Math.floor(problem.candidatesPerRow ?? DEFAULT_CANDIDATES_PER_ROW));

  let dense = k >= m;
  let graph = dense ? fullGraph(cost, n, m) : candidateGraph(cost, n, m, k);
  for (let rounds = 1; ; rounds++) {
    let state: SparseState;
    try {
      state = solveSparse(graph, cost, n, m, cap, w);
    } catch (error) {
      // Without a way to leave rows out, a sparse graph can be infeasible when the full matrix isn't.
      if (!(error instanceof InfeasibleAssignmentError) || dense) throw error;
      graph = fullGraph(cost, n, m);
      dense = true;
      continue;
    }
    const grown = dense ? null : addViolations(graph, cost, n, m, state, k);
    if (!grown) return finish(state.rowCol, cost, n, m, w, rounds);
    graph = grown;
  }
}

function finish(
  rowCol: Int32Array,
  cost: Float64Array,
  n: number,
  m: number,
  w: number,
  rounds: number,
): AssignmentSolution {
  const rowToCol = new Int32Array(n);
  let totalCost = 0;
  for (let i = 0; i < n; i++) {
    const c = rowCol[i]!;
    if (c >= m) {
      rowToCol[i] = -1;
      totalCost += w;
    } else {
      rowToCol[i] = c;
      totalCost += cost[i * m + c]!;
    }
  }
  return { rowToCol, totalCost, rounds };
}

/**
 * A bounded max-heap at keys/ties/ids[base .. base + k) holding the k smallest (key, tie) pairs seen.
 * `beats` says whether (key, tie) would enter; `offer` inserts it and returns the new size.
 */
function beats(
  keys: Float64Array,
  ties: Int32Array,
  base: number,
  size: number,
  k: number,
  key: number,
  tie: number,
) {
  if (size < k) return true;
  const root = keys[base]!;
  return key < root || (key === root && tie < ties[base]!);
}

function offer(
  keys: Float64Array,
  ties: Int32Array,
  ids: Int32Array,
  base: number,
  size: number,
  k: number,
  key: number,
  tie: number,
  id: number,
): number {
  const above = (a: number) => keys[base + a]! > key || (keys[base + a] === key && ties[base + a]! > tie);
  let at: number;
  if (size < k) {
    at = size++;
    while (at > 0) {
      const parent = (at - 1) >> 1;
      if (above(parent)) break;
      keys[base + at] = keys[base + parent]!;
      ties[base + at] = ties[base + parent]!;
      ids[base + at] = ids[base + parent]!;
      at = parent;
    }
  } else {
    at = 0;
    while (true) {
      const left = 2 * at + 1;
      if (left >= size) break;
      let child = left;
      const right = left + 1;
      if (
        right < size &&
        (keys[base + right]! > keys[base + left]! ||
          (keys[base + right] === keys[base + left] && ties[base + right]! > ties[base + left]!))
      ) {
        child = right;
      }
      if (!above(child)) break;
      keys[base + at] = keys[base + child]!;
      ties[base + at] = ties[base + child]!;
      ids[base + at] = ids[base + child]!;
      at = child;
    }
  }
  keys[base + at] = key;
  ties[base + at] = tie;
  ids[base + at] = id;
  return size;
}

/** A fixed pseudo-random order for equal costs (deterministic: a hash of the cell). */
function cellHash(i: number, j: number): number {
  let h = Math.imul(i, 0x9e3779b1) ^ Math.imul(j + 0x7f4a7c15, 0x85ebca77);
  h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d);
  return (h ^ (h >>> 13)) | 0;
}

/**
 * Candidate cells: each row's k cheapest allowed cells and each column's k cheapest, in one pass.
 * Equal costs are common (integer scores), and taking the lowest-numbered of many equally good columns
 * would crowd every row onto the same few; ties are instead broken by a fixed hash of the cell, which
 * spreads candidates across all of them. The column side matters too: a column nobody ranks highly
 * would otherwise be invisible, look free at potential 0, and fail the optimality check for many rows.
 */
function candidateGraph(cost: Float64Array, n: number, m: number, k: number): Graph {
  const rowKeys = new Float64Array(k);
  const rowTies = new Int32Array(k);
  const rowIds = new Int32Array(k);
  const colKeys = new Float64Array(m * k);
  const colTies = new Int32Array(m * k);
  const colIds = new Int32Array(m * k);
  const colSize = new Int32Array(m);
  const pairRow: number[] = [];
  const pairCol: number[] = [];
  for (let i = 0; i < n; i++) {
    const base = i * m;
    let size = 0;
    for (let j = 0; j < m; j++) {
      const c = cost[base + j]!;
      if (c === Number.POSITIVE_INFINITY) continue;
      const cs = colSize[j]!;
      // Cheap rejections first; the hash is only needed when the cost ties or beats a heap's worst.
      const rowMaybe = size < k || c <= rowKeys[0]!;
      const colMaybe = cs < k || c <= colKeys[j * k]!;
      if (!rowMaybe && !colMaybe) continue;
      const tie = cellHash(i, j);
      if (rowMaybe && beats(rowKeys, rowTies, 0, size, k, c, tie)) {
        size = offer(rowKeys, rowTies, rowIds, 0, size, k, c, tie, j);
      }
      if (colMaybe && beats(colKeys, colTies, j * k, cs, k, c, tie)) {
        colSize[j] = offer(colKeys, colTies, colIds, j * k, cs, k, c, tie, i);
      }
    }
    for (let h = 0; h < size; h++) {
      pairRow.push(i);
      pairCol.push(rowIds[h]!);
    }
  }
  for (let j = 0; j < m; j++) {
    for (let h = 0; h < colSize[j]!; h++) {
      pairRow.push(colIds[j * k + h]!);
      pairCol.push(j);
    }
  }
  return graphFromPairs(cost, n, m, pairRow, pairCol);
}

/** Compressed rows from (row, col) pairs: sorted by column within each row, duplicates dropped. */
function graphFromPairs(
  cost: Float64Array,
  n: number,
  m: number,
  pairRow: readonly number[],
  pairCol: readonly number[],
): Graph {
  const start = new Int32Array(n + 1);
  for (const r of pairRow) start[r + 1]!++;
  for (let i = 0; i < n; i++) start[i + 1] = start[i + 1]! + start[i]!;
  const fill = start.slice(0, n);
  const raw = new Int32Array(pairRow.length);
  for (let p = 0; p < pairRow.length; p++) raw[fill[pairRow[p]!]!++] = pairCol[p]!;
  const col = new Int32Array(raw.length);
  const dedupedStart = new Int32Array(n + 1);
  let at = 0;
  for (let i = 0; i < n; i++) {
    const row = raw.subarray(start[i]!, start[i + 1]!).sort();
    for (let h = 0; h < row.length; h++) if (h === 0 || row[h] !== row[h - 1]) col[at++] = row[h]!;
    dedupedStart[i + 1] = at;
  }
  const trimmed = col.slice(0, at);
  return { start: dedupedStart, col: trimmed, cost: gatherCosts(cost, m, dedupedStart, trimmed) };
}

/** Every allowed cell: the fallback when a sparse graph can't even place every row. */
function fullGraph(cost: Float64Array, n: number, m: number): Graph {
  const pairRow: number[] = [];
  const pairCol: number[] = [];
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < m; j++) {
      if (cost[i * m + j] !== Number.POSITIVE_INFINITY) {
        pairRow.push(i);
        pairCol.push(j);
      }
    }
  }
  return graphFromPairs(cost, n, m, pairRow, pairCol);
}

function gatherCosts(cost: Float64Array, m: number, start: Int32Array, col: Int32Array): Float64Array {
  const out = new Float64Array(col.length);
  for (let i = 0; i + 1 < start.length; i++) {
    for (let e = start[i]!; e < start[i + 1]!; e++) out[e] = cost[i * m + col[e]!]!;
  }
  return out;
}

/**
 * The optimality check on the full matrix. Returns null when every reduced cost is >= 0 (the sparse
 * optimum is optimal overall); otherwise the graph grown by every cell with a negative reduced cost.
 */
function addViolations(
  graph: Graph,
  cost: Float64Array,
  n: number,
  m: number,
  s: SparseState,
  perRow: number,
): Graph | null {
  const { u, v } = s;
  const inGraph = new Int32Array(m).fill(-1);
  const extra: number[][] = [];
  // The most violated cells of each row, capped, so one round with poor duals can't bloat the graph.
  const keys = new Float64Array(perRow);
  const ties = new Int32Array(perRow);
  const ids = new Int32Array(perRow);
  let added = 0;
  for (let i = 0; i < n; i++) {
    for (let e = graph.start[i]!; e < graph.start[i + 1]!; e++) inGraph[graph.col[e]!] = i;
    const base = i * m;
    const ui = u[i]!;
    let size = 0;
    for (let j = 0; j < m; j++) {
      // Infinity - x is never < 0, so forbidden cells drop out without a separate test.
      const rc = cost[base + j]! - ui - v[j]!;
      if (rc < 0 && inGraph[j] !== i && beats(keys, ties, 0, size, perRow, rc, j)) {
        size = offer(keys, ties, ids, 0, size, perRow, rc, j, j);
      }
    }
    if (size > 0) {
      extra[i] = Array.from(ids.subarray(0, size));
      added += size;
    }
  }
  if (added === 0) return null;
  const pairRow: number[] = [];
  const pairCol: number[] = [];
  for (let i = 0; i < n; i++) {
    for (let e = graph.start[i]!; e < graph.start[i + 1]!; e++) {
      pairRow.push(i);
      pairCol.push(graph.col[e]!);
    }
    for (const j of extra[i] ?? []) {
      pairRow.push(i);
      pairCol.push(j);
    }
  }
  return graphFromPairs(cost, n, m, pairRow, pairCol);
}

/**
 * Exact solve restricted to the graph's cells. Returns the assignment (column m = left unassigned) and
 * the dual potentials: reduced costs c - u - v are >= 0 on graph cells and 0 on assigned ones, u <= w,
 * and v[j] < 0 only for full columns.
 */
function solveSparse(
  graph: Graph,
  dense: Float64Array,
  n: number,
  m: number,
  cap: Int32Array,
  w: number,
): SparseState {
  const { start: gStart, col: gCol, cost: gCost } = graph;
  // Rows held by each column live in one flat array: column j owns slots [slot[j], slot[j] + count[j]).
  const slot = new Int32Array(m + 1);
  for (let j = 0; j < m; j++) slot[j + 1] = slot[j]! + cap[j]!;
  const held = new Int32Array(slot[m]!);
  const count = new Int32Array(m);

  const UNASSIGNED = -1;
  const VIRTUAL = m;
  const rowCol = new Int32Array(n).fill(UNASSIGNED);
  const u = new Float64Array(n);
  const v = new Float64Array(m);

  // Greedy start: with v = 0, each row takes its cheapest option if that column still has room.
  const free: number[] = []; // rows whose cheapest columns were all taken
  for (let i = 0; i < n; i++) {
    const s = gStart[i]!;
    const e = gStart[i + 1]!;
    let best = w;
    for (let h = s; h < e; h++) if (gCost[h]! < best) best = gCost[h]!;
    if (best === Number.POSITIVE_INFINITY) throw new InfeasibleAssignmentError(i);
    u[i] = best;
    let chosen = -1;
    for (let h = s; h < e; h++) {
      const j = gCol[h]!;
      if (gCost[h] === best && count[j]! < cap[j]!) {
        chosen = j;
        break;
      }
    }
    if (chosen >= 0) {
      held[slot[chosen]! + count[chosen]!] = i;
      count[chosen]!++;
      rowCol[i] = chosen;
    } else if (best === w) {
      rowCol[i] = VIRTUAL;
    } else {
      free.push(i);
    }
  }

  // Dijkstra state, allocated once. Epoch stamps avoid clearing arrays between searches.
  const d = new Float64Array(m);
  const pred = new Int32Array(m);
  const seenAt = new Int32Array(m);
  const doneAt = new Int32Array(m);
  const done = new Int32Array(m); // columns finalised in this search, for the potential update
  let heapKey = new Float64Array(1024);
  let heapCol = new Int32Array(1024);
  let heapSize = 0;
  const push = (key: number, j: number) => {
    if (heapSize === heapKey.length) {
      const k2 = new Float64Array(heapSize * 2);
      k2.set(heapKey);
      heapKey = k2;
      const c2 = new Int32Array(heapSize * 2);
      c2.set(heapCol);
      heapCol = c2;
    }
    let at = heapSize++;
    while (at > 0) {
      const parent = (at - 1) >> 1;
      const pk = heapKey[parent]!;
      if (pk < key || (pk === key && heapCol[parent]! <= j)) break;
      heapKey[at] = pk;
      heapCol[at] = heapCol[parent]!;
      at = parent;
    }
    heapKey[at] = key;
    heapCol[at] = j;
  };
  const popInto = (): void => {
    // Moves the last entry to the root and sifts it down; the caller has read the root already.
    const key = heapKey[--heapSize]!;
    const j = heapCol[heapSize]!;
    let at = 0;
    while (true) {
      const left = 2 * at + 1;
      if (left >= heapSize) break;
      let child = left;
      const right = left + 1;
      if (
        right < heapSize &&
        (heapKey[right]! < heapKey[left]! ||
          (heapKey[right] === heapKey[left] && heapCol[right]! < heapCol[left]!))
      ) {
        child = right;
      }
      const ck = heapKey[child]!;
      if (ck > key || (ck === key && heapCol[child]! >= j)) break;
      heapKey[at] = ck;
      heapCol[at] = heapCol[child]!;
      at = child;
    }
    heapKey[at] = key;
    heapCol[at] = j;
  };

  // Search state for one phase.
  let epoch = 0;
  let level = 0; // distance of the column being scanned; nothing still reachable is closer
  let dVirtual = Number.POSITIVE_INFINITY;
  let predVirtual = -1;

  // Relaxes row r reached at distance dr. Returns a free column at the current level (a shortest path
  // can't do better, so the search can stop), or -1.
  const relax = (r: number, dr: number): number => {
    const off = dr - u[r]!;
    for (let h = gStart[r]!, e = gStart[r + 1]!; h < e; h++) {
      const j = gCol[h]!;
      if (doneAt[j] === epoch) continue;
      const nd = off + gCost[h]! - v[j]!;
      if (seenAt[j] !== epoch || nd < d[j]!) {
        seenAt[j] = epoch;
        d[j] = nd;
        pred[j] = r;
        if (nd <= level && count[j]! < cap[j]!) return j;
        push(nd, j);
      }
    }
    const ndv = off + w;
    if (ndv < dVirtual) {
      dVirtual = ndv;
      predVirtual = r;
    }
    return -1;
  };

  const place = (r: number, j: number) => {
    if (j === VIRTUAL) {
      rowCol[r] = VIRTUAL;
      return;
    }
    held[slot[j]! + count[j]!] = r;
    count[j]!++;
    rowCol[r] = j;
  };
  const unplace = (r: number) => {
    const j = rowCol[r]!;
    rowCol[r] = UNASSIGNED;
    if (j < 0 || j === VIRTUAL) return;
    const s = slot[j]!;
    const last = s + count[j]! - 1;
    for (let h = s; h <= last; h++) {
      if (held[h] === r) {
        held[h] = held[last]!;
        break;
      }
    }
    count[j]!--;
  };

  // Hopcroft–Karp state for augmenting along tight edges (explicit stacks: paths can be long).
  const layer = new Int32Array(n); // breadth-first layer of each row, valid when layerAt[row] === phase
  const layerAt = new Int32Array(n);
  const deadAt = new Int32Array(n); // row used or exhausted in this phase
  const edgeAt = new Int32Array(n); // current edge of each row in this phase (valid when arcAt === phase)
  const arcAt = new Int32Array(n);
  const colAt = new Int32Array(m); // column reached by the breadth-first search in this phase
  const queue = new Int32Array(n);
  const stackRow = new Int32Array(n);
  const stackCol = new Int32Array(n); // full column being explored from this row, or -1
  const stackHeld = new Int32Array(n);
  const sources = new Int32Array(n);
  let phase = 0;

  // One Hopcroft–Karp phase on the tight subgraph (reduced cost exactly 0): a breadth-first search from
  // every unplaced row finds the fewest-edges distance to a free place, then depth-first searches along
  // those layers augment a maximal set of disjoint shortest paths. Returns how many were augmented.
  const tightPhase = (): number => {
    phase++;
    let head = 0;
    let tail = 0;
    for (let t = 0; t < sourceCount; t++) {
      const r = sources[t]!;
      layerAt[r] = phase;
      layer[r] = 0;
      queue[tail++] = r;
    }
    let sinkLayer = n + 1;
    while (head < tail) {
      const r = queue[head++]!;
      const L = layer[r]!;
      if (L >= sinkLayer) break;
      const ur = u[r]!;
      if (w - ur === 0) sinkLayer = L;
      for (let e = gStart[r]!, stop = gStart[r + 1]!; e < stop; e++) {
        const j = gCol[e]!;
        if (gCost[e]! - ur - v[j]! !== 0) continue;
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
    for (let t = 0; t < sourceCount; t++) {
      const i0 = sources[t]!;
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
          edgeAt[r] = gStart[r]!;
        }
        const ur = u[r]!;
        let e = edgeAt[r]!;
        const stop = gStart[r + 1]!;
        while (e < stop) {
          const j = gCol[e]!;
          const tight = gCost[e]! - ur - v[j]! === 0;
          e++;
          if (!tight) continue;
          if (count[j]! < cap[j]!) {
            if (L === sinkLayer) {
              end = j;
              e--; // a place may be left in this column for the next path
              break;
            }
            continue;
          }
          if (L < sinkLayer) {
            stackCol[top] = j;
            stackHeld[top] = slot[j]!;
            break;
          }
        }
        edgeAt[r] = e;
        if (end >= 0) break;
        if (stackCol[top]! >= 0) continue;
        if (L === sinkLayer && w - ur === 0) {
          end = VIRTUAL;
          break;
        }
        deadAt[r] = phase; // no shortest path through this row any more
        top--;
      }
      if (end < 0) continue;
      // Shift every row on the path one step forward, from the sink back to the source.
      let target = end;
      for (let k = top; k >= 0; k--) {
        const r = stackRow[k]!;
        deadAt[r] = phase;
        unplace(r);
        place(r, target);
        target = k > 0 ? stackCol[k - 1]! : -1;
      }
      augmented++;
    }
    return augmented;
  };

  const dropPlacedSources = () => {
    let next = 0;
    for (let t = 0; t < sourceCount; t++)
      if (rowCol[sources[t]!] === UNASSIGNED) sources[next++] = sources[t]!;
    sourceCount = next;
  };

  // Returns the sink of a shortest augmenting path from any unplaced row, after shifting potentials so
  // that every shortest path is tight. One multi-source Dijkstra; stops at the first sink.
  const shortestPathSearch = (): number => {
    epoch++;
    heapSize = 0;
    level = 0;
    dVirtual = Number.POSITIVE_INFINITY;
    predVirtual = -1;
    let doneCount = 0;
    let sink = -1;
    let D = 0;
    for (let t = 0; t < sourceCount && sink < 0; t++) sink = relax(sources[t]!, 0);
    while (sink < 0) {
      if (heapSize === 0 || dVirtual < heapKey[0]!) {
        if (dVirtual === Number.POSITIVE_INFINITY) throw new InfeasibleAssignmentError(sources[0]!);
        sink = VIRTUAL;
        D = dVirtual;
        break;
      }
      const key = heapKey[0]!;
      const j1 = heapCol[0]!;
      popInto();
      if (doneAt[j1] === epoch || key > d[j1]!) continue; // stale entry
      level = key;
      if (count[j1]! < cap[j1]!) {
        sink = j1;
        D = key;
        break;
      }
      // A full column: every row it holds is reachable at this distance over its tight edge.
      doneAt[j1] = epoch;
      done[doneCount++] = j1;
      const vj1 = v[j1]!;
      for (let h = slot[j1]!, e = slot[j1]! + count[j1]!; h < e && sink < 0; h++) {
        const r = held[h]!;
        // The edge's reduced cost is 0 for integer costs; subtracting it keeps float costs honest.
        sink = relax(r, key - (dense[r * m + j1]! - u[r]! - vj1));
      }
      if (sink >= 0) D = key;
    }
    // Whatever was finalised before distance D moves by how much closer it was: every reduced cost
    // stays >= 0 and every shortest path to a sink becomes tight.
    for (let t = 0; t < doneCount; t++) {
      const j = done[t]!;
      const delta = D - d[j]!;
      v[j] = v[j]! - delta;
      for (let h = slot[j]!, e = slot[j]! + count[j]!; h < e; h++) {
        const r = held[h]!;
        u[r] = u[r]! + delta;
      }
    }
    for (let t = 0; t < sourceCount; t++) u[sources[t]!] = u[sources[t]!]! + D;
    return sink;
  };

  // Primal–dual rounds: augment along tight paths until none is left, then one shortest-path search
  // raises the potentials just enough to make the next shortest paths tight. Integer scores give few
  // distinct path lengths, so a handful of searches serve hundreds of rows.
  let sourceCount = free.length;
  sources.set(free);
  let searched = false;
  while (sourceCount > 0) {
    let sink = -1;
    if (searched) sink = shortestPathSearch();
    let augmented = 0;
    while (sourceCount > 0) {
      const found = tightPhase();
      dropPlacedSources();
      augmented += found;
      if (found === 0) break;
    }
    if (searched && augmented === 0) {
      // Float rounding can leave a shortest path a hair off tight; the search's own path is still right.
      let j = sink;
      let r = sink === VIRTUAL ? predVirtual : pred[sink]!;
      while (true) {
        const prev = rowCol[r]!;
        unplace(r);
        place(r, j);
        if (prev === UNASSIGNED) break;
        j = prev;
        r = pred[prev]!;
      }
      dropPlacedSources();
    }
    searched = true;
  }
  return { rowCol, u, v };
}
