import { SPEED_ERROR_BANDS } from '../core/calibration-constants';
import type { Device } from '../core/devices';
import type { RuntimeId } from '../core/runtimes';
import { formatSig3 } from './format-units';

/**
 * The range around a speed estimate: the 10th-90th percentile of measured ÷ estimated speed on
 * the held-out measurements for that runtime and vendor (data/calibration.json). Backends with
 * no measurements get a wide ±40% band and say so.
 */
const UNCALIBRATED: readonly [number, number] = [0.6, 1.4];

export interface SpeedRange {
  readonly low: number;
  readonly high: number;
  readonly calibrated: boolean;
}

export function speedRange(
  value: number,
  runtime: RuntimeId,
  devices: readonly Device[],
  kind: 'decode' | 'prefill',
): SpeedRange {
  const vendor = devices[0]?.vendor ?? 'nvidia';
  const band = SPEED_ERROR_BANDS[`${runtime}/${vendor}`]?.[kind];
  const [lo, hi] = band ?? UNCALIBRATED;
  return { low: value * Math.min(lo, 1), high: value * Math.max(hi, 1), calibrated: band !== undefined };
}

/** "~118 tok/s (95–140)". */
export function formatSpeedWithRange(value: number, range: SpeedRange): string {
  return `~${formatSig3(value)} tok/s (${formatSig3(range.low)}–${formatSig3(range.high)})`;
}
