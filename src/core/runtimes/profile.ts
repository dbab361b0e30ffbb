import type { ActivationInput } from '../activations';
import type { RopeScaling } from '../context-scaling';
import type { ModelArchitecture } from '../architecture';
import type { Device, Vendor } from '../devices';
import type { SplitMode } from '../fit';
import type { FormatFamily } from '../formats/weight-formats';
import type { KvCacheType } from '../kv-cache-types';

/**
 * Everything that differs between inference engines, in one object per engine
 * (src/core/runtimes/<engine>.ts). The estimator asks the profile and never branches on an
 * engine's name, so a new engine is a new file plus its entry in the registry.
 */

export interface SpeedConstants {
  /** Fraction of peak memory bandwidth reached while decoding. */
  readonly bandwidthEfficiency: number;
  /** Fixed time per layer per decoded token (kernel launches, synchronisation), seconds. */
  readonly perLayerSeconds: number;
  /** Fraction of dense FP16 TFLOPS reached in prompt processing. */
  readonly computeEfficiency: number;
  /**
   * Extra time per mixture-of-experts layer per decoded token (router, top-k, gathering the
   * chosen experts' rows: several small kernels a dense FFN does not launch), seconds.
   */
  readonly moePerLayerSeconds?: number | undefined;
  /**
   * Tokens of work each expert touched in a micro-batch costs beyond the tokens routed to it: its
   * weights are loaded and dequantized once per tile whether the tile is full or not, so an expert
   * that sees ubatch × k ÷ E tokens runs as if it saw that many plus this many.
   */
  readonly expertTileTokens?: number | undefined;
  /** Hand-off of the hidden state from one GPU to the next in a layer split, per token, seconds. */
  readonly handoffSeconds?: number | undefined;
  /** Fixed latency of one all-reduce in a tensor split (two per layer), seconds. */
  readonly allReduceSeconds?: number | undefined;
  /**
   * Fraction of dense FP16 TFLOPS that prompt attention (QKᵀ, softmax, V; flash attention where
   * on) reaches; absent: computeEfficiency. Attention kernels run well below the matrix
   * products' rate, which shows in prompts processed deep into a long context.
   */
  readonly attentionEfficiency?: number | undefined;
}

/** Which of a backend's speed constants were fitted to measurements (the rest are hand-set). */
export interface CalibrationStatus {
  readonly decode: boolean;
  readonly prefill: boolean;
}

/** How an engine lays out its KV cache. */
export interface KvLayout {
  /** Cache slots reserved per sequence for `tokens` of context (the engine's padding or block size). */
  readonly cells: (tokens: number) => number;
  /** Slots per sequence kept by a sliding-window layer with `window` tokens, at most `cells`. */
  readonly slidingCells: (window: number, cells: number) => number;
  /** K plus V elements cached per token per attention layer. */
  readonly elementsPerToken: (arch: ModelArchitecture) => number;
}

export interface RuntimeDefaults {
  readonly format: string;
  /**
   * The formats people usually run in this engine, fewest bits first: what switching to it offers
   * in place of formats it cannot load (the nearest in bits per weight).
   */
  readonly commonFormats: readonly string[];
  readonly kvCacheType: KvCacheType;
  readonly splitMode: SplitMode;
  readonly flashAttention: boolean;
  /** Prompt tokens one forward pass takes (llama.cpp's n_ubatch); absent: 512. */
  readonly ubatch?: number | undefined;
}

