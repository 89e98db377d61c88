// A small linear regression with an optional Gaussian prior per coefficient (generalised ridge). Few
// columns (under ten) and a few hundred rows, so plain normal equations and Gauss–Jordan are enough.

export interface RegressionFit {
  readonly coefficients: number[];
  /** Standard error of each coefficient, from the residual variance (prior included). */
  readonly standardErrors: number[];
  /** Residual variance, with the degrees of freedom the columns used. */
  readonly residualVariance: number;
}

export interface Prior {
  /** Prior mean per column. */
  readonly mean: readonly number[];
  /** Prior precision (1 / variance) per column; 0 leaves a column free, like plain least squares. */
  readonly precision: readonly number[];
}

/**
 * Posterior mean of y = Xβ + ε, ε ~ N(0, σ²), β_j ~ N(mean_j, 1 / precision_j): solves
 * (XᵀX + σ²P) β = Xᵀy + σ²P·mean. σ² is given (when a prior is used) so that the prior's strength is in the
 * units of y. Returns null when the columns don't determine the coefficients (a column that never varies).
 */
export function fitLinear(
  rows: readonly (readonly number[])[],
  y: readonly number[],
  prior?: Prior,
  noiseVariance?: number,
): RegressionFit | null {
  const n = rows.length;
  const k = rows[0]?.length ?? 0;
  if (n === 0 || k === 0 || n <= k) return null;
  const a: number[][] = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  const b = new Array<number>(k).fill(0);
  for (let i = 0; i < n; i++) {
    const row = rows[i]!;
    for (let p = 0; p < k; p++) {
      b[p] += row[p]! * y[i]!;
      for (let q = 0; q < k; q++) a[p]![q] += row[p]! * row[q]!;
    }
  }
  const s2 = noiseVariance ?? 0;
  if (prior) {
    for (let p = 0; p < k; p++) {
      a[p]![p] += s2 * prior.precision[p]!;
      b[p] += s2 * prior.precision[p]! * prior.mean[p]!;
    }
  }
  const inverse = invert(a);
  if (!inverse) return null;
  const coefficients = inverse.map((row) => row.reduce((s, v, q) => s + v * b[q]!, 0));
  let rss = 0;
  for (let i = 0; i < n; i++) {
    const fitted = rows[i]!.reduce((s, v, p) => s + v * coefficients[p]!, 0);
    rss += (y[i]! - fitted) ** 2;
  }
  const residualVariance = rss / (n - k);
  const s2se = prior ? s2 : residualVariance;
  const standardErrors = inverse.map((row, p) => Math.sqrt(Math.max(0, row[p]! * s2se)));
  return { coefficients, standardErrors, residualVariance };
}

/** Inverse by Gauss–Jordan with partial pivoting; null when (numerically) singular. */
export function invert(matrix: readonly (readonly number[])[]): number[][] | null {
  const k = matrix.length;
  const m = matrix.map((row, i) => [...row, ...Array.from({ length: k }, (_, j) => (i === j ? 1 : 0))]);
  const scale = Math.max(1e-300, ...matrix.map((row, i) => Math.abs(row[i]!)));
  for (let col = 0; col < k; col++) {
    let pivot = col;
    for (let r = col + 1; r < k; r++) if (Math.abs(m[r]![col]!) > Math.abs(m[pivot]![col]!)) pivot = r;
    // Relative to the largest diagonal entry: a column that is (nearly) a mix of others has no pivot left.
    if (Math.abs(m[pivot]![col]!) <= 1e-10 * scale) return null;
    [m[col], m[pivot]] = [m[pivot]!, m[col]!];
    const pr = m[col]!;
    const pv = pr[col]!;
    for (let c = 0; c < 2 * k; c++) pr[c] /= pv;
    for (let r = 0; r < k; r++) {
      if (r === col) continue;
      const row = m[r]!;
      const f = row[col]!;
      if (f === 0) continue;
      for (let c = 0; c < 2 * k; c++) row[c] -= f * pr[c]!;
    }
  }
  return m.map((row) => row.slice(k));
}
