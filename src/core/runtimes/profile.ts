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
}

export const roundUp = (n: number, step: number) => Math.ceil(n / step) * step;
