import { TRAINING_MEASUREMENTS } from '../../catalog/training-measurements';
import {
  trainingAccuracyPoints,
  trainingAccuracyTable,
  type TrainingAccuracyPoint,
  type TrainingAccuracyRow,
} from '../../calibration/training-accuracy';
import { TRAINING_CALIBRATION_NOTE } from '../../core/training/training-calibration';

export interface TrainingAccuracyData {
  readonly points: readonly TrainingAccuracyPoint[];
  readonly rows: readonly TrainingAccuracyRow[];
  readonly total: number;
  readonly sources: readonly string[];
  readonly note: string;
  readonly excluded: readonly { readonly reason: string; readonly count: number }[];
}

export function trainingAccuracyData(): TrainingAccuracyData {
  const m = TRAINING_MEASUREMENTS;
  const points = trainingAccuracyPoints(m);
  return {
    points,
    rows: trainingAccuracyTable(points),
    total: m.length,
    sources: [...new Set(m.map((x) => x.source))].sort(),
    note: TRAINING_CALIBRATION_NOTE,
    excluded: [...new Set(m.flatMap((x) => (x.excluded ? [x.excluded] : [])))].map((reason) => ({
      reason,
      count: m.filter((x) => x.excluded === reason).length,
    })),
  };
}
