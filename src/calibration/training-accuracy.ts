import type { TrainingMeasurement } from '../catalog/training-measurement-schema';
import { errorSummary, scoredRows, type Split } from './metrics';
import { predictTraining, prepareTraining, type PreparedTraining } from './training-predict';

/** Accuracy of the fine-tuning estimate against the evaluation split, per quantity and framework. */

export interface TrainingAccuracyPoint {
  readonly id: string;
  readonly quantity: TrainingMeasurement['quantity'];
  readonly framework: string;
  readonly measured: number;
  readonly predicted: number;
  /** Model, method, batch and hardware. */
  readonly label: string;
  readonly source: string;
}

export interface TrainingAccuracyRow {
  readonly quantity: TrainingMeasurement['quantity'];
  readonly framework: string;
  readonly n: number;
  readonly median: number;
  readonly p90: number;
  readonly worst: number;
  readonly worstLabel: string;
  readonly spearman: number;
}

export function describeTraining(p: PreparedTraining): string {
  const m = p.m;
  const method =
    m.method === 'full' ? 'full' : `${m.dora ? 'DoRA' : m.method === 'qlora' ? 'QLoRA' : 'LoRA'} r${m.rank ?? ''}`;
  const what =
    m.quantity === 'train_peak_memory_bytes'
      ? `peak ${m.measured ?? ''}`
      : m.quantity === 'train_step_seconds'
        ? 'step time'
        : 'tokens/s';
  return `${m.model} ${method} ${m.microBatch} × ${m.seqTokens ?? '?'} on ${m.gpuCount > 1 ? `${m.gpuCount}× ` : ''}${m.gpu ?? '?'} (${m.sharding}${m.offload === 'none' ? '' : `, offload ${m.offload}`}), ${what}`;
}

export function trainingAccuracyPoints(
  measurements: readonly TrainingMeasurement[],
  split: Split = 'evaluation',
): TrainingAccuracyPoint[] {
  return scoredRows(measurements, split, prepareTraining, predictTraining).map(({ m, p, predicted }) => ({
    id: m.id,
    quantity: m.quantity,
    framework: m.framework,
    measured: m.value,
    predicted,
    label: describeTraining(p),
    source: m.source,
  }));
}

export function trainingAccuracyTable(points: readonly TrainingAccuracyPoint[]): TrainingAccuracyRow[] {
  const groups = new Map<string, TrainingAccuracyPoint[]>();
  for (const p of points) {
    for (const key of [`${p.quantity}|${p.framework}`, `${p.quantity}|all`]) {
      groups.set(key, [...(groups.get(key) ?? []), p]);
    }
  }
  return [...groups.entries()]
    .map(([key, ps]) => {
      const [quantity, framework] = key.split('|') as [TrainingMeasurement['quantity'], string];
      const { worstIndex, ...summary } = errorSummary(ps);
      return {
        quantity,
        framework,
        ...summary,
        worstLabel: ps[worstIndex]?.label ?? '',
      };
    })
    .sort(
      (a, b) =>
        a.quantity.localeCompare(b.quantity) ||
        (a.framework === 'all' ? -1 : b.framework === 'all' ? 1 : a.framework.localeCompare(b.framework)),
    );
}
