/**
 * The words of a fine-tuning run: method, adapters, optimizer, precision, recomputation, loss,
 * batch shape and how the GPUs share the model. Every list here is a public interface (CLI flags,
 * link values): add values, never rename them.
 */

export const TRAINING_METHODS = ['full', 'lora', 'qlora'] as const;
export type TrainingMethod = (typeof TRAINING_METHODS)[number];

/**
 * Optimizers by their state: torch AdamW keeps two moments in the parameter's dtype; the
 * bitsandbytes 8-bit and paged variants keep one byte per moment (or fp32 for small tensors);
 * Adafactor a factored second moment; SGD nothing or one momentum buffer.
 */
export const OPTIMIZER_IDS = [
  'adamw',
  'adamw-8bit',
  'paged-adamw-8bit',
  'paged-adamw-32bit',
  'adafactor',
  'sgd',
  'sgd-momentum',
] as const;
export type OptimizerId = (typeof OPTIMIZER_IDS)[number];

/** The dtype the weights are held and computed in. */
export const TRAINING_PRECISIONS = ['bf16', 'fp16', 'fp32'] as const;
export type TrainingPrecision = (typeof TRAINING_PRECISIONS)[number];

/** How data-parallel GPUs share the model states (ZeRO stages, arXiv:1910.02054; FSDP full shard = stage 3). */
export const SHARDING_IDS = ['none', 'ddp', 'fsdp', 'zero1', 'zero2', 'zero3'] as const;
export type ShardingId = (typeof SHARDING_IDS)[number];

/** What lives in CPU RAM between uses: nothing, the optimizer states, or the parameters too. */
export const OFFLOAD_IDS = ['none', 'optimizer', 'params'] as const;
export type OffloadId = (typeof OFFLOAD_IDS)[number];

/**
 * How the loss is computed: "full" materialises fp32 logits for every token (transformers'
 * loss upcasts them); "chunked" runs the output head and cross-entropy over chunks but keeps each
 * chunk's log-probabilities for backward (torchtune, LitGPT); "fused" recomputes them per chunk
 * and keeps none (Liger, Unsloth, TRL's chunked_nll).
 */
export const LOSS_MODES = ['full', 'chunked', 'fused'] as const;
export type LossMode = (typeof LOSS_MODES)[number];

/** Linear layers a LoRA adapter can attach to, in PEFT's short names. */
export const LORA_MODULES = ['q', 'k', 'v', 'o', 'gate', 'up', 'down', 'lm_head'] as const;
export type LoraModule = (typeof LORA_MODULES)[number];

/** Attention projections only. */
export const ATTENTION_MODULES: readonly LoraModule[] = ['q', 'k', 'v', 'o'];
/**
 * Every linear layer but the output head, as PEFT's `target_modules="all-linear"` selects them
 * (peft tuners_utils: the output embedding is excluded).
 */
export const ALL_LINEAR_MODULES: readonly LoraModule[] = ['q', 'k', 'v', 'o', 'gate', 'up', 'down'];

export function isOneOf<T extends string>(list: readonly T[], value: string): value is T {
  return (list as readonly string[]).includes(value);
}

export interface LoraSettings {
  readonly rank: number;
  readonly modules: readonly LoraModule[];
  /** DoRA: a trainable magnitude per output feature of each adapted layer (arXiv:2402.09353). */
  readonly dora: boolean;
  /** Dropout on the adapter input: each adapted layer then keeps its own dropped-out input and mask. */
  readonly dropout: boolean;
}

/** Everything that decides a run's memory and time, resolved (no defaults left to fill). */
export interface TrainingSettings {
  readonly method: TrainingMethod;
  /** Absent for full fine-tuning. */
  readonly lora: LoraSettings | null;
  readonly optimizer: OptimizerId;
  readonly precision: TrainingPrecision;
  /**
   * Mixed precision with fp32 master weights (ZeRO's 2 + 2 + 12 bytes per parameter): the
   * trainable weights also live in fp32 in the optimizer, whose states are fp32.
   */
  readonly masterWeights: boolean;
  readonly gradientCheckpointing: boolean;
  readonly flashAttention: boolean;
  readonly loss: LossMode;
  /** Tokens per sequence (every micro-batch padded to this). */
  readonly seqTokens: number;
  /** Sequences per GPU per forward pass. */
  readonly microBatch: number;
  /** Micro-batches per optimizer step: changes the step's time, not its memory. */
  readonly gradAccum: number;
  readonly sharding: ShardingId;
  readonly offload: OffloadId;
  /** QLoRA's NF4 with double quantization (4.127 bits) or without (4.5 bits). */
  readonly doubleQuant: boolean;
}

export const MAX_SEQ_TOKENS = 1_048_576;
export const MAX_MICRO_BATCH = 1024;
export const MAX_RANK = 4096;

function whole(name: string, value: number, min: number, max: number): string | null {
  if (!Number.isInteger(value) || value < min || value > max) {
    return `${name} must be a whole number from ${min.toLocaleString('en-US')} to ${max.toLocaleString('en-US')}; got ${String(value)}`;
  }
  return null;
}

/** Why settings cannot be estimated, or null. Checked once per estimate (estimate-training.ts). */
export function trainingSettingsProblem(s: TrainingSettings, devices: number): string | null {
  const sizes =
    whole('sequence length', s.seqTokens, 1, MAX_SEQ_TOKENS) ??
    whole('micro-batch', s.microBatch, 1, MAX_MICRO_BATCH) ??
    whole('gradient accumulation', s.gradAccum, 1, 1_000_000);
  if (sizes) return sizes;
  if (s.method === 'full') {
    if (s.lora) return 'full fine-tuning trains every weight: LoRA settings do not apply';
  } else {
    if (!s.lora) return `${s.method === 'qlora' ? 'QLoRA' : 'LoRA'} needs a rank and target modules`;
    const rank = whole('LoRA rank', s.lora.rank, 1, MAX_RANK);
    if (rank) return rank;
    if (s.lora.modules.length === 0)
      return 'LoRA needs at least one target module (q, k, v, o, gate, up, down, lm_head)';
  }
  if (s.precision === 'fp32' && s.masterWeights) {
    return 'fp32 training has no separate master weights: choose bf16 or fp16 with master weights, or fp32 without';
  }
  if (s.method === 'qlora' && s.precision === 'fp32') {
    return 'QLoRA computes in bf16 or fp16 on 4-bit weights; choose bf16 or fp16';
  }
  if (devices > 1 && s.sharding === 'none') {
    return `${devices} GPUs need a way to share the work: choose DDP, FSDP or ZeRO-1/2/3 sharding`;
  }
  if (devices === 1 && s.sharding === 'ddp') return 'DDP needs at least 2 GPUs; use no sharding on one GPU';
  if (s.offload !== 'none' && (s.sharding === 'none' || s.sharding === 'ddp')) {
    return 'CPU offload comes with ZeRO or FSDP: choose ZeRO-1/2/3 or FSDP sharding (one GPU is fine)';
  }
  if (s.offload === 'params' && s.sharding !== 'zero3' && s.sharding !== 'fsdp') {
    return 'offloading parameters needs ZeRO-3 or FSDP full sharding';
  }
  return null;
}
