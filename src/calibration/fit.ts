import type { SpeedConstants } from '../core/runtimes/profile';
import { predict, type Prepared } from './predict';

/**
 * Fits a backend's speed constants to training measurements.
 *
 * Decode: time per token t = M / e + L · c, where M is the bandwidth-limited time (bytes per step
 * ÷ bandwidth, the estimator with e = 1 and c = 0), L the layer count, e the bandwidth efficiency
 * and c the per-layer cost. That is linear in (1/e, c), so weighted least squares on relative
 * error (weights 1/t²) solves it in closed form.
 * Prefill: rate = e_c × (rate at e_c = 1); e_c is the geometric mean of measured ÷ ideal, fitted
 * separately for mixture-of-experts models when there are enough of them (their prompts run at a
 * third to a half of the dense rate on the same card in the llama.cpp measurements).
 */
const MIN_ROWS = 5;

const IDEAL: SpeedConstants = { bandwidthEfficiency: 1, perLayerSeconds: 0, computeEfficiency: 1 };

const geometricMean = (logs: readonly number[]) => Math.exp(logs.reduce((s, x) => s + x, 0) / logs.length);

export interface FittedConstants extends SpeedConstants {
  readonly decodeN: number;
  readonly prefillN: number;
  /** Which parts were fitted (the others are the fallback's). */
  readonly fitted: { readonly decode: boolean; readonly prefill: boolean; readonly moePrefill: boolean };
}

export function fitBackend(rows: readonly Prepared[], fallback: SpeedConstants): FittedConstants {
  // Normal equations for t ≈ a·M + c·L, minimising Σ ((a·M + c·L − t) / t)².
  let mm = 0;
  let ml = 0;
  let ll = 0;
  let mt = 0;
  let lt = 0;
  let decodeN = 0;
  const prefillLogs: number[] = [];
  const moeLogs: number[] = [];
  for (const p of rows) {
    const ideal = predict(p, IDEAL);
    if (ideal === null || ideal <= 0) continue;
    if (p.m.quantity === 'decode_tps') {
      const t = 1 / p.m.value;
      const M = 1 / ideal;
      const L = p.layers;
      const w = 1 / (t * t);
      mm += w * M * M;
      ml += w * M * L;
      ll += w * L * L;
      mt += w * M * t;
      lt += w * L * t;
      decodeN++;
    } else if (p.m.quantity === 'prefill_tps') {
      (p.input.arch.moe ? moeLogs : prefillLogs).push(Math.log(p.m.value / ideal));
    }
  }
  let bandwidthEfficiency = fallback.bandwidthEfficiency;
  let perLayerSeconds = fallback.perLayerSeconds;
  const det = mm * ll - ml * ml;
  // Fewer rows than MIN_ROWS would fit noise (one RX 7900 XTX row put AMD at 92% efficiency):
  // such backends keep their provisional constants.
  const decodeFitted = decodeN >= MIN_ROWS && det > 0;
  if (decodeFitted) {
    const a = (mt * ll - ml * lt) / det;
    const c = (mm * lt - ml * mt) / det;
    if (a >= 1 && c >= 0) {
      bandwidthEfficiency = 1 / a;
      perLayerSeconds = c;
    } else if (a < 1) {
      // The best fit would beat the memory bandwidth (efficiency above 1): hold it at 1 and fit
      // the per-layer cost alone, which then carries the per-token overhead (eager PyTorch,
      // HIP kernel launches).
      bandwidthEfficiency = 1;
      perLayerSeconds = Math.max(0, (lt - ml) / ll);
    } else {
      // A negative per-layer cost fits noise: fit the efficiency alone (c = 0).
      bandwidthEfficiency = Math.min(1, mm / mt);
      perLayerSeconds = 0;
    }
  }
  const all = [...prefillLogs, ...moeLogs];
  const prefillFitted = prefillLogs.length >= MIN_ROWS || all.length >= MIN_ROWS;
  const computeEfficiency =
    prefillLogs.length >= MIN_ROWS
      ? geometricMean(prefillLogs)
      : all.length >= MIN_ROWS
        ? geometricMean(all)
        : fallback.computeEfficiency;
  const moeComputeEfficiency = moeLogs.length >= MIN_ROWS ? geometricMean(moeLogs) : undefined;
  return {
    bandwidthEfficiency,
    perLayerSeconds,
    computeEfficiency,
    moeComputeEfficiency,
    decodeN,
    prefillN: all.length,
    fitted: { decode: decodeFitted, prefill: prefillFitted, moePrefill: moeComputeEfficiency !== undefined },
  };
}
