// Exact min-cost rectangular assignment with column capacities (a small transportation problem).
//
// Each row goes to at most one column; column j takes at most capacity[j] rows. Rows may be left
// unassigned at `unassignedCost` each (default: not allowed). Forbidden cells are +Infinity and are
// never used. Minimises the total cost.
//
// Method: the primal–dual (Hungarian) method with dual potentials u (rows) and v (columns), run on a
// sparse candidate graph and then proven optimal on the full matrix:
//   1. keep each row's and each column's K cheapest cells (the optimum almost always lives there);
//   2. solve that sparse problem exactly: a greedy start on tight cells, then rounds of Hopcroft–Karp
//      augmentation along tight cells (reduced cost 0) and multi-source Dijkstra searches that raise the
//      potentials just enough to make the next shortest augmenting paths tight;
//   3. check every cell of the dense matrix: if no reduced cost c[i][j] - u[i] - v[j] is negative, the
//      potentials certify the sparse optimum as optimal for the whole matrix (LP duality). Otherwise add
//      the offending cells (plus the nearly offending ones, which the next potentials are likely to
//      need) and solve again, continuing from the previous optimum: only the rows that gained a cheaper
//      cell are placed again, and any column they leave with a vacancy is repaired by a backwards
//      search. Each round adds cells, so this ends — at worst on the full matrix.
// Scanning a few dozen cells per row instead of every column is what makes thousands × thousands fast
// (see test/bench for figures). The full matrix is only ever read a row at a time (steps 1 and 3) or a
// cell at a time, so it can be given as rows computed on demand (CostRows) instead of stored: at
// 5,000 × 5,000 a stored Float64 matrix would be 200 MB.
//
// Capacities are native — a column with capacity c is one column with one potential, not c identical
// copies — and "leave unassigned" is a virtual column of unlimited capacity that is never stored.
//
// Deterministic: the same matrix always gives the same answer. Rows are processed in index order and
// every tie is broken by a fixed order.

/**
 * A cost matrix read a row or a cell at a time, for matrices too big to keep (computed on demand).
 * The same (i, j) must always give the same cost.
 */
export interface CostRows {
  /** Row i's cells, cols long. May be a buffer that the next call to row() overwrites. */
  readonly row: (i: number) => Float64Array;
  readonly cell: (i: number, j: number) => number;
}

export interface AssignmentProblem {
  readonly rows: number;
  readonly cols: number;
  /** rows × cols, row-major, or given a row at a time. +Infinity marks a forbidden cell. */
  readonly cost: Float64Array | CostRows;
  /** Rows each column can take: one number for all, or per column. Default 1. */
  readonly capacity?: number | Int32Array;
  /** Cost of leaving a row unassigned. Default +Infinity: every row must be assigned. */
  readonly unassignedCost?: number;
  /** Candidate cells kept per row and per column in the first round (tuning only: the answer is exact). */
  readonly candidatesPerRow?: number;
  /**
   * Tuning only (the answer is exact either way): when every cell's cost is some base cost plus a
   * per-row and a per-column amount, those amounts. The first round then picks each row's and column's
   * candidates by base cost, so a few columns much cheaper across the board (or rows) don't crowd out
   * everything else and cost extra rounds.
   */
  readonly shift?: { readonly row?: Float64Array; readonly col?: Float64Array };
  /**
   * Tuning only (the answer is exact either way): the first round's candidate cells, as compressed rows
   * of columns (costs are read from `cost`; forbidden cells are dropped), instead of each row's and
   * column's cheapest. For a caller that already knows where the optimum is likely to be, and so saves
   * the first pass over the full matrix.
   */
  readonly candidates?: { readonly start: Int32Array; readonly col: Int32Array };
}

export interface AssignmentSolution {
  /** Column of each row, or -1 when left unassigned. */
  readonly rowToCol: Int32Array;
  readonly totalCost: number;
  /** How many sparse solves it took (1 when the first candidate graph already held a certified optimum). */
  readonly rounds: number;
}

export class InfeasibleAssignmentError extends Error {
  constructor(row: number) {
    super(`No feasible assignment: row ${row} cannot be placed`);
    this.name = 'InfeasibleAssignmentError';
  }
}

const DEFAULT_CANDIDATES = 16;
const INF = Number.POSITIVE_INFINITY;

