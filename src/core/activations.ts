import type { ModelArchitecture } from './architecture';

/**
 * What a runtime's activation model (RuntimeProfile.activationBytes) is given, and the building
 * blocks the engines share. Each engine's own formula lives in its profile (runtimes/*.ts).
 */
export interface ActivationInput {
  readonly arch: ModelArchitecture;
  readonly contextTokens: number;
  /** Tokens of the prompt processed in one forward pass (at most the context). */
  readonly promptTokens: number;
  readonly sequences: number;
  /** Bytes per activation element (2 for fp16/bf16 compute). */
  readonly activationBytes: number;
  /** Cache slots the attention spans, all sequences together. */
  readonly kvCells: number;
  /** Bytes of one layer's KV cache, all sequences (transformers copies it while growing). */
  readonly kvLayerBytes: number;
  readonly flashAttention: boolean;
}

/** Width of the FFN activations one token produces (routed experts: the active ones). */
export function ffnWidth(arch: ModelArchitecture): number {
  const { moe } = arch;
  if (!moe) return arch.intermediateSize;
  const expertWidth = moe.expertIntermediateSize * (moe.activeExperts + moe.sharedExperts);
  return Math.max(expertWidth, moe.denseLayers > 0 ? arch.intermediateSize : 0);
}

/**
 * Eager PyTorch-style prefill of `chunk` prompt tokens per sequence: one layer's hidden states and
 * FFN intermediates for the chunk are alive at once (SDPA materialises no attention matrix);
 * generation keeps only the last position's logits in fp32 (transformers PR #31292); the cache
 * update concatenates, so one layer's K/V exists twice for a moment (transformers cache_utils.py).
 */
export function eagerPeakBytes(input: ActivationInput, chunk: number): number {
  const { arch } = input;
  const tokens = chunk * input.sequences;
  const hidden = tokens * (4 * arch.hiddenSize + 3 * ffnWidth(arch)) * input.activationBytes;
  const logits = input.sequences * arch.vocabSize * 4 * 2;
  return hidden + logits + input.kvLayerBytes;
}
