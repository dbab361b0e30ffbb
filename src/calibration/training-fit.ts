import { TRAINING_METHODS, type TrainingMethod } from '../core/training/training-settings';
import type { TrainingCalibration } from '../core/training/training-calibration';
import { quantile } from './metrics';
import { predictTraining, type PreparedTraining } from './training-predict';

/**
 * Fits the fine-tuning constants to the training split of the published runs.
 * - Fragmentation: what PyTorch's caching allocator reserves beyond live tensors, as the median of
 *   measured reserved ÷ estimated allocated − 1 over rows that report torch.cuda.max_memory_reserved
 *   (the estimate with no reserve), so rows reading the allocated peak are untouched by it.
 * - Utilisation per method: the geometric mean of measured ÷ estimated speed at full utilisation
 *   (tokens/s, or the inverse for step times); a method needs MIN_ROWS rows, else it keeps the
 *   hand-set value.
 */
export const MIN_ROWS = 3;

const geometricMean = (xs: readonly number[]) => Math.exp(xs.reduce((s, x) => s + Math.log(x), 0) / xs.length);

export interface FittedTraining extends TrainingCalibration {
  readonly fitted: { readonly fragmentation: boolean; readonly utilisation: Readonly<Record<TrainingMethod, boolean>> };
  readonly rows: { readonly fragmentation: number; readonly utilisation: Readonly<Record<TrainingMethod, number>> };
}

export function fitTraining(rows: readonly PreparedTraining[], provisional: TrainingCalibration): FittedTraining {
  const ideal: TrainingCalibration = {
    fragmentation: 0,
    utilisation: { full: 1, lora: 1, qlora: 1 },
  };
  const reserve: number[] = [];
  const speed: Record<TrainingMethod, number[]> = { full: [], lora: [], qlora: [] };
  for (const p of rows) {
    const predicted = predictTraining(p, ideal);
    if (predicted === null || !(predicted > 0)) continue;
    const q = p.m.quantity;
    if (q === 'train_peak_memory_bytes' && (p.m.measured === 'reserved' || p.m.measured === 'unknown')) {
      reserve.push(p.m.value / predicted);
    } else if (q === 'train_tokens_per_second') {
      speed[p.m.method].push(p.m.value / predicted);
    } else if (q === 'train_step_seconds') {
      speed[p.m.method].push(predicted / p.m.value);
    }
  }
  const sorted = [...reserve].sort((a, b) => a - b);
  const fragmentationFitted = sorted.length >= MIN_ROWS;
  const fragmentation = fragmentationFitted
    ? Math.min(0.5, Math.max(0, quantile(sorted, 0.5) - 1))
    : provisional.fragmentation;
  const utilisation = { ...provisional.utilisation };
  const fittedUtil = { full: false, lora: false, qlora: false };
  for (const method of TRAINING_METHODS) {
    const xs = speed[method];
    if (xs.length >= MIN_ROWS) {
      utilisation[method] = Math.min(1, geometricMean(xs));
      fittedUtil[method] = true;
    }
  }
  return {
    fragmentation,
    utilisation,
    fitted: { fragmentation: fragmentationFitted, utilisation: fittedUtil },
    rows: {
      fragmentation: reserve.length,
      utilisation: { full: speed.full.length, lora: speed.lora.length, qlora: speed.qlora.length },
    },
  };
}
