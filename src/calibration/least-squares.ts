/**
 * Weighted linear least squares with lower bounds: minimise Σ wᵢ (xᵢ·v − yᵢ)² over the free
 * unknowns, the others held at `fixed`. A free unknown whose best value falls below its bound is
 * held at the bound and the rest solved again (an active-set method for bound constraints,
 * Lawson & Hanson, "Solving Least Squares Problems", 1974, ch. 23), until every value is feasible.
 */
export function solveBounded(
  xs: readonly (readonly number[])[],
  ys: readonly number[],
  weights: readonly number[],
  free: readonly boolean[],
  fixed: readonly number[],
  lower: readonly number[],
): number[] {
  const values = [...fixed];
  const active = free.map((f) => f);
  for (let round = 0; round <= free.length; round++) {
    const cols = active.flatMap((on, i) => (on ? [i] : []));
    if (cols.length === 0) return values;
    const solved = solveNormal(xs, ys, weights, cols, values);
    if (!solved) {
      // Not identifiable (two terms always move together): keep the fixed values.
      for (const i of cols) values[i] = fixed[i] ?? 0;
      return values;
    }
    let worst = -1;
    let worstGap = 0;
    cols.forEach((col, j) => {
      const gap = (lower[col] ?? -Infinity) - (solved[j] ?? 0);
      if (gap > worstGap) {
        worstGap = gap;
        worst = col;
      }
    });
    if (worst < 0) {
      cols.forEach((col, j) => (values[col] = solved[j] ?? 0));
      return values;
    }
    values[worst] = lower[worst] ?? 0;
    active[worst] = false;
  }
  return values;
}

/** The free unknowns `cols` from the normal equations, the others at `values`; null if singular. */
function solveNormal(
  xs: readonly (readonly number[])[],
  ys: readonly number[],
  weights: readonly number[],
  cols: readonly number[],
  values: readonly number[],
): number[] | null {
  const n = cols.length;
  const a = Array.from({ length: n }, () => new Array<number>(n + 1).fill(0));
  xs.forEach((x, r) => {
    const w = weights[r] ?? 0;
    let y = ys[r] ?? 0;
    for (let i = 0; i < x.length; i++) if (!cols.includes(i)) y -= (x[i] ?? 0) * (values[i] ?? 0);
    for (let i = 0; i < n; i++) {
      const xi = x[cols[i] ?? 0] ?? 0;
      const row = a[i] as number[];
      for (let j = 0; j < n; j++) row[j] = (row[j] ?? 0) + w * xi * (x[cols[j] ?? 0] ?? 0);
      row[n] = (row[n] ?? 0) + w * xi * y;
    }
  });
  // Gaussian elimination with partial pivoting.
  for (let i = 0; i < n; i++) {
    let pivot = i;
    for (let r = i + 1; r < n; r++) if (Math.abs(a[r]?.[i] ?? 0) > Math.abs(a[pivot]?.[i] ?? 0)) pivot = r;
    [a[i], a[pivot]] = [a[pivot] as number[], a[i] as number[]];
    const row = a[i] as number[];
    const scale = Math.max(...row.slice(0, n).map(Math.abs));
    if (!(Math.abs(row[i] ?? 0) > 1e-12 * scale) || scale === 0) return null;
    for (let r = 0; r < n; r++) {
      if (r === i) continue;
      const other = a[r] as number[];
      const f = (other[i] ?? 0) / (row[i] ?? 1);
      for (let j = i; j <= n; j++) other[j] = (other[j] ?? 0) - f * (row[j] ?? 0);
    }
  }
  return a.map((row, i) => (row[n] ?? 0) / (row[i] ?? 1));
}
