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
  /** Measurements kept in the data but not scored, grouped by the reason. */
  readonly excluded: readonly { readonly reason: string; readonly count: number }[];
}

export function accuracyData(): AccuracyData {
  const points = accuracyPoints(measurements);
  return {
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
