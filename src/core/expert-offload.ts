import { DEFAULT_HOST } from './devices';
import { estimateUnchecked, type EstimateInput } from './estimate';

/**
 * The fewest layers whose experts must stay in system RAM (llama.cpp --n-cpu-moe N) for the rest
 * of the model to fit the GPUs (verdict fits or tight) with those experts fitting the RAM, or null
 * when no N works (the model has no experts, the devices share system memory, or the RAM is too
 * small for the experts that must leave the GPUs). Memory on the GPUs falls as N grows while
 * memory in RAM rises, so the smallest N that suits the GPUs is the one to check against the RAM:
 * a binary search over 0..layers with the RAM unbounded finds it.
 */
export function fewestExpertLayersInRam(input: EstimateInput): number | null {
  if (!input.arch.moe) return null;
  const host = input.host ?? DEFAULT_HOST;
  const unbounded = { ...input, host: { ...host, memoryBytes: Infinity } };
  const runs = (n: number, on: EstimateInput) => {
    const v = estimateUnchecked({ ...on, cpuMoeLayers: n }).fit.verdict;
    return v === 'fits' || v === 'tight';
  };
  const layers = input.arch.layers;
  if (!runs(layers, unbounded)) return null;
  let lo = -1;
  let hi = layers;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (runs(mid, unbounded)) hi = mid;
    else lo = mid;
  }
  return runs(hi, input) ? hi : null;
}
