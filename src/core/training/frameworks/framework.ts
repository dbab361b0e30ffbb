import type {
  LossMode,
  LoraModule,
  OptimizerId,
  ShardingId,
  TrainingMethod,
  TrainingPrecision,
} from '../training-settings';

/**
 * What a fine-tuning framework does to memory, one object per framework
 * (src/core/training/frameworks/<name>.ts), like the inference runtimes' profiles: the estimator
 * asks the profile and never branches on a framework's name.
 */

/** One thing the preset changes, in words, with where it is stated. */
export interface FrameworkTrait {
  readonly text: string;
  readonly source: string;
}

/** The settings a framework uses when the user does not say otherwise. */
export interface FrameworkDefaults {
  readonly method: TrainingMethod;
  readonly rank: number;
  readonly modules: readonly LoraModule[];
  readonly loraDropout: boolean;
  readonly optimizer: OptimizerId;
  readonly precision: TrainingPrecision;
  /** Full fine-tuning with fp32 master weights (trainable parameters upcast, or ZeRO-style mixed precision). */
  readonly masterWeights: boolean;
  /** Whether activation recomputation is on for this method on this many GPUs. */
  readonly gradientCheckpointing: (method: TrainingMethod, devices: number) => boolean;
  readonly loss: LossMode;
  readonly flashAttention: boolean;
}

export interface TrainingFramework {
  readonly id: string;
  readonly label: string;
  /** Other names people type for it. */
  readonly aliases: readonly string[];
  readonly source: string;
  readonly traits: readonly FrameworkTrait[];
  readonly defaults: FrameworkDefaults;
  /** LoRA weights kept in fp32 whatever the base model's dtype (PEFT's autocast_adapter_dtype). */
  readonly adapterFp32: boolean;
  /** QLoRA: every weight bitsandbytes leaves unquantized (embeddings, head, norms) cast to fp32, under this sharding. */
  readonly upcastUnquantized: (sharding: ShardingId) => boolean;
  /** Keeps the output head as its own matrix even when the checkpoint ties it to the embeddings. */
  readonly untiedHead: boolean;
  /** Gradient checkpointing copies each layer's input to CPU RAM instead of keeping it on the GPU. */
  readonly offloadedCheckpoints: boolean;
  /** Sets PYTORCH_CUDA_ALLOC_CONF=expandable_segments:True, which limits allocator fragmentation. */
  readonly expandableSegments: boolean;
  /** Tokens per chunk of the output head and loss, given the tokens of one micro-batch. */
  readonly lossChunkTokens: (tokens: number, microBatch: number) => number;
  /** The optimizer a QLoRA run uses in place of the chosen one, where the framework swaps it; else null. */
  readonly quantizedOptimizer: OptimizerId | null;
}
