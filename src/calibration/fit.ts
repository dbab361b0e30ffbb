import type { SpeedConstants } from '../core/runtimes/profile';
import { predict, type Prepared } from './predict';
import { solveBounded } from './least-squares';

/**
 * Fits a backend's speed constants to training measurements.
 *
 * Decode: time per token t = a·M + c·L + d·E + h·H + r·R, where M is the bandwidth-limited time
 * (the estimator with every efficiency 1 and every fixed cost 0), L the layers, E the MoE layers,
 * H the GPU boundaries of a layer split and R the all-reduces of a tensor split (2 per layer);
 * a = 1 ÷ bandwidth efficiency, c the per-layer cost, d the extra cost of an MoE layer, h a
 * hand-off and r an all-reduce. That is linear in the unknowns, so weighted least squares on
 * relative error (weights 1/t²) solves it, with a ≥ 1 and the costs ≥ 0. A term is fitted only
 * when at least 5 rows exercise it (MoE, multi-GPU); otherwise it keeps the fallback's value.
 * Prefill: the compute efficiency that minimises the squared log error on dense models, then the
 * expert tile (tokens each touched expert costs beyond its own, speed.ts) on MoE models; with too
 * few dense rows, the efficiency on all rows.
 */
const MIN_ROWS = 5;

export interface FittedConstants extends SpeedConstants {
  readonly decodeN: number;
  readonly prefillN: number;
  /** Which parts were fitted (the others are the fallback's). */
  readonly fitted: {
    readonly decode: boolean;
    readonly prefill: boolean;
    readonly attention: boolean;
    readonly moeDecode: boolean;
    readonly moePrefill: boolean;
    readonly handoff: boolean;
    readonly allReduce: boolean;
  };
}

/** Every efficiency 1 and every fixed cost 0: the bandwidth-limited time of a row. */
const IDEAL: SpeedConstants = {
  bandwidthEfficiency: 1,
  perLayerSeconds: 0,
  computeEfficiency: 1,
  moePerLayerSeconds: 0,
  expertTileTokens: 0,
  handoffSeconds: 0,
  allReduceSeconds: 0,
};

/** The decode terms of one row: [M, L, E, H, R] and the measured time. */
function decodeTerms(p: Prepared, idealConstants: SpeedConstants): { x: number[]; t: number } | null {
  const rate = predict(p, idealConstants);
  if (rate === null || !(rate > 0)) return null;
  const n = p.input.devices.length;
  const tensor = n > 1 && p.input.splitMode === 'tensor';
  return {
    x: [1 / rate, p.layers, p.moeLayers, n > 1 && !tensor ? n - 1 : 0, tensor ? 2 * p.layers : 0],
    t: 1 / p.m.value,
  };
}

function fitDecode(rows: readonly Prepared[], fallback: SpeedConstants) {
  const data = rows.flatMap((p) => {
    if (p.m.quantity !== 'decode_tps') return [];
    const d = decodeTerms(p, IDEAL);
    return d ? [d] : [];
  });
  const fallbackValues = [
    1 / fallback.bandwidthEfficiency,
    fallback.perLayerSeconds,
    fallback.moePerLayerSeconds ?? 0,
    fallback.handoffSeconds ?? 0,
    fallback.allReduceSeconds ?? 0,
  ];
  const exercised = (i: number) => data.filter((d) => (d.x[i] ?? 0) > 0).length >= MIN_ROWS;
  const free = [data.length >= MIN_ROWS, data.length >= MIN_ROWS, exercised(2), exercised(3), exercised(4)];
  const values = free[0]
    ? solveBounded(
        data.map((d) => d.x),
        data.map((d) => d.t),
        data.map((d) => 1 / (d.t * d.t)),
        free,
        fallbackValues,
        [1, 0, 0, 0, 0],
      )
    : fallbackValues;
  return { values, free, n: data.length };
}

/**
 * Share of a prompt's FLOPs spent in attention: 4 × span × width per token per layer against
 * 2 × active parameters (the context before the prompt plus half the prompt).
 */
function attentionShare(p: Prepared): number {
  const { arch } = p.input;
  const prompt = p.input.promptTokens ?? p.input.contextTokens;
  const span = p.input.contextTokens - prompt + prompt / 2;
  const width = arch.attentionHeads * (arch.mla ? arch.mla.qkNopeHeadDim + arch.mla.qkRopeHeadDim : arch.headDim);
  const attention = 4 * span * width * arch.layers;
  return attention / (attention + 2 * p.activeParams);
}