export function solveAssignment(problem: AssignmentProblem): AssignmentSolution {
  const n = problem.rows;
  const m = problem.cols;
  const w = problem.unassignedCost ?? INF;
  if (!Number.isInteger(n) || !Number.isInteger(m) || n < 0 || m < 0) {
    throw new RangeError('rows and cols must be non-negative integers');
  }
  const input = problem.cost;
  if (input instanceof Float64Array && input.length !== n * m) {
    throw new RangeError(`cost has ${input.length} cells, expected ${n * m}`);
  }
  const cost: CostRows =
    input instanceof Float64Array
      ? { row: (i) => input.subarray(i * m, (i + 1) * m), cell: (i, j) => input[i * m + j]! }
      : input;
  if (Number.isNaN(w) || w === Number.NEGATIVE_INFINITY)
    throw new RangeError('unassignedCost must be a number');
  // Capacities are clamped to n: more places than rows can never be used.
  const cap = new Int32Array(m);
  const capInput = problem.capacity ?? 1;
  for (let j = 0; j < m; j++) {
    const c = typeof capInput === 'number' ? capInput : capInput[j]!;
    if (!Number.isInteger(c) || c < 0) throw new RangeError('capacity must be a non-negative integer');
    cap[j] = Math.min(c, n);
  }
  const k = Math.max(1, Math.floor(problem.candidatesPerRow ?? DEFAULT_CANDIDATES));
  const rowShift = problem.shift?.row ?? null;
  const colShift = problem.shift?.col ?? null;
  if ((rowShift && rowShift.length !== n) || (colShift && colShift.length !== m)) {
    throw new RangeError('shift needs one value per row and per column');
  }
  if ([rowShift, colShift].some((a) => a?.some((x) => !Number.isFinite(x)))) {
    throw new RangeError('shift values must be finite');
  }

  let dense = k >= m;
  const hint = problem.candidates;
  if (hint && (hint.start.length !== n + 1 || hint.start[n] !== hint.col.length)) {
    throw new RangeError('candidates need one entry per row');
  }
  let graph = dense
    ? fullGraph(cost, n, m)
    : hint
      ? buildGraph(cost, n, (i, add) => {
          for (let e = hint.start[i]!; e < hint.start[i + 1]!; e++) {
            const j = hint.col[e]!;
            if (j < 0 || j >= m) throw new RangeError('candidate column out of range');
            if (cost.cell(i, j) !== INF) add(j);
          }
        })
      : candidateGraph(cost, n, m, k, rowShift, colShift);
  let previous: SparseSolver | null = null;
  let memo: CheckMemo | null = null;
  for (let rounds = 1; ; rounds++) {
    const solver = new SparseSolver(graph, cost, n, m, cap, w);
    try {
      // Later rounds continue from the previous round's optimum: only rows with new cells move.
      solver.solve(previous);
    } catch (error) {
      // Without a way to leave rows out, a sparse graph can be infeasible when the full matrix isn't.
      if (!(error instanceof InfeasibleAssignmentError) || dense) throw error;
      graph = fullGraph(cost, n, m);
      dense = true;
      previous = null;
      memo = null;
      continue;
    }
    if (dense) return finish(solver.rowCol, cost, n, m, w, rounds);
    const check = growGraph(graph, cost, n, m, solver.u, solver.v, k, memo);
    if (!check.graph) return finish(solver.rowCol, cost, n, m, w, rounds);
    graph = check.graph;
    memo = check.memo;
    previous = solver;
  }
}

function finish(
  rowCol: Int32Array,
  cost: CostRows,
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
      totalCost += cost.cell(i, c);
    }
  }
  return { rowToCol, totalCost, rounds };
}

// ---------------------------------------------------------------------------------------------------
// Candidate graphs

/** Candidate cells as compressed rows: row i owns entries [start[i], start[i + 1]), in column order. */
export interface Graph {
  readonly start: Int32Array;
  readonly col: Int32Array;
  readonly cost: Float64Array;
}

/**
 * Offers (key, id) to a bounded max-heap at keys/ids[base .. base + k) that keeps the k smallest keys
 * (on equal keys, the earlier offer stays); returns the new size. The caller has checked that the key
 * gets in: the heap isn't full, or key < keys[base].
 */
export function offer(
  keys: Float64Array,
  ids: Int32Array,
  base: number,
  size: number,
  k: number,
  key: number,
  id: number,
): number {
  let at: number;
  if (size < k) {
    at = size++;
    while (at > 0) {
      const parent = (at - 1) >> 1;
      const pk = keys[base + parent]!;
      if (pk >= key) break;
      keys[base + at] = pk;
      ids[base + at] = ids[base + parent]!;
      at = parent;
    }
  } else {
    at = 0;
    while (true) {
      let child = 2 * at + 1;
      if (child >= size) break;
      if (child + 1 < size && keys[base + child + 1]! > keys[base + child]!) child++;
      const ck = keys[base + child]!;
      if (ck <= key) break;
      keys[base + at] = ck;
      ids[base + at] = ids[base + child]!;
      at = child;
    }
  }
  keys[base + at] = key;
  ids[base + at] = id;
  return size;
}

