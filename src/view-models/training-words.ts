import type { TrainingEstimate } from '../core/training/estimate-training';
import { loraTargetsText } from '../core/training/resolve-settings';
import type { TrainingSettings } from '../core/training/training-settings';
import { formatContext, formatGiB, formatParams } from './format-units';
import { VERDICT_LABEL } from './verdict';

/** The words the page and the CLI use for a fine-tuning run. */

export const METHOD_LABEL = { full: 'Full fine-tuning', lora: 'LoRA', qlora: 'QLoRA' } as const;

export const OPTIMIZER_LABEL = {
  adamw: 'AdamW',
  'adamw-8bit': '8-bit AdamW',
  'paged-adamw-8bit': 'paged 8-bit AdamW',
  'paged-adamw-32bit': 'paged AdamW',
  adafactor: 'Adafactor',
  sgd: 'SGD',
  'sgd-momentum': 'SGD with momentum',
} as const;

export const SHARDING_LABEL = {
  none: 'one GPU',
  ddp: 'DDP',
  fsdp: 'FSDP',
  zero1: 'ZeRO-1',
  zero2: 'ZeRO-2',
  zero3: 'ZeRO-3',
} as const;

/** "QLoRA r16 on all-linear (42.0M trainable) · bf16 · AdamW · checkpointing · 1 × 2K tokens per GPU". */
export function methodLine(s: TrainingSettings, trainable: number, total: number): string {
  const method =
    s.method === 'full'
      ? METHOD_LABEL.full
      : `${s.lora?.dora ? 'DoRA' : METHOD_LABEL[s.method]} r${s.lora?.rank ?? 0} on ${loraTargetsText(s.lora?.modules ?? [])} (${formatParams(trainable)} trainable)`;
  const precision = `${s.precision}${s.masterWeights ? ' + fp32 master weights' : ''}`;
  const parts = [
    trainable === total || s.method === 'full' ? `${method} (${formatParams(total)})` : method,
    precision,
    OPTIMIZER_LABEL[s.optimizer],
    s.gradientCheckpointing ? 'checkpointing' : 'no checkpointing',
    `${s.microBatch} × ${formatContext(s.seqTokens)} tokens per GPU`,
  ];
  if (s.sharding !== 'none')
    parts.push(
      `${SHARDING_LABEL[s.sharding]}${s.offload === 'none' ? '' : ` + CPU offload of ${s.offload === 'params' ? 'parameters' : 'the optimizer'}`}`,
    );
  return parts.join(' · ');
}

/** "fits, 9.8 GiB to spare" / "does not fit: needs 31.2 GiB per GPU, 24.0 GiB usable". */
export function trainingVerdictWords(e: TrainingEstimate): string {
  const { fit, memory } = e;
  if (!fit.hostFits) {
    return `does not fit: CPU offload needs ${formatGiB(fit.hostNeededBytes)} of system RAM`;
  }
  if (fit.verdict === 'no' || fit.verdict === 'offload') {
    return `does not fit: needs ${formatGiB(memory.peakPerDeviceBytes)} per GPU, ${formatGiB(fit.usableBytes)} usable`;
  }
  return `${VERDICT_LABEL[fit.verdict]}, ${formatGiB(fit.spareBytes)} to spare per GPU`;
}