/** Squared log error of a prefill prediction against the measurement. */
function logError(p: Prepared, c: SpeedConstants): number {
  const v = predict(p, c);
  return v === null || !(v > 0) ? 0 : Math.log(v / p.m.value) ** 2;
}

/**
 * The x in [lo, hi] minimising f: a grid of 41 points on a log scale, then golden-section search
 * around the best. The errors here are smooth and close to unimodal; the grid guards the rest.
 */
function minimise(f: (x: number) => number, lo: number, hi: number): number {
  const steps = 40;
  let best = lo;
  let bestValue = Infinity;
  const at = (i: number) => lo * Math.pow(hi / lo, i / steps);
  for (let i = 0; i <= steps; i++) {
    const value = f(at(i));
    if (value < bestValue) {
      bestValue = value;
      best = i;
    }
  }
  let a = Math.log(at(Math.max(0, best - 1)));
  let b = Math.log(at(Math.min(steps, best + 1)));
  const g = (Math.sqrt(5) - 1) / 2;
  for (let i = 0; i < 40; i++) {
    const c = b - g * (b - a);
    const d = a + g * (b - a);
    if (f(Math.exp(c)) < f(Math.exp(d))) b = d;
    else a = c;
  }
  return Math.exp((a + b) / 2);
}

export function fitBackend(rows: readonly Prepared[], fallback: SpeedConstants): FittedConstants {
  const decode = fitDecode(rows, fallback);
  const [a = 1, c = 0, d = 0, h = 0, r = 0] = decode.values;
  const decoded: SpeedConstants = {
    ...fallback,
    bandwidthEfficiency: 1 / a,
    perLayerSeconds: c,
    moePerLayerSeconds: d,
    handoffSeconds: h,
    allReduceSeconds: r,
  };
  // Rows the estimator gives a prompt speed for (none where a device's FLOPS are unknown).
  // Rows the estimator gives a prompt speed for (none where a device's FLOPS are unknown).
  const prefill = rows.filter((p) => p.m.quantity === 'prefill_tps' && (predict(p, decoded) ?? 0) > 0);
  const dense = prefill.filter((p) => p.moeLayers === 0);
  const moe = prefill.filter((p) => p.moeLayers > 0);
  // Prompts deep into a long context, where attention is a large share of the work.
  const deep = prefill.filter((p) => attentionShare(p) >= 0.25);
  const total = (set: readonly Prepared[], k: SpeedConstants) => set.reduce((s, p) => s + logError(p, k), 0);
  let k: SpeedConstants = { ...decoded, attentionEfficiency: undefined };
  const prefillFitted = prefill.length >= MIN_ROWS;
  const moeFitted = moe.length >= MIN_ROWS;
  const attentionFitted = deep.length >= MIN_ROWS;
  // Coordinate descent: the three parts act mostly on different rows, so two rounds settle them.
  for (let round = 0; round < 2 && prefillFitted; round++) {
    const base = dense.length >= MIN_ROWS ? dense : prefill;
    const computeEfficiency = minimise((e) => total(base, { ...k, computeEfficiency: e }), 0.005, 2);
    k = { ...k, computeEfficiency };
    if (attentionFitted) {
      const attentionEfficiency = minimise((e) => total(deep, { ...k, attentionEfficiency: e }), 0.005, 2);
      k = { ...k, attentionEfficiency };
    }
    if (moeFitted) {
      // Offset by one so that "no tile" (0) is reachable on the log-scale search.
      const tile = minimise((x) => total(moe, { ...k, expertTileTokens: x - 1 }), 1, 8193) - 1;
      k = { ...k, expertTileTokens: Math.max(0, tile) };
    }
  }
  return {
    ...k,
    decodeN: decode.n,
    prefillN: prefill.length,
    fitted: {
      decode: decode.free[0] === true,
      prefill: prefillFitted,
      attention: attentionFitted && prefillFitted,
      moeDecode: decode.free[2] === true,
      moePrefill: moeFitted,
      handoff: decode.free[3] === true,
      allReduce: decode.free[4] === true,
    },
  };
}
