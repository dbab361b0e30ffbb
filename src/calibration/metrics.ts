/** Error statistics for predicted against measured values. */

export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  const a = sorted[lo] ?? NaN;
  const b = sorted[hi] ?? NaN;
  return a + (b - a) * (pos - lo);
}

/** |predicted − measured| ÷ measured. */
export function absPercentError(predicted: number, measured: number): number {
  return Math.abs(predicted - measured) / measured;
}

function ranks(xs: readonly number[]): number[] {
  const order = xs.map((x, i) => [x, i] as const).sort((a, b) => a[0] - b[0]);
  const r = new Array<number>(xs.length).fill(0);
  for (let i = 0; i < order.length;) {
    let j = i;
    while (j + 1 < order.length && order[j + 1]?.[0] === order[i]?.[0]) j++;
    for (let k = i; k <= j; k++) r[order[k]?.[1] ?? 0] = (i + j) / 2 + 1;
    i = j + 1;
  }
  return r;
}

/** Spearman rank correlation (Pearson correlation of the ranks, ties averaged). */
export function spearman(a: readonly number[], b: readonly number[]): number {
  if (a.length < 2) return NaN;
  const ra = ranks(a);
  const rb = ranks(b);
  const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
  const ma = mean(ra);
  const mb = mean(rb);
  let num = 0;
  let da = 0;
  let db = 0;
  for (let i = 0; i < ra.length; i++) {
    const x = (ra[i] ?? 0) - ma;
    const y = (rb[i] ?? 0) - mb;
    num += x * y;
    da += x * x;
    db += y * y;
  }
  return da === 0 || db === 0 ? NaN : num / Math.sqrt(da * db);
}

/**
 * Deterministic split: about one measurement in three is held out for evaluation, chosen by a
 * hash of its id so adding rows never moves existing ones between splits.
 */
export function isEvaluation(id: string): boolean {
  let h = 2166136261;
  for (let i = 0; i < id.length; i++) {
    h ^= id.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return (h >>> 0) % 3 === 0;
}

export type Split = 'evaluation' | 'training' | 'all';

/**
 * The measurements of a split that the estimator can score: not excluded, prepared (a string is
 * the reason one cannot be) and given a positive prediction. Inference and fine-tuning share it.
 */
export function scoredRows<M extends { readonly id: string; readonly excluded?: string | undefined }, P>(
  measurements: readonly M[],
  split: Split,
  prepare: (m: M) => P | string,
  predict: (p: P) => number | null,
): { readonly m: M; readonly p: P; readonly predicted: number }[] {
  const out: { m: M; p: P; predicted: number }[] = [];
  for (const m of measurements) {
    if (m.excluded) continue;
    if (split !== 'all' && isEvaluation(m.id) !== (split === 'evaluation')) continue;
    const p = prepare(m);
    if (typeof p === 'string') continue;
    const predicted = predict(p);
    if (predicted === null || !(predicted > 0)) continue;
    out.push({ m, p, predicted });
  }
  return out;
}

/** How far a group of predictions is from its measurements: the numbers an accuracy table row shows. */
export function errorSummary(ps: readonly { readonly predicted: number; readonly measured: number }[]): {
  readonly n: number;
  readonly median: number;
  readonly p90: number;
  readonly worst: number;
  /** Index in `ps` of the largest error. */
  readonly worstIndex: number;
  readonly spearman: number;
} {
  const errors = ps.map((p) => absPercentError(p.predicted, p.measured));
  const sorted = [...errors].sort((a, b) => a - b);
  let worstIndex = 0;
  errors.forEach((e, i) => {
    if (e > (errors[worstIndex] ?? 0)) worstIndex = i;
  });
  return {
    n: ps.length,
    median: quantile(sorted, 0.5),
    p90: quantile(sorted, 0.9),
    worst: errors[worstIndex] ?? Number.NaN,
    worstIndex,
    spearman: spearman(
      ps.map((p) => p.predicted),
      ps.map((p) => p.measured),
    ),
  };
}
