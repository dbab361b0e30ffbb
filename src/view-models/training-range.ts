import { TRAINING_CALIBRATION } from '../core/training/training-calibration';
import { formatSig3 } from './format-units';

/**
 * The range a fine-tuning speed estimate carries: the 10th-90th percentile of measured ÷
 * estimated speed on the evaluation split of the published runs, or ±40% before calibration.
 */
export interface TrainingSpeedRange {
  readonly low: number;
  readonly high: number;
  readonly calibrated: boolean;
}

export function trainingSpeedRange(tokensPerSecond: number): TrainingSpeedRange {
  const band = TRAINING_CALIBRATION.speedBand;
  if (!band) return { low: tokensPerSecond * 0.6, high: tokensPerSecond * 1.4, calibrated: false };
  return { low: tokensPerSecond * band[0], high: tokensPerSecond * band[1], calibrated: true };
}

/** "~2,310 tok/s (1,690–3,760)". */
export function formatTrainingSpeed(tokensPerSecond: number): string {
  const r = trainingSpeedRange(tokensPerSecond);
  return `~${formatSig3(tokensPerSecond)} tok/s (${formatSig3(r.low)}–${formatSig3(r.high)})`;
}

/** "~2,310 (1,690–3,760)" where the column already says tokens/s. */
export function formatTrainingSpeedCompact(tokensPerSecond: number): string {
  const r = trainingSpeedRange(tokensPerSecond);
  return `~${formatSig3(tokensPerSecond)} (${formatSig3(r.low)}–${formatSig3(r.high)})`;
}
