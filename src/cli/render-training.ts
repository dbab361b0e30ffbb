import type { TrainingEstimate, TrainingInput } from '../core/training/estimate-training';
import { CUDA_CONTEXT_BYTES, trainingMemoryComponents } from '../core/training/estimate-training';
import type { TrainingFramework } from '../core/training/frameworks/framework';
import { TRAINING_CALIBRATION, TRAINING_CALIBRATION_NOTE } from '../core/training/training-calibration';
import type { TrainingSettings } from '../core/training/training-settings';
import { formatContext, formatGiB, formatParams, formatPercent, formatSig3 } from '../view-models/format-units';
import { formatDuration, formatMoney, formatTokens } from '../view-models/format-duration';
import { MEMORY_PARTS } from '../view-models/memory-parts';
import { formatTrainingSpeed } from '../view-models/training-range';
import { methodLine, trainingVerdictWords } from '../view-models/training-words';

export interface TrainingReport {
  readonly model: { readonly name: string };
  readonly framework: TrainingFramework;
  readonly settings: TrainingSettings;
  readonly gpus: readonly { readonly name: string; readonly count: number }[];
  readonly estimate: TrainingEstimate;
  readonly input: TrainingInput;
  readonly maxSeqTokens: number;
  readonly cost: {
    readonly gpuHours: number | null;
    readonly usdPerGpuHour: number | null;
    readonly usd: number | null;
    readonly energyKWh: number | null;
  };
  readonly link: string | null;
}

const row = (label: string, value: string) => `  ${label.padEnd(14)}${value}`;

/** The human-readable report of `headroom train`: same words and units as the page. */
export function renderTraining(r: TrainingReport): string {
  const { memory, fit, time, params } = r.estimate;
  const s = r.settings;
  const n = r.gpus.reduce((a, g) => a + g.count, 0);
  const parts = trainingMemoryComponents(memory);
  const lines = [
    `${r.model.name} · ${methodLine(s, params.trainable, params.total)} · ${r.framework.label}`,
    `on ${r.gpus.map((g) => `${g.count} × ${g.name}`).join(' + ')}`,
    '',
    row('Verdict', trainingVerdictWords(r.estimate)),
    row(
      'Memory',
      `${formatGiB(memory.peakPerDeviceBytes)} per GPU at the peak (${memory.peakPhase === 'backward' ? 'start of the backward pass' : 'optimizer step'}), ${formatGiB(fit.usableBytes)} usable`,
    ),
    ...parts.map((c) => row(`  ${MEMORY_PARTS[c.id].inline}`, `${formatGiB(c.bytes)}${partNote(c.id, r.estimate)}`)),
  ];
  if (memory.hostBytes > 0) {
    lines.push(
      row(
        'In CPU RAM',
        `${formatGiB(memory.hostBytes)} per GPU, ${formatGiB(fit.hostNeededBytes)} in all${fit.hostFits ? '' : ': more than the system RAM'}`,
      ),
    );
  }
  lines.push(
    row(
      'Longest seq',
      r.maxSeqTokens > 0
        ? `${formatContext(r.maxSeqTokens)} tokens per sequence fit at micro-batch ${s.microBatch}`
        : `does not fit at micro-batch ${s.microBatch} even with one token per sequence`,
    ),
  );
  if (time) {
    lines.push(
      row(
        'Speed',
        `${formatTrainingSpeed(time.tokensPerSecondPerGpu)} per GPU${n > 1 ? `, ~${formatSig3(time.tokensPerSecond)} tok/s on ${n} GPUs` : ''}${time.bound === 'compute' ? '' : ` (${time.bound === 'transfer' ? 'paced by CPU-offload transfers' : 'paced by communication between GPUs'})`}`,
      ),
      row(
        'Step',
        `~${formatDuration(time.stepSeconds)} per optimizer step of ${formatTokens(time.tokensPerStep)} tokens`,
      ),
      row(
        'Time',
        `~${formatDuration(time.totalSeconds)} for ${formatTokens(r.input.datasetTokens)} tokens × ${formatSig3(r.input.epochs)} epoch${r.input.epochs === 1 ? '' : 's'}`,
      ),
    );
    const cost = [`${formatSig3(r.cost.gpuHours ?? 0)} GPU-hours`];
    if (r.cost.usd !== null && r.cost.usdPerGpuHour !== null)
      cost.push(`~${formatMoney(r.cost.usd)} at ${formatMoney(r.cost.usdPerGpuHour)} per GPU-hour`);
    if (r.cost.energyKWh !== null) cost.push(`~${formatSig3(r.cost.energyKWh)} kWh at rated board power`);
    lines.push(row('Cost', cost.join('; ')));
  } else {
    lines.push(row('Speed', 'unknown: the GPU’s FP16 throughput is not known (give --tflops)'));
  }
  lines.push(
    row(
      'Parameters',
      `${formatParams(params.total)} total, ${formatParams(params.trainable)} trainable (${trainableShare(params.trainable, params.total)})`,
    ),
    '',
    `${r.framework.label}:`,
    ...r.framework.traits.map((t) => `  - ${t.text}`),
    '',
    `Estimates, not measurements: ${TRAINING_CALIBRATION_NOTE}; speed range = 10th-90th percentile of measured ÷ estimated speed on held-out runs; fits = at most ${formatPercent(0.9)} of the GPU’s memory; memory = ${parts.map((c) => MEMORY_PARTS[c.id].inline).join(' + ')} at the peak.`,
    r.link ? `Open in the app: ${r.link}` : 'No app link: custom GPUs cannot be named in a link.',
  );
  return lines.join('\n');
}

function trainableShare(trainable: number, total: number): string {
  const share = (trainable / total) * 100;
  return share >= 10 ? `${Math.round(share)}%` : `${formatSig3(share)}%`;
}

function partNote(id: string, e: TrainingEstimate): string {
  const m = e.memory;
  switch (id) {
    case 'weights':
      return m.adapterBytes > 0 ? ` (LoRA adapters ${formatGiB(m.adapterBytes)})` : '';
    case 'gradients':
      return m.gradientsAtPeakBytes < m.gradientBytes
        ? ` at the peak; ${formatGiB(m.gradientBytes)} in all, allocated as the backward pass frees activations`
        : '';
    case 'optimizer':
      return m.pagedOptimizerBytes > 0
        ? ` (${formatGiB(m.pagedOptimizerBytes)} paged: the driver can move it to CPU RAM)`
        : '';
    case 'overhead':
      return ` (GPU runtime context ${formatGiB(CUDA_CONTEXT_BYTES)}, allocator reserve ${formatPercent(TRAINING_CALIBRATION.fragmentation)} of allocated)`;
    default:
      return '';
  }
}
