import type { ModelStates } from './model-states';
import type { ShardingId, TrainingSettings } from './training-settings';

/**
 * Model states per GPU under data parallelism (Rajbhandari et al. 2019, "ZeRO", arXiv:1910.02054,
 * section 5 and figure 1), with Ψ parameters over N GPUs:
 *   DDP:    (2 + 2 + K)·Ψ on every GPU, plus a second copy of the gradients in DDP's communication
 *           buckets (gradient_as_bucket_view=False by default; the PyTorch DDP documentation says
 *           turning it on saves "the total gradients size",
 *           https://docs.pytorch.org/docs/stable/generated/torch.nn.parallel.DistributedDataParallel.html);
 *   ZeRO-1: optimizer states ÷ N;  ZeRO-2: optimizer states and gradients ÷ N;
 *   ZeRO-3 and FSDP full sharding: everything ÷ N, plus the blocks gathered to compute: the current
 *           one and the one prefetched (FSDP forward_prefetch / backward_prefetch), and, in the
 *           backward pass, one block's unsharded gradients before they are reduce-scattered.
 * FSDP keeps the root unit (embeddings, output head, final norm) gathered through the step.
 * CPU offload (ZeRO-Offload, arXiv:2101.06840; FSDP CPUOffload) moves the optimizer states, or with
 * parameter offload the parameters, gradients and optimizer states too, to CPU RAM.
 */

export interface PerDeviceStates {
  readonly weightsBytes: number;
  readonly gradientBytes: number;
  readonly optimizerBytes: number;
  readonly pagedOptimizerBytes: number;
  /** The optimizer step's own buffers on this GPU (none when the step runs on the CPU). */
  readonly stepTempBytes: number;
  /** Per GPU, in CPU RAM. */
  readonly hostBytes: number;
}

function shards(sharding: ShardingId): { optimizer: boolean; gradients: boolean; weights: boolean } {
  switch (sharding) {
    case 'none':
    case 'ddp':
      return { optimizer: false, gradients: false, weights: false };
    case 'zero1':
      return { optimizer: true, gradients: false, weights: false };
    case 'zero2':
      return { optimizer: true, gradients: true, weights: false };
    case 'zero3':
    case 'fsdp':
      return { optimizer: true, gradients: true, weights: true };
  }
}

export function perDeviceStates(m: ModelStates, s: TrainingSettings, devices: number): PerDeviceStates {
  const share = shards(s.sharding);
  const n = Math.max(1, devices);
  let weights = share.weights ? m.weightsBytes / n : m.weightsBytes;
  let gradients = share.gradients ? m.gradientBytes / n : m.gradientBytes;
  let optimizer = share.optimizer ? m.optimizerBytes / n : m.optimizerBytes;
  let paged = share.optimizer ? m.pagedOptimizerBytes / n : m.pagedOptimizerBytes;
  let stepTemp = share.optimizer ? m.stepTempBytes / n : m.stepTempBytes;
  let host = 0;
  if (s.offload === 'optimizer' || s.offload === 'params') {
    host += optimizer + paged;
    optimizer = 0;
    paged = 0;
    stepTemp = 0;
  }
  if (s.offload === 'params') {
    host += weights + gradients;
    weights = 0;
    gradients = 0;
  }
  if (share.weights) {
    const root = s.sharding === 'fsdp' ? m.outsideLayerWeightBytes : 0;
    weights += 2 * m.largestLayerWeightBytes + root;
    gradients += m.layerGradientBytes;
  }
  if (s.sharding === 'ddp') gradients *= 2;
  return {
    weightsBytes: weights,
    gradientBytes: gradients,
    optimizerBytes: optimizer,
    pagedOptimizerBytes: paged,
    stepTempBytes: stepTemp,
    hostBytes: host,
  };
}
