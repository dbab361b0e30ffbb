import type { ActivationInput } from '../activations';
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
   * The same for mixture-of-experts models, whose expert matrix products each see only the tokens
   * routed to them (ubatch × active ÷ experts) and so run far from peak; absent: computeEfficiency.
   */
  readonly moeComputeEfficiency?: number | undefined;
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
   * Bytes per element of a hybrid model's recurrent state (convolution window and SSM state);
   * absent: 4 (fp32).
   */
  readonly recurrentStateElementBytes?: number | undefined;
}

/** The compute efficiency that applies to a model: MoE prompts have their own when calibrated. */
export function computeEfficiencyFor(k: SpeedConstants, moe: boolean): number {
  return moe ? (k.moeComputeEfficiency ?? k.computeEfficiency) : k.computeEfficiency;
}

export const roundUp = (n: number, step: number) => Math.ceil(n / step) * step;