/** offer() for a heap ordered by (key, tie): ties compare when keys are equal. */
function offerTied(
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
  let at: number;
  if (size < k) {
    at = size++;
    while (at > 0) {
      const parent = (at - 1) >> 1;
      const pk = keys[base + parent]!;
      if (pk > key || (pk === key && ties[base + parent]! > tie)) break;
      keys[base + at] = pk;
      ties[base + at] = ties[base + parent]!;
      ids[base + at] = ids[base + parent]!;
      at = parent;
    }
  } else {
    at = 0;
    while (true) {
      let child = 2 * at + 1;
      if (child >= size) break;
      const right = child + 1;
      if (right < size) {
        const lk = keys[base + child]!;
        const rk = keys[base + right]!;
        if (rk > lk || (rk === lk && ties[base + right]! > ties[base + child]!)) child = right;
      }
      const ck = keys[base + child]!;
      if (ck < key || (ck === key && ties[base + child]! < tie)) break;
      keys[base + at] = ck;
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

/** A step coprime with n, about 0.618 n, for visiting 0..n-1 in a scattered but fixed order. */
export function scatterStep(n: number): number {
  const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
  let step = Math.max(1, Math.floor(n * 0.618));
  while (n > 1 && gcd(step, n) !== 1) step++;
  return step;
}

/**
 * Each row's k cheapest allowed cells and each column's k cheapest, in one pass over the matrix.
 * Equal costs are common (integer scores), and keeping the lowest-numbered of many equally good cells
 * would crowd every row onto the same few columns (and every column onto the same few rows). So each
 * row's columns are visited from a different starting point, keeping the first seen among equal costs,
 * and each column ranks equal rows in its own rotated order: candidates spread across all the ties.
 * The column side matters too: a column nobody ranks highly would otherwise be invisible, look free
 * at potential 0, and fail the optimality check for many rows.
 * With shifts, rows rank cells by cost minus the column's shift and columns by cost minus the row's.
 */
export function candidateGraph(
  cost: CostRows,
  n: number,
  m: number,
  k: number,
  rowShift: Float64Array | null,
  colShift: Float64Array | null,
): Graph {
  const colLess = colShift ?? new Float64Array(m);
  const rowKeys = new Float64Array(k);
  const rowIds = new Int32Array(k);
  const colKeys = new Float64Array(m * k);
  const colTies = new Int32Array(m * k);
  const colIds = new Int32Array(m * k);
  const colSize = new Int32Array(m);
  const rowPicks = new Int32Array(n * k);
  const rowCount = new Int32Array(n);
  const colLimit = new Float64Array(m).fill(INF); // a cell must not exceed this to enter column j's heap
  const rowStep = scatterStep(n);
  const colStep = scatterStep(m);
  for (let i = 0; i < n; i++) {
    const row = cost.row(i);
    const rowLess = rowShift ? rowShift[i]! : 0;
    let size = 0;
    let rowLimit = INF; // a cell must beat this to enter the row's heap
    // Columns from a per-row starting point, in two straight runs.
    const first = (i * colStep) % m;
    for (let run = 0; run < 2; run++) {
      const from = run === 0 ? first : 0;
      const to = run === 0 ? m : first;
      for (let j = from; j < to; j++) {
        const cell = row[j]!;
        if (cell === INF) continue;
        if (!(cell > Number.NEGATIVE_INFINITY)) throw badCell(); // NaN or -Infinity: refuse rather than misbehave
        const r = cell - colLess[j]!;
        if (r < rowLimit) {
          size = offer(rowKeys, rowIds, 0, size, k, r, j);
          if (size === k) rowLimit = rowKeys[0]!;
        }
        const c = cell - rowLess;
        if (c <= colLimit[j]!) {
          const cb = j * k;
          const cs = colSize[j]!;
          // Column j ranks equal rows from position j * rowStep onwards, so columns prefer different ties.
          const tie = (i + j * rowStep) % n;
          if (cs < k || c < colKeys[cb]! || tie < colTies[cb]!) {
            const size2 = offerTied(colKeys, colTies, colIds, cb, cs, k, c, tie, i);
            colSize[j] = size2;
            if (size2 === k) colLimit[j] = colKeys[cb]!;
          }
        }
      }
    }
    rowPicks.set(rowIds.subarray(0, size), i * k);
    rowCount[i] = size;
  }
  // Rows picked by each column, as lists per row.
  const colPicksStart = new Int32Array(n + 1);
  for (let j = 0; j < m; j++) for (let h = 0; h < colSize[j]!; h++) colPicksStart[colIds[j * k + h]! + 1]!++;
  for (let i = 0; i < n; i++) colPicksStart[i + 1] = colPicksStart[i + 1]! + colPicksStart[i]!;
  const colPicks = new Int32Array(colPicksStart[n]!);
  const fill = colPicksStart.slice(0, n);
  for (let j = 0; j < m; j++) for (let h = 0; h < colSize[j]!; h++) colPicks[fill[colIds[j * k + h]!]!++] = j;

  return buildGraph(cost, n, (i, add) => {
    for (let h = 0; h < rowCount[i]!; h++) add(rowPicks[i * k + h]!);
    for (let h = colPicksStart[i]!; h < colPicksStart[i + 1]!; h++) add(colPicks[h]!);
  });
}

/**
 * Builds compressed rows from a per-row generator of columns (duplicates allowed), sorting each row by
 * column and dropping duplicates.
 */
function buildGraph(
  cost: CostRows,
  n: number,
  each: (row: number, add: (col: number) => void) => void,
): Graph {
  let col = new Int32Array(Math.max(16, n * 8));
  const start = new Int32Array(n + 1);
  let at = 0;
  const add = (j: number) => {
    if (at === col.length) {
      const bigger = new Int32Array(col.length * 2);
      bigger.set(col);
      col = bigger;
    }
    col[at++] = j;
  };
  for (let i = 0; i < n; i++) {
    const from = at;
    each(i, add);
    const row = col.subarray(from, at).sort();
    let kept = from;
    for (let h = 0; h < row.length; h++) if (h === 0 || row[h] !== row[h - 1]) col[kept++] = row[h]!;
    at = kept;
    start[i + 1] = at;
  }
  const cols = col.slice(0, at);
  const costs = new Float64Array(at);
  for (let i = 0; i < n; i++)
    for (let e = start[i]!; e < start[i + 1]!; e++) costs[e] = cost.cell(i, cols[e]!);
  return { start, col: cols, cost: costs };
}

/** Every allowed cell: the fallback when a sparse graph can't even place every row. */
function fullGraph(cost: CostRows, n: number, m: number): Graph {
  return buildGraph(cost, n, (i, add) => {
    const row = cost.row(i);
    for (let j = 0; j < m; j++) {
      const c = row[j]!;
      if (c === INF) continue;
      if (!(c > Number.NEGATIVE_INFINITY)) throw badCell();
      add(j);
    }
  });
}

function badCell(): RangeError {
  return new RangeError('cost cells must be finite or +Infinity');
}

/**
 * What the last optimality check established: the potentials it saw, and the rows it could not clear
 * completely (more violations than it added). Every other cell outside the graph had a reduced cost
 * >= 0 under those potentials.
 */
interface CheckMemo {
  readonly u: Float64Array;
  readonly v: Float64Array;
  readonly unfinished: Uint8Array;
}

/**
 * The optimality check on the full matrix. Returns graph null when no reduced cost is negative (the
 * sparse optimum is optimal overall). Otherwise returns the graph grown, per row, by up to `perRow` of
 * its cheapest missing cells by reduced cost among those below the largest violation: the violating
 * ones, and nearly violating ones that the next round's potentials (which move by about that much)
 * would otherwise expose, costing another round.
 *
 * After the first check, a reduced cost c - u - v can only have dropped below 0 if u or v rose since,
 * so rows whose potential didn't rise (and were cleared last time) only look at columns whose did.
 */
function growGraph(
  graph: Graph,
  cost: CostRows,
  n: number,
  m: number,
  u: Float64Array,
  v: Float64Array,
  perRow: number,
  memo: CheckMemo | null,
): { graph: Graph | null; memo: CheckMemo } {
  const inGraph = new Int32Array(m).fill(-1);
  const keys = new Float64Array(n * perRow);
  const ids = new Int32Array(n * perRow);
  const sizes = new Int32Array(n);
  const unfinished = new Uint8Array(n);
  let raised: Int32Array | null = null;
  if (memo) {
    const list: number[] = [];
    for (let j = 0; j < m; j++) if (v[j]! > memo.v[j]!) list.push(j);
    raised = Int32Array.from(list);
  }
  let worst = 0;
  for (let i = 0; i < n; i++) {
    for (let e = graph.start[i]!; e < graph.start[i + 1]!; e++) inGraph[graph.col[e]!] = i;
    const hb = i * perRow;
    const ui = u[i]!;
    let size = 0;
    let limit = INF; // a cell must beat this to enter the row's heap
    if (!raised || memo!.unfinished[i] || ui > memo!.u[i]!) {
      const row = cost.row(i);
      for (let j = 0; j < m; j++) {
        // Forbidden cells give Infinity here and never get in.
        const rc = row[j]! - ui - v[j]!;
        if (rc < limit && inGraph[j] !== i) {
          if (rc < worst) worst = rc;
          size = offer(keys, ids, hb, size, perRow, rc, j);
          if (size === perRow) limit = keys[hb]!;
        }
      }
    } else {
      // A few columns: cell by cell; many: the whole row at once is cheaper than cell() each.
      const row = raised.length * 8 > m ? cost.row(i) : null;
      for (let t = 0; t < raised.length; t++) {
        const j = raised[t]!;
        const rc = (row ? row[j]! : cost.cell(i, j)) - ui - v[j]!;
        if (rc < limit && inGraph[j] !== i) {
          if (rc < worst) worst = rc;
          size = offer(keys, ids, hb, size, perRow, rc, j);
          if (size === perRow) limit = keys[hb]!;
        }
      }
    }
    sizes[i] = size;
    // A full heap whose largest kept cell still violates may have left violations behind.
    if (size === perRow && keys[hb]! < 0) unfinished[i] = 1;
  }
  const next: CheckMemo = { u: u.slice(), v: v.slice(), unfinished };
  if (worst >= 0) return { graph: null, memo: next };
  const threshold = -worst;
  const grown = buildGraph(cost, n, (i, add) => {
    for (let e = graph.start[i]!; e < graph.start[i + 1]!; e++) add(graph.col[e]!);
    for (let h = 0; h < sizes[i]!; h++) if (keys[i * perRow + h]! < threshold) add(ids[i * perRow + h]!);
  });
  return { graph: grown, memo: next };
}

// ---------------------------------------------------------------------------------------------------
// Exact solve on a sparse graph

const UNASSIGNED = -1;

/**
 * Exact solve restricted to the graph's cells. After solve(): rowCol holds each row's column (m = left
 * unassigned), and the potentials certify it — reduced costs c - u - v are >= 0 on graph cells and 0 on
 * assigned ones, u <= w (0 when left unassigned), v <= 0, and v[j] < 0 only for full columns.
 */
class SparseSolver {
  readonly rowCol: Int32Array;
  readonly u: Float64Array;
  readonly v: Float64Array;
  private readonly virtual: number;
  // Rows held by each column live in one flat array: column j owns slots [slot[j], slot[j] + count[j]).
  private readonly slot: Int32Array;
  private readonly held: Int32Array;
  private readonly count: Int32Array;
  // Rows still to place, in index order.
  private readonly sources: Int32Array;
  private sourceCount = 0;
  // Dijkstra state; epoch stamps avoid clearing arrays between searches.
  private readonly d: Float64Array;
  private readonly pred: Int32Array;
  private readonly seenAt: Int32Array;
  private readonly doneAt: Int32Array;
  private readonly done: Int32Array;
  private heapKey = new Float64Array(1024);
  private heapCol = new Int32Array(1024);
  private heapSize = 0;
  private epoch = 0;
  private level = 0;
  private dVirtual = INF;
  private predVirtual = -1;
  // Hopcroft–Karp state (explicit stacks: paths can be long).
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
  private phase = 0;
  // fillVacancy state, allocated on first use (only warm starts need it).
  private colStart: Int32Array | null = null;
  private colRow: Int32Array | null = null;
  private colCost: Float64Array | null = null;
  private rowDist: Float64Array | null = null;
  private rowSeenAt: Int32Array | null = null;
  private rowDoneAt: Int32Array | null = null;
  private rowTo: Int32Array | null = null;
  private colEntry: Int32Array | null = null;

  constructor(
    private readonly graph: Graph,
    private readonly dense: CostRows,
    private readonly n: number,
    private readonly m: number,
    private readonly cap: Int32Array,
    private readonly w: number,
  ) {
    this.virtual = m;
    this.rowCol = new Int32Array(n).fill(UNASSIGNED);
    this.u = new Float64Array(n);
    this.v = new Float64Array(m);
    this.slot = new Int32Array(m + 1);
    for (let j = 0; j < m; j++) this.slot[j + 1] = this.slot[j]! + cap[j]!;
    this.held = new Int32Array(this.slot[m]!);
    this.count = new Int32Array(m);
    this.sources = new Int32Array(n);
    this.d = new Float64Array(m);
    this.pred = new Int32Array(m);
    this.seenAt = new Int32Array(m);
    this.doneAt = new Int32Array(m);
    this.done = new Int32Array(m);
    this.layer = new Int32Array(n);
    this.layerAt = new Int32Array(n);
    this.deadAt = new Int32Array(n);
    this.edgeAt = new Int32Array(n);
    this.arcAt = new Int32Array(n);
    this.colAt = new Int32Array(m);
    this.queue = new Int32Array(n);
    this.stackRow = new Int32Array(n);
    this.stackCol = new Int32Array(n);
    this.stackHeld = new Int32Array(n);
  }

  /** Solves from scratch (previous = null) or continues from an earlier round's optimum on a smaller graph. */
  solve(previous: SparseSolver | null): void {
    if (previous) this.warmStart(previous);
    else this.greedyStart();
    // Augment along tight paths until none is left, then one shortest-path search raises the
    // potentials just enough to make the next shortest paths tight. Integer costs give few distinct
    // path lengths, so a handful of searches serve hundreds of rows.
    let searched = false;
    while (this.sourceCount > 0) {
      const sink = searched ? this.search() : -1;
      let augmented = 0;
      while (this.sourceCount > 0) {
        const found = this.tightPhase();
        this.dropPlacedSources();
        augmented += found;
        if (found === 0) break;
      }
      if (searched && augmented === 0) {
        // Float rounding can leave a shortest path a hair off tight; the search's own path is still right.
        this.augmentSearchPath(sink);
        this.dropPlacedSources();
      }
      searched = true;
    }
    // Complementary slackness for capacities: a column with room must have potential 0. A cold start
    // guarantees it; a warm start can leave a vacancy where the old optimum had a full column.
    for (let j = 0; j < this.m; j++) {
      while (this.v[j]! < 0 && this.count[j]! < this.cap[j]!) this.fillVacancy(j);
    }
  }

  /**
   * Repairs a column with room but a negative potential, by the mirror image of search(): a Dijkstra
   * backwards from the column over rows that could move into it. Raising the column's potential by Δ
   * (and each column reached behind it by Δ less its distance, lowering the potentials of the rows they
   * hold to stay tight) keeps every reduced cost >= 0, until the first of: the column's potential
   * reaches 0 (nothing to move); a column reached behind it reaches 0 (a row can leave it, and each row
   * on the path moves one column forward); or a row left unassigned is reached (it moves in).
   */
  private fillVacancy(j0: number): void {
    const { n, u, v, slot, held, count, rowCol } = this;
    if (!this.colStart) this.transpose();
    const colStart = this.colStart!;
    const colRow = this.colRow!;
    const colCost = this.colCost!;
    const rd = this.rowDist!;
    const rowSeen = this.rowSeenAt!;
    const rowDone = this.rowDoneAt!;
    const rowTo = this.rowTo!;
    const colEntry = this.colEntry!;
    const { d, doneAt, done } = this; // reused: column distances, "in the tree" stamps, tree list
    const epoch = ++this.epoch;
    this.heapSize = 0;
    let treeSize = 0;
    const enter = (j: number, dist: number, via: number) => {
      doneAt[j] = epoch;
      d[j] = dist;
      colEntry[j] = via;
      done[treeSize++] = j;
      // Release: the distance at which this column's potential reaches 0 and a row may leave it.
      this.push(dist - v[j]!, n + j);
      for (let e = colStart[j]!; e < colStart[j + 1]!; e++) {
        const r = colRow[e]!;
        if (rowCol[r] === j || rowDone[r] === epoch) continue;
        const nd = dist + colCost[e]! - u[r]! - v[j]!;
        if (rowSeen[r] !== epoch || nd < rd[r]!) {
          rowSeen[r] = epoch;
          rd[r] = nd;
          rowTo[r] = j;
          this.push(nd, r);
        }
      }
    };
    enter(j0, 0, -1);
    let delta = 0;
    let mover = -1; // the row that starts the chain of moves, or -1 when j0 is simply raised to 0
    while (this.heapSize > 0) {
      const key = this.heapKey[0]!;
      const id = this.heapCol[0]!;
      this.pop();
      if (id >= n) {
        delta = key;
        const j = id - n;
        mover = j === j0 ? -1 : colEntry[j]!;
        break;
      }
      if (rowDone[id] === epoch || key > rd[id]!) continue;
      rowDone[id] = epoch;
      const jr = rowCol[id]!;
      if (jr === this.virtual || jr === UNASSIGNED) {
        // Nothing is vacated when this row moves in.
        delta = key;
        mover = id;
        break;
      }
      if (doneAt[jr] !== epoch) enter(jr, key, id);
    }
    for (let t = 0; t < treeSize; t++) {
      const j = done[t]!;
      const rise = delta - d[j]!;
      if (rise <= 0) continue;
      v[j] = v[j]! + rise;
      for (let h = slot[j]!, e = slot[j]! + count[j]!; h < e; h++) u[held[h]!] = u[held[h]!]! - rise;
    }
    // Move each row on the path one column towards j0, starting next to j0 so that every move goes
    // into a place just vacated.
    let length = 0;
    for (let r = mover; r >= 0; ) {
      this.stackRow[length++] = r;
      const target = rowTo[r]!;
      r = target === j0 ? -1 : colEntry[target]!;
    }
    for (let t = length - 1; t >= 0; t--) {
      const r = this.stackRow[t]!;
      this.unplace(r);
      this.place(r, rowTo[r]!);
    }
  }

  /** Column-major view of the graph, for fillVacancy. */
  private transpose(): void {
    const { n, m } = this;
    const { start, col, cost } = this.graph;
    const colStart = new Int32Array(m + 1);
    for (let e = 0; e < col.length; e++) colStart[col[e]! + 1]!++;
    for (let j = 0; j < m; j++) colStart[j + 1] = colStart[j + 1]! + colStart[j]!;
    const fill = colStart.slice(0, m);
    const colRow = new Int32Array(col.length);
    const colCost = new Float64Array(col.length);
    for (let i = 0; i < n; i++) {
      for (let e = start[i]!; e < start[i + 1]!; e++) {
        const at = fill[col[e]!]!++;
        colRow[at] = i;
        colCost[at] = cost[e]!;
      }
    }
    this.colStart = colStart;
    this.colRow = colRow;
    this.colCost = colCost;
    this.rowDist = new Float64Array(n);
    this.rowSeenAt = new Int32Array(n);
    this.rowDoneAt = new Int32Array(n);
    this.rowTo = new Int32Array(n);
    this.colEntry = new Int32Array(m);
  }

  /**
   * Starts from the previous round's assignment and potentials. Rows that gained a cell with a negative
   * reduced cost lower their potential to fit it (keeping every reduced cost >= 0) and are placed again;
   * everyone else keeps their place. Usually a few hundred rows instead of everyone.
   */
  private warmStart(previous: SparseSolver): void {
    const { n, w, u, v, sources } = this;
    const { start, col, cost } = this.graph;
    u.set(previous.u);
    v.set(previous.v);
    for (let i = 0; i < n; i++) this.place(i, previous.rowCol[i]!);
    for (let i = 0; i < n; i++) {
      let best = w;
      for (let h = start[i]!; h < start[i + 1]!; h++) {
        const c = cost[h]! - v[col[h]!]!;
        if (c < best) best = c;
      }
      if (best < u[i]!) {
        u[i] = best;
        this.unplace(i);
        sources[this.sourceCount++] = i;
      }
    }
  }

  /** With v = 0, each row takes its cheapest option if that column still has room. */
  private greedyStart(): void {
    const { n, w, u, count, cap, sources } = this;
    const { start, col, cost } = this.graph;
    for (let i = 0; i < n; i++) {
      const s = start[i]!;
      const e = start[i + 1]!;
      let best = w;
      for (let h = s; h < e; h++) if (cost[h]! < best) best = cost[h]!;
      if (best === INF) throw new InfeasibleAssignmentError(i);
      u[i] = best;
      let chosen = -1;
      for (let h = s; h < e; h++) {
        const j = col[h]!;
        if (cost[h] === best && count[j]! < cap[j]!) {
          chosen = j;
          break;
        }
      }
      if (chosen >= 0) this.place(i, chosen);
      else if (best === w) this.place(i, this.virtual);
      else sources[this.sourceCount++] = i;
    }
  }

  private place(r: number, j: number): void {
    this.rowCol[r] = j;
    if (j === this.virtual) return;
    this.held[this.slot[j]! + this.count[j]!] = r;
    this.count[j]!++;
  }

  private unplace(r: number): void {
    const j = this.rowCol[r]!;
    this.rowCol[r] = UNASSIGNED;
    if (j < 0 || j === this.virtual) return;
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
  }

  private dropPlacedSources(): void {
    const { sources, rowCol } = this;
    let next = 0;
    for (let t = 0; t < this.sourceCount; t++)
      if (rowCol[sources[t]!] === UNASSIGNED) sources[next++] = sources[t]!;
    this.sourceCount = next;
  }

  /**
   * One Hopcroft–Karp phase on the tight subgraph (reduced cost exactly 0): a breadth-first search from
   * every row still to place finds the fewest-edges distance to a free place, then depth-first searches
   * along those layers augment a maximal set of disjoint shortest paths. Returns how many.
   */
  private tightPhase(): number {
    const { n, w, u, v, cap, count, slot, held, sources, layer, layerAt, deadAt, edgeAt, arcAt, colAt } =
      this;
    const { queue, stackRow, stackCol, stackHeld } = this;
    const { start, col, cost } = this.graph;
    const sourceCount = this.sourceCount;
    const phase = ++this.phase;
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
      for (let e = start[r]!, stop = start[r + 1]!; e < stop; e++) {
        const j = col[e]!;
        if (cost[e]! - ur - v[j]! !== 0) continue;
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
          edgeAt[r] = start[r]!;
        }
        const ur = u[r]!;
        let e = edgeAt[r]!;
        const stop = start[r + 1]!;
        while (e < stop) {
          const j = col[e]!;
          const tight = cost[e]! - ur - v[j]! === 0;
          e++;
          if (!tight) continue;
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
        if (L === sinkLayer && w - ur === 0) {
          end = this.virtual;
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
        this.unplace(r);
        this.place(r, target);
        target = k > 0 ? stackCol[k - 1]! : -1;
      }
      augmented++;
    }
    return augmented;
  }

  /**
   * One multi-source Dijkstra from every row still to place. Finds the shortest augmenting distance D,
   * then shifts the potentials so that every shortest path becomes tight (and all reduced costs stay
   * >= 0). Returns the sink it stopped at (column, or m for "leave unassigned").
   */
  private search(): number {
    const { u, v, cap, count, slot, held, sources, d, doneAt, done, dense } = this;
    this.epoch++;
    this.heapSize = 0;
    this.level = 0;
    this.dVirtual = INF;
    this.predVirtual = -1;
    let doneCount = 0;
    let sink = -1;
    let D = 0;
    for (let t = 0; t < this.sourceCount && sink < 0; t++) sink = this.relax(sources[t]!, 0);
    while (sink < 0) {
      if (this.heapSize === 0 || this.dVirtual < this.heapKey[0]!) {
        if (this.dVirtual === INF) throw new InfeasibleAssignmentError(sources[0]!);
        sink = this.virtual;
        D = this.dVirtual;
        break;
      }
      const key = this.heapKey[0]!;
      const j1 = this.heapCol[0]!;
      this.pop();
      if (doneAt[j1] === this.epoch || key > d[j1]!) continue; // stale entry
      this.level = key;
      if (count[j1]! < cap[j1]!) {
        sink = j1;
        D = key;
        break;
      }
      // A full column: every row it holds is reachable at this distance over its tight edge.
      doneAt[j1] = this.epoch;
      done[doneCount++] = j1;
      const vj1 = v[j1]!;
      for (let h = slot[j1]!, e = slot[j1]! + count[j1]!; h < e && sink < 0; h++) {
        const r = held[h]!;
        // The edge's reduced cost is 0 for integer costs; subtracting it keeps float costs honest.
        sink = this.relax(r, key - (dense.cell(r, j1) - u[r]! - vj1));
      }
      if (sink >= 0) D = key;
    }
    // Whatever was finalised before distance D moves by how much closer it was.
    for (let t = 0; t < doneCount; t++) {
      const j = done[t]!;
      const delta = D - d[j]!;
      v[j] = v[j]! - delta;
      for (let h = slot[j]!, e = slot[j]! + count[j]!; h < e; h++) u[held[h]!] = u[held[h]!]! + delta;
    }
    for (let t = 0; t < this.sourceCount; t++) u[sources[t]!] = u[sources[t]!]! + D;
    return sink;
  }

  /**
   * Relaxes row r reached at distance dr. Returns a free column at the current level (no path can do
   * better, so the search can stop there: the common case with many ties), or -1.
   */
  private relax(r: number, dr: number): number {
    const { u, v, cap, count, d, pred, seenAt, doneAt } = this;
    const { start, col, cost } = this.graph;
    const epoch = this.epoch;
    const level = this.level;
    const off = dr - u[r]!;
    for (let h = start[r]!, e = start[r + 1]!; h < e; h++) {
      const j = col[h]!;
      if (doneAt[j] === epoch) continue;
      const nd = off + cost[h]! - v[j]!;
      if (seenAt[j] !== epoch || nd < d[j]!) {
        seenAt[j] = epoch;
        d[j] = nd;
        pred[j] = r;
        if (nd <= level && count[j]! < cap[j]!) return j;
        this.push(nd, j);
      }
    }
    const ndv = off + this.w;
    if (ndv < this.dVirtual) {
      this.dVirtual = ndv;
      this.predVirtual = r;
    }
    return -1;
  }

  private augmentSearchPath(sink: number): void {
    let j = sink;
    let r = sink === this.virtual ? this.predVirtual : this.pred[sink]!;
    while (true) {
      const prev = this.rowCol[r]!;
      this.unplace(r);
      this.place(r, j);
      if (prev === UNASSIGNED) break;
      j = prev;
      r = this.pred[prev]!;
    }
  }

  private push(key: number, j: number): void {
    if (this.heapSize === this.heapKey.length) {
      const keys = new Float64Array(this.heapSize * 2);
      keys.set(this.heapKey);
      this.heapKey = keys;
      const cols = new Int32Array(this.heapSize * 2);
      cols.set(this.heapCol);
      this.heapCol = cols;
    }
    const { heapKey, heapCol } = this;
    let at = this.heapSize++;
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
  }

  /** Removes the root (the caller has read it). */
  private pop(): void {
    const { heapKey, heapCol } = this;
    const size = --this.heapSize;
    const key = heapKey[size]!;
    const j = heapCol[size]!;
    let at = 0;
    while (true) {
      let child = 2 * at + 1;
      if (child >= size) break;
      const right = child + 1;
      if (
        right < size &&
        (heapKey[right]! < heapKey[child]! ||
          (heapKey[right] === heapKey[child] && heapCol[right]! < heapCol[child]!))
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
  }
}