export interface RuntimeProfile {
  readonly id: string;
  readonly label: string;
  /** Other names people type for it ("llamacpp", "hf"). */
  readonly aliases: readonly string[];
  readonly source: string;
  /** Device vendors the engine runs on. */
  readonly vendors: readonly Vendor[];
  /** Weight-format families it loads. */
  readonly formatFamilies: readonly FormatFamily[];
  readonly kvCacheTypes: readonly KvCacheType[];
  /** Ways it spreads one model over several devices. */
  readonly splitModes: readonly SplitMode[];
  readonly defaults: RuntimeDefaults;
  /** Can keep some layers in system RAM and run them on the CPU. */
  readonly canOffload: boolean;
  /** Share of device memory the engine lets itself use. */
  readonly memoryFraction: number;
  /** Memory the engine and driver take per device before any tensor, bytes. */
  readonly deviceOverheadBytes: (vendor: Vendor) => number;
  /** Whether the input embedding table stays in system RAM on these devices. */
  readonly hostInputEmbedding: (devices: readonly Device[]) => boolean;
  readonly kv: KvLayout;
  /** Peak working memory beyond weights and KV cache, per device, bytes. */
  readonly activationBytes: (input: ActivationInput) => number;
  /** That formula in words, for the page's explanations. */
  readonly activationFormula: string;
  readonly speed: (vendor: Vendor) => SpeedConstants;
  /** The hand-set constants before calibration: the fallback, and the starting point of a refit. */
  readonly provisionalSpeed: (vendor: Vendor) => SpeedConstants;
  readonly calibration: (vendor: Vendor) => CalibrationStatus;
  /**
   * Can keep routed experts in system RAM and compute them on the CPU while the rest stays on the
   * GPU (llama.cpp --cpu-moe / --n-cpu-moe); absent: no.
   */
  readonly expertOffload?: boolean | undefined;
  /**
   * The engine whose measurements calibrate this one's speed, when it runs another's kernels
   * (Ollama runs llama-server); absent: its own id.
   */
  readonly speedOf?: string | undefined;
  /** The context the engine gives a model when none is asked for, on these devices; absent: 8,192. */
  readonly defaultContextTokens?: ((devices: readonly Device[]) => number) | undefined;
  /** How to turn RoPE scaling on for a context of `tokens` (flags or config); absent: not known. */
  readonly ropeScalingHow?: ((scaling: RopeScaling, tokens: number) => string) | undefined;
  /**
   * Bytes per element of a hybrid model's recurrent state (convolution window and SSM state);
   * absent: 4 (fp32).
   */
  readonly recurrentStateElementBytes?: number | undefined;
  /**
   * How a server built on this engine sizes the KV cache its requests share (src/core/serving/);
   * absent: every sequence reserves its whole context up front, as in a plain batch.
   */
  readonly kvPool?: KvPoolRule | undefined;
}

/** What an engine sizes its KV pool from on one GPU (one rank) of a serving layout. */
export interface KvPoolInput {
  readonly device: Device;
  /** Weights held on this GPU, bytes. */
  readonly weightsBytes: number;
  /** The model and a request's shape, for the engine's own activation profile. */
  readonly activation: ActivationInput;
  readonly tensorParallel: number;
  readonly pipelineParallel: number;
  /** The user's memory fraction (the engine's own setting, KvPoolRule.memoryFractionSetting); default: the engine's. */
  readonly memoryFraction?: number | undefined;
  /** The user's token budget per scheduler step (KvPoolRule.batchedTokensSetting); default: the engine's. */
  readonly batchedTokens?: number | undefined;
}

/** One GPU's KV pool as the engine computes it at start-up. */
export interface KvPoolBudget {
  /** Bytes left for KV blocks on this GPU; zero or negative when nothing is left. */
  readonly poolBytes: number;
  /** The memory fraction in force (the user's or the engine's default for this GPU). */
  readonly memoryFraction: number;
  /** The token budget per step in force (chunked prefill). */
  readonly batchedTokens: number;
  /** Working memory set aside before the pool (profiled activation peak, SGLang's reserve), bytes. */
  readonly activationBytes: number;
  /** Memory outside PyTorch's allocator (CUDA context, NCCL buffers), bytes. */
  readonly overheadBytes: number;
  /** The most requests the scheduler runs at once (vLLM max_num_seqs); null when only the pool limits it. */
  readonly maxSequences: number | null;
}

/**
 * "paged": the engine sizes a pool of KV blocks from memory at start-up and every request takes
 * blocks as it grows (vLLM PagedAttention, SGLang's token pool, TensorRT-LLM's paged cache);
 * "slots": the user sets the context (-c) and -np slots share it (llama.cpp server).
 */
export type KvPoolRule =
  | {
      readonly kind: 'paged';
      /** Tokens per KV block; a request holds whole blocks. */
      readonly blockTokens: number;
      /** The engine's name for the memory fraction ("gpu_memory_utilization"). */
      readonly memoryFractionSetting: string;
      /** The engine's name for the per-step token budget ("max_num_batched_tokens"). */
      readonly batchedTokensSetting: string;
      readonly budget: (input: KvPoolInput) => KvPoolBudget;
      /** The pool formula in words, for explanations. */
      readonly formula: string;
      readonly source: string;
    }
  | {
      readonly kind: 'slots';
      readonly blockTokens: number;
      readonly formula: string;
      readonly source: string;
    };

export const roundUp = (n: number, step: number) => Math.ceil(n / step) * step;
