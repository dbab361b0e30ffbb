import { BITS_PER_WEIGHT, DEVICE_BOUNDS, type Range } from '../core/bounds';
import { PLAN_LIMITS } from '../url/link-limits';

/**
 * The ranges of the CLI's number flags, in the units they are typed in: the estimator's bounds
 * (core/bounds.ts) for devices and system RAM, the link's limits (url/link-limits.ts) for the
 * buying guide, so the CLI refuses what the estimator or a link would refuse.
 */
const inUnits = (range: Range, scale: number): Range => ({
  min: range.min / scale,
  max: range.max / scale,
  whole: false,
});

const GiB = 1024 ** 3;

export const FLAG_RANGES = {
  gigabytes: inUnits(DEVICE_BOUNDS.memoryBytes, GiB),
  gigabytesPerSecond: inUnits(DEVICE_BOUNDS.bandwidthBytesPerSecond, 1e9),
  tflops: inUnits(DEVICE_BOUNDS.fp16FlopsPerSecond, 1e12),
  bitsPerWeight: BITS_PER_WEIGHT,
  minTps: { min: 0.01, max: PLAN_LIMITS.minTps, whole: false },
  budget: { min: 1, max: PLAN_LIMITS.budget, whole: false },
  power: { min: 1, max: PLAN_LIMITS.power, whole: false },
} as const satisfies Record<string, Range>;
