import { CALIBRATION } from '../core/calibration-constants';
import type { Device } from '../core/devices';
import { runtimeProfile, type RuntimeId } from '../core/runtimes/registry';
import type { RuntimeProfile } from '../core/runtimes/profile';
import { formatSig3 } from './format-units';

/**
 * The range around a speed estimate: the 10th-90th percentile of measured ÷ estimated speed on
 * the held-out measurements for that runtime and vendor (calibration-constants.ts). Where that
 * part of the backend was not fitted, or too few held-out rows exist, the range is a wide ±40%
 * and says it is uncalibrated.
 */
const UNCALIBRATED: readonly [number, number] = [0.6, 1.4];

export interface SpeedRange {
  readonly low: number;
  readonly high: number;
  readonly calibrated: boolean;
}

export function speedRange(
  value: number,
  runtime: RuntimeId | RuntimeProfile,
  devices: readonly Device[],
  kind: 'decode' | 'prefill',
): SpeedRange {
  const vendor = devices[0]?.vendor ?? 'nvidia';
  const profile = runtimeProfile(runtime);
  const band = CALIBRATION[`${profile.speedOf ?? profile.id}/${vendor}`]?.bands[kind];
  const [lo, hi] = band ?? UNCALIBRATED;
  return { low: value * Math.min(lo, 1), high: value * Math.max(hi, 1), calibrated: band !== undefined };
}

/** "~118 tok/s (95–140)". */
export function formatSpeedWithRange(value: number, range: SpeedRange): string {
  return `~${formatSig3(value)} tok/s (${formatSig3(range.low)}–${formatSig3(range.high)})`;
}
