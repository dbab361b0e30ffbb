import { accuracyPoints, accuracyTable, type AccuracyPoint, type AccuracyRow } from '../../calibration/accuracy';
import { measurementsSchema, type Measurement } from '../../calibration/measurement-schema';
import { CALIBRATION_NOTE } from '../../core/calibration-constants';

/** The measurement set bundled for the Accuracy view (loaded with that view only). */
const files = import.meta.glob<{ default: unknown }>('../../../data/benchmarks/*.json', { eager: true });

const measurements: Measurement[] = Object.values(files).flatMap((f) => {
  const parsed = measurementsSchema.safeParse(f.default);
  return parsed.success ? parsed.data : [];
});

export interface AccuracyData {
  readonly points: readonly AccuracyPoint[];
  readonly rows: readonly AccuracyRow[];
  readonly total: number;
  readonly sources: readonly string[];
  readonly note: string;
}

export function accuracyData(): AccuracyData {
  const points = accuracyPoints(measurements);
  return {
    points,
    rows: accuracyTable(points),
    total: measurements.length,
    sources: [...new Set(measurements.map((m) => m.source))].sort(),
    note: CALIBRATION_NOTE,
  };
}
