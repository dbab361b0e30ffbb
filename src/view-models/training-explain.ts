import {
  CUDA_CONTEXT_BYTES,
  type TrainingEstimate,
  type TrainingInput,
  type TrainingPartId,
} from '../core/training/estimate-training';
import type { TrainingFramework } from '../core/training/frameworks/framework';
import { NF4_BITS, NF4_DOUBLE_QUANT_BITS } from '../core/training/model-states';
import { TRAINING_CALIBRATION } from '../core/training/training-calibration';
import type { Explanation } from './explain';
import { formatGiB, formatParams, formatPercent, formatSig3 } from './format-units';
import { formatDuration } from './format-duration';
import { OPTIMIZER_LABEL, SHARDING_LABEL } from './training-words';

/** The formula behind each fine-tuning number, with the run's values filled in and a source. */
export type TrainingExplanations = Readonly<Record<TrainingPartId | 'verdict' | 'speed', Explanation>>;

const ZERO = 'https://arxiv.org/abs/1910.02054';

export function explainTraining(
  input: TrainingInput,
  framework: TrainingFramework,
  e: TrainingEstimate,
): TrainingExplanations {
  const s = input.settings;
  const m = e.memory;
  const n = input.devices.length;
  const shard = s.sharding === 'none' ? 'one GPU' : `${SHARDING_LABEL[s.sharding]} over ${n} GPUs`;
  const weights: Explanation =
    s.method === 'qlora'
      ? {
          title: 'Weights (QLoRA)',
          formula: `block matrices × ${formatSig3(s.doubleQuant ? NF4_DOUBLE_QUANT_BITS : NF4_BITS)} bits (NF4${s.doubleQuant ? ' + double quantization' : ''}) + embeddings, head, norms at ${framework.upcastUnquantized(s.sharding) ? '32' : '16'} bits + adapters`,
          values: [
            ['parameters', formatParams(e.params.total)],
            ['adapters', formatGiB(m.adapterBytes)],
            ['per GPU', formatGiB(m.weightsBytes)],
            ['sharing', shard],
          ],
          source: 'https://arxiv.org/abs/2305.14314',
        }
      : {
          title: s.method === 'full' ? 'Weights' : 'Weights (frozen base + LoRA adapters)',
          formula: `parameters × ${s.precision === 'fp32' ? 4 : 2} bytes${s.method === 'full' ? '' : ` + adapters × ${framework.adapterFp32 ? 4 : 2} bytes`}${s.sharding === 'fsdp' || s.sharding === 'zero3' ? ` ÷ ${n} GPUs + two gathered blocks` : ''}`,
          values: [
            ['parameters', formatParams(e.params.total)],
            ['trainable', formatParams(e.params.trainable)],
            ['per GPU', formatGiB(m.weightsBytes)],
          ],
          source: s.method === 'full' ? ZERO : 'https://arxiv.org/abs/2106.09685',
        };
  return {
    weights,
    gradients: {
      title: 'Gradients',
      formula: 'trainable parameters × their bytes (÷ GPUs with ZeRO-2/3 or FSDP; × 2 with DDP’s buckets)',
      values: [
        ['all gradients', formatGiB(m.gradientBytes)],
        ['at the peak', formatGiB(m.gradientsAtPeakBytes)],
      ],
      note:
        m.gradientsAtPeakBytes < m.gradientBytes
          ? 'With one micro-batch per step, gradients are allocated as the backward pass frees activations, so they do not add to its peak.'
          : undefined,
      source: ZERO,
    },
    optimizer: {
      title: 'Optimizer states',
      formula: `${OPTIMIZER_LABEL[s.optimizer]} states per trainable parameter${s.masterWeights ? ' + fp32 master copy' : ''}${s.offload === 'none' ? '' : ', offloaded to CPU RAM'}`,
      values: [
        ['per GPU', formatGiB(m.optimizerBytes)],
        ['paged (unified memory)', formatGiB(m.pagedOptimizerBytes)],
        ['in CPU RAM per GPU', formatGiB(m.hostBytes)],
      ],
      source: 'https://github.com/bitsandbytes-foundation/bitsandbytes/blob/main/bitsandbytes/optim/optimizer.py',
    },
    activations: {
      title: 'Activations',
      formula: s.gradientCheckpointing
        ? 'layers × 2 bytes × hidden × tokens (checkpoints) + one recomputed layer'
        : 'layers × saved tensors per token × tokens (Korthikanti et al. 2022, per module)',
      values: [
        ['tokens per GPU', (s.seqTokens * s.microBatch).toLocaleString('en-US')],
        ['flash attention', s.flashAttention ? 'on (no s² term)' : 'off'],
        ['per GPU', formatGiB(m.activationBytes)],
      ],
      source: 'https://arxiv.org/abs/2205.05198',
    },
    logits: {
      title: 'Logits and loss',
      formula:
        s.loss === 'full'
          ? '12 bytes × vocabulary × tokens (fp32 logits, log-probabilities and their gradient)'
          : s.loss === 'chunked'
            ? '4 bytes × vocabulary × tokens + one chunk at 12 bytes'
            : 'one chunk at 12 bytes × vocabulary, nothing kept per token',
      values: [['per GPU', formatGiB(m.logitsBytes)]],
      source: 'https://github.com/huggingface/transformers/blob/main/src/transformers/loss/loss_utils.py',
    },
    overhead: {
      title: 'Overhead',
      formula: `GPU runtime context ${formatGiB(CUDA_CONTEXT_BYTES)} + allocator reserve ${formatPercent(TRAINING_CALIBRATION.fragmentation)} of allocated (fitted to published runs)`,
      values: [['per GPU', formatGiB(m.overheadBytes)]],
      source: 'https://github.com/pytorch/pytorch/issues/109888',
    },
    verdict: {
      title: 'Verdict',
      formula: 'fits ≤ 90% of one GPU’s memory; tight ≤ 100%; else does not fit',
      values: [
        ['peak per GPU', formatGiB(m.peakPerDeviceBytes)],
        ['usable per GPU', formatGiB(e.fit.usableBytes)],
        ['ratio', formatPercent(e.fit.ratio)],
      ],
      source: 'https://docs.pytorch.org/docs/stable/notes/cuda.html#memory-management',
    },
    speed: {
      title: 'Training speed',
      formula: `FLOPS × utilisation ${formatPercent(e.time?.utilisation ?? 0)} ÷ FLOPs per token (${s.method === 'full' ? '6' : '4'}·N${s.gradientCheckpointing ? ' + 2·N recomputed' : ''} + attention)`,
      values: e.time
        ? [
            ['FLOPs per token', `${formatSig3(e.time.flopsPerToken / 1e9)} GFLOP`],
            ['tokens/s per GPU', formatSig3(e.time.tokensPerSecondPerGpu)],
            ['one optimizer step', formatDuration(e.time.stepSeconds)],
            ['dataset × epochs', formatDuration(e.time.totalSeconds)],
          ]
        : [['speed', 'unknown: FP16 throughput not published']],
      note:
        e.time && e.time.bound !== 'compute'
          ? `Paced by ${e.time.bound === 'transfer' ? 'CPU-offload transfers over PCIe' : 'communication between the GPUs'}.`
          : undefined,
      source: 'https://arxiv.org/abs/2001.08361',
    },
  };
}
