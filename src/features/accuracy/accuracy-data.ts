import { accuracyPoints, accuracyTable, type AccuracyPoint, type AccuracyRow } from '../../calibration/accuracy';
import { MEASUREMENTS } from '../../catalog/measurements';
import { CALIBRATION_NOTE } from '../../core/calibration-constants';

const measurements = MEASUREMENTS;

export interface AccuracyData {
  readonly points: readonly AccuracyPoint[];
  readonly rows: readonly AccuracyRow[];
  readonly total: number;
  readonly sources: readonly string[];
  readonly note: string;
  /** One log axis for both measured and estimated speed: the decade ticks that span the points. */
  readonly axis: { readonly domain: readonly [number, number]; readonly ticks: readonly number[] };
  /** Measurements kept in the data but not scored, grouped by the reason. */
  readonly excluded: readonly { readonly reason: string; readonly count: number }[];
}

const LOG_TICKS = [1, 3, 10, 30, 100, 300, 1000, 3000, 10000, 30000, 100000, 300000];

function speedAxis(points: readonly AccuracyPoint[]): AccuracyData['axis'] {
  const values = points
    .filter((p) => p.quantity === 'decode_tps' || p.quantity === 'prefill_tps')
    .flatMap((p) => [p.measured, p.predicted]);
  const min = Math.min(...values);
  const max = Math.max(...values);
  const lo = [...LOG_TICKS].reverse().find((t) => t <= min) ?? LOG_TICKS[0] ?? 1;
  const hi = LOG_TICKS.find((t) => t >= max) ?? LOG_TICKS[LOG_TICKS.length - 1] ?? 1;
  return { domain: [lo, hi], ticks: LOG_TICKS.filter((t) => t >= lo && t <= hi) };
}

export function accuracyData(): AccuracyData {
  const points = accuracyPoints(measurements);
  return {
    axis: speedAxis(points),
    points,
    rows: accuracyTable(points),
    total: measurements.length,
    sources: [...new Set(measurements.map((m) => m.source))].sort(),
    note: CALIBRATION_NOTE,
    excluded: [...new Set(measurements.flatMap((m) => (m.excluded ? [m.excluded] : [])))].map((reason) => ({
      reason,
      count: measurements.filter((m) => m.excluded === reason).length,
    })),
  };
}
