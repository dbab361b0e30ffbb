import type { ModelArchitecture } from './architecture';
import type { RuntimeId } from './runtimes';

export interface ActivationInput {
  readonly arch: ModelArchitecture;
  readonly runtime: RuntimeId;
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
function ffnWidth(arch: ModelArchitecture): number {
  const { moe } = arch;
  if (!moe) return arch.intermediateSize;
  const expertWidth = moe.expertIntermediateSize * (moe.activeExperts + moe.sharedExperts);
  return Math.max(expertWidth, moe.denseLayers > 0 ? arch.intermediateSize : 0);
}

/**
 * llama.cpp's compute buffer. The scheduler reserves a worst-case graph of n_ubatch = 512 tokens
 * (src/llama-context.cpp, graph_reserve) and ggml-alloc reuses dead tensors, so the buffer is
 * the largest set of tensors alive at once: the F32 logits (vocab × ubatch × 4 B), or with flash
 * attention off the F32 KQ matrix (cells × ubatch × heads × 4 B, src/llama-graph.cpp), or the FFN
 * intermediates. The residual-stream terms reproduce logged buffers: Mistral-7B FA off 164 MiB at
 * 2,048 and 2,144 MiB at 32,768 context (https://github.com/fedora-copr/logdetective/pull/106),
 * Qwen2.5-3B 300.75 MiB (https://github.com/SciSharp/LLamaSharp/issues/1099).
 */
function llamaCppCompute(input: ActivationInput): number {
  const { arch, kvCells } = input;
  const ub = Math.min(512, input.contextTokens * input.sequences);
  const h = arch.hiddenSize;
  const logits = ub * (arch.vocabSize + h) * 4;
  const kvWidth = arch.kvHeads * arch.headDim;
  const attention = input.flashAttention
    ? ub * h * 16
    : kvCells * ub * arch.attentionHeads * 4 + ub * h * 16 + kvCells * kvWidth * 2;
  const ffn = ub * (2 * ffnWidth(arch) + 2 * h) * 4;
  return Math.max(logits, attention, ffn);
}

/**
 * vLLM profiles peak activation memory with a dummy batch of max_num_batched_tokens (8,192 by
 * default for serving, https://docs.vllm.ai/en/latest/configuration/optimization.html) and
 * warms the sampler for max_num_seqs (256) requests (vllm/v1/worker/gpu_worker.py). Logged peaks
 * are 1.77-2.38 GiB for 7B-class models (https://github.com/vllm-project/vllm/issues/14452).
 */
function vllmPeak(input: ActivationInput): number {
  const { arch } = input;
  const tokens = 8192;
  const perToken = (4 * arch.hiddenSize + 3 * ffnWidth(arch)) * 4;
  const sampler = 256 * arch.vocabSize * 4 * 2;
  return tokens * perToken + sampler;
}

/**
 * Eager PyTorch prefill: one layer's hidden states and FFN intermediates for the whole prompt are
 * alive at once (SDPA materialises no attention matrix); generate() keeps only the last
 * position's logits in fp32 (transformers PR #31292); DynamicCache.update concatenates, so one
 * layer's K/V exists twice for a moment (transformers cache_utils.py). mlx-lm prefills in chunks
 * of 2,048 tokens (mlx_lm/generate.py prefill_step_size).
 */
function eagerPeak(input: ActivationInput): number {
  const { arch } = input;
  const chunk = input.runtime === 'mlx' ? Math.min(2048, input.promptTokens) : input.promptTokens;
  const tokens = chunk * input.sequences;
  const hidden = tokens * (4 * arch.hiddenSize + 3 * ffnWidth(arch)) * input.activationBytes;
  const logits = input.sequences * arch.vocabSize * 4 * 2;
  return hidden + logits + input.kvLayerBytes;
}

/** Peak working memory beyond weights and KV cache, per device, bytes. */
export function activationBytes(input: ActivationInput): number {
  switch (input.runtime) {
    case 'llama.cpp':
      return llamaCppCompute(input);
    case 'vllm':
      return vllmPeak(input);
    case 'transformers':
    case 'mlx':
      return eagerPeak(input);
  }
}
