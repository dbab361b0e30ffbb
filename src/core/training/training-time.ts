import type { ModelArchitecture } from '../architecture';
import { PCIE_BYTES_PER_SECOND, type Device } from '../devices';
import type { ModelStates } from './model-states';
import type { TrainingCalibration } from './training-calibration';
import type { TrainingSettings } from './training-settings';

/**
 * Training time from FLOPs. A forward pass costs 2 FLOPs per active parameter per token and the
 * backward pass twice that, 6·N per token (Kaplan et al. 2020, arXiv:2001.08361, section 2.1).
 * A frozen weight needs no weight gradient, so LoRA's backward costs 2·N for the base plus the
 * adapters' own 4 FLOPs per parameter (as NeMo AutoModel counts LoRA model FLOPs, (2 + frozen-
 * fraction) ÷ 3 of full training). Attention adds 2·2·layers·(seq/2)·width per token forward for
 * its causal QKᵀ and AV products (PaLM's 6·N + 12·L·H·Q·T, Chowdhery et al. 2022,
 * arXiv:2204.02311, appendix B, counts the full square; causal kernels skip the masked half).
 * Recomputation with gradient checkpointing runs the forward pass again (Korthikanti et al. 2022,
 * arXiv:2205.05198, section 5: 8·N instead of 6·N with full recomputation). The rate is the GPU's
 * dense FP16/BF16 FLOPS at a utilisation fitted to published runs (calibration).
 */

export interface TrainingTime {
  readonly flopsPerToken: number;
  readonly utilisation: number;
  /** All GPUs together. */
  readonly tokensPerSecond: number;
  readonly tokensPerSecondPerGpu: number;
  /** One optimizer step: micro-batch × sequence × gradient accumulation on every GPU. */
  readonly stepSeconds: number;
  readonly tokensPerStep: number;
  /** The dataset × epochs. */
  readonly totalSeconds: number;
  /** What sets the pace: the GPUs' arithmetic, the PCIe transfers of CPU offload, or communication between GPUs. */
  readonly bound: 'compute' | 'transfer' | 'communication';
}

/** Attention FLOPs per token in the forward pass, causal (half the square), sliding windows capped. */
function attentionForwardFlops(arch: ModelArchitecture, seq: number): number {
  const width = arch.attentionHeads * (arch.mla ? arch.mla.qkNopeHeadDim + arch.mla.qkRopeHeadDim : arch.headDim);
  const sw = arch.slidingWindow;
  const globalLayers = sw ? Math.ceil(arch.layers / sw.pattern) : arch.layers;
  const localLayers = arch.layers - globalLayers;
  const span = (keys: number) => 2 * 2 * width * (keys / 2);
  return globalLayers * span(seq) + localLayers * span(Math.min(seq, sw?.window ?? seq));
}

export function trainingFlopsPerToken(
  arch: ModelArchitecture,
  s: TrainingSettings,
  activeParams: number,
  trainableParams: number,
): number {
  const attention = attentionForwardFlops(arch, s.seqTokens);
  const adapters = s.method === 'full' ? 0 : trainableParams;
  const forward = 2 * activeParams + attention + 2 * adapters;
  const backward = s.method === 'full' ? 2 * forward : 2 * activeParams + 2 * attention + 4 * adapters;
  return forward + backward + (s.gradientCheckpointing ? forward : 0);
}

export function utilisationFor(c: TrainingCalibration, s: TrainingSettings): number {
  return c.utilisation[s.method];
}

export function trainingTime(input: {
  readonly arch: ModelArchitecture;
  readonly settings: TrainingSettings;
  readonly states: ModelStates;
  readonly activeParams: number;
  readonly devices: readonly Device[];
  readonly datasetTokens: number;
  readonly epochs: number;
  readonly calibration: TrainingCalibration;
  /** GPU-to-GPU bandwidth per direction, bytes/s. */
  readonly interconnectBytesPerSecond: number;
}): TrainingTime | null {
  const { arch, settings: s, states, devices } = input;
  let slowest = Infinity;
  for (const d of devices) slowest = Math.min(slowest, d.fp16FlopsPerSecond);
  if (!(slowest > 0) || !Number.isFinite(slowest)) return null;
  const n = devices.length;
  const flopsPerToken = trainingFlopsPerToken(arch, s, input.activeParams, states.trainableParams);
  const utilisation = utilisationFor(input.calibration, s);
  const tokens = s.seqTokens * s.microBatch;
  const computeSeconds = (tokens * flopsPerToken) / (slowest * utilisation);
  // CPU offload moves this GPU's share over PCIe: offloaded parameters come in for the forward
  // and again for the backward pass and their gradients go out, per micro-batch; offloaded
  // optimizer states need the gradients out and the updated weights back once per step.
  const perStepTransfer =
    s.offload === 'optimizer'
      ? (states.gradientBytes + states.adapterBytes + (s.method === 'full' ? states.weightsBytes : 0)) / n
      : 0;
  const perMicroBatchTransfer = s.offload === 'params' ? (2 * states.weightsBytes + states.gradientBytes) / n : 0;
  const transferSeconds = (perMicroBatchTransfer + perStepTransfer / s.gradAccum) / PCIE_BYTES_PER_SECOND;
  const communicationSeconds = communicationBytes(s, states, n) / input.interconnectBytesPerSecond;
  // FSDP and DDP overlap communication with computation (prefetching, gradient buckets), so the
  // slowest of the three sets the pace.
  const microBatchSeconds = Math.max(computeSeconds, transferSeconds, communicationSeconds);
  const tokensPerSecondPerGpu = tokens / microBatchSeconds;
  const tokensPerSecond = tokensPerSecondPerGpu * n;
  return {
    flopsPerToken,
    utilisation,
    tokensPerSecond,
    tokensPerSecondPerGpu,
    stepSeconds: microBatchSeconds * s.gradAccum,
    tokensPerStep: tokens * s.gradAccum * n,
    totalSeconds: (input.datasetTokens * input.epochs) / tokensPerSecond,
    bound:
      microBatchSeconds === computeSeconds
        ? 'compute'
        : microBatchSeconds === transferSeconds
          ? 'transfer'
          : 'communication',
  };
}

/**
 * Bytes each GPU sends per micro-batch in a ring collective, which moves (N − 1) ÷ N of the
 * data per GPU (Patarasuk & Yuan 2009, https://doi.org/10.1016/j.jpdc.2008.09.002): ZeRO-3 and
 * FSDP gather the weights for the forward and again for the backward pass and reduce-scatter the
 * gradients; ZeRO-1/2 reduce-scatter the gradients and gather the updated weights once per step;
 * DDP all-reduces the gradients (twice their size) once per step (arXiv:1910.02054, section 7).
 */
function communicationBytes(s: TrainingSettings, m: ModelStates, n: number): number {
  if (n < 2) return 0;
  const ring = (n - 1) / n;
  const trainableWeights = s.method === 'full' ? m.weightsBytes : m.adapterBytes;
  switch (s.sharding) {
    case 'zero3':
    case 'fsdp':
      return ring * (2 * m.weightsBytes + m.gradientBytes);
    case 'zero1':
    case 'zero2':
      return (ring * (m.gradientBytes + trainableWeights)) / s.gradAccum;
    case 'ddp':
      return (ring * 2 * m.gradientBytes) / s.gradAccum;
    case 'none':
      return 0;
  }
}
