import type { OptimizerId } from './training-settings';

/**
 * Optimizer state per trainable tensor.
 * - torch AdamW: exp_avg and exp_avg_sq created with zeros_like(param), so in the parameter's
 *   dtype (https://github.com/pytorch/pytorch/blob/main/torch/optim/adamw.py); SGD with momentum one
 *   such buffer, plain SGD none (torch/optim/sgd.py).
 * - bitsandbytes 8-bit Adam: two uint8 states plus one fp32 absmax per 256-element block for each
 *   (block size 256 since bitsandbytes 0.44.0, PR #1365); tensors under 4,096 elements keep
 *   32-bit states; the 32-bit variants keep fp32 states whatever the parameter's dtype
 *   (https://github.com/bitsandbytes-foundation/bitsandbytes/blob/main/bitsandbytes/optim/optimizer.py).
 * - Paged optimizers allocate the state of tensors with at least 100,000 elements in CUDA unified
 *   memory (cudaMallocManaged), outside PyTorch's allocator: the driver can evict it to CPU RAM,
 *   and torch.cuda.max_memory_allocated / reserved do not count it (same file, get_paged).
 * - Adafactor (Shazeer & Stern 2018, arXiv:1804.04235): a row and a column accumulator per matrix
 *   instead of the second moment, a full one for vectors, no first moment by default (beta1=None),
 *   kept in fp32 (transformers optimization.py upcasts 16-bit gradients).
 */

/** A trainable tensor: `count` matrices of rows × cols (a vector has rows = 1). */
export interface TrainableShape {
  readonly rows: number;
  readonly cols: number;
  readonly count: number;
}

const BNB_BLOCK = 256;
const BNB_MIN_8BIT = 4096;
const BNB_MIN_PAGED = 1e5;

export interface OptimizerStates {
  /** In PyTorch's allocator. */
  readonly deviceBytes: number;
  /** In CUDA unified memory (paged optimizers): on the GPU unless evicted, invisible to torch's counters. */
  readonly pagedBytes: number;
}

function perTensorBytes(optimizer: OptimizerId, rows: number, cols: number, stateBytes: number): number {
  const n = rows * cols;
  switch (optimizer) {
    case 'adamw':
      return 2 * stateBytes * n;
    case 'sgd':
      return 0;
    case 'sgd-momentum':
      return stateBytes * n;
    case 'adamw-8bit':
    case 'paged-adamw-8bit':
      return n >= BNB_MIN_8BIT ? n * (2 + (2 * 4) / BNB_BLOCK) : 8 * n;
    case 'paged-adamw-32bit':
      return 8 * n;
    case 'adafactor':
      return rows > 1 && cols > 1 ? 4 * (rows + cols) : 4 * n;
  }
}

function paged(optimizer: OptimizerId): boolean {
  return optimizer === 'paged-adamw-8bit' || optimizer === 'paged-adamw-32bit';
}

/**
 * The optimizer's states for these tensors. `stateBytes` is the element size torch optimizers keep
 * their moments in (the parameter dtype, or 4 with fp32 master weights); `masterWeights` adds the
 * fp32 copy of every trainable weight that mixed-precision optimizers hold (ZeRO's K = 12 with Adam:
 * 4 for the copy, 8 for the moments; arXiv:1910.02054, section 3).
 */
export function optimizerStates(
  optimizer: OptimizerId,
  shapes: readonly TrainableShape[],
  stateBytes: number,
  masterWeights: boolean,
): OptimizerStates {
  let deviceBytes = 0;
  let pagedBytes = 0;
  for (const s of shapes) {
    const states = perTensorBytes(optimizer, s.rows, s.cols, stateBytes) * s.count;
    if (paged(optimizer) && s.rows * s.cols >= BNB_MIN_PAGED) pagedBytes += states;
    else deviceBytes += states;
    if (masterWeights) deviceBytes += 4 * s.rows * s.cols * s.count;
  }
  return { deviceBytes, pagedBytes };
}
