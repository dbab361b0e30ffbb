import { ffnWidth } from '../activations';
import type { ModelArchitecture } from '../architecture';
import type { TrainingFramework } from './frameworks/framework';
import type { AdapterCount } from './lora';
import type { LoraModule, TrainingSettings } from './training-settings';

/**
 * Memory for activations saved for the backward pass, counted tensor by tensor as Korthikanti et
 * al. 2022 do for a GPT layer ("Reducing Activation Recomputation in Large Transformer Models",
 * arXiv:2205.05198, section 4.1: 34·s·b·h + 5·a·s²·b bytes per layer in 16-bit), applied to the
 * layers in the catalogue: pre-norm blocks with RMSNorm or LayerNorm, grouped-query attention and
 * gated or plain MLPs, without dropout (their configs set attention and hidden dropout to 0).
 *
 * Two facts of PyTorch autograd decide what a layer keeps:
 * - a matrix product saves its input only when the weight needs a gradient (the generated
 *   MmBackward saves `self` under should_compute_output(1);
 *   https://github.com/pytorch/pytorch/blob/main/tools/autograd/gen_variable_type.py), so a frozen
 *   projection keeps nothing for itself, while a trainable or adapted one keeps its input;
 * - an elementwise product saves each operand the other's gradient needs (MulBackward0).
 * Flash attention (and SDPA's memory-efficient kernels) keep q, k, v, the output and one fp32
 * log-sum-exp per head and token instead of the a·s² softmax terms (Dao et al. 2022,
 * arXiv:2205.14135, section 3.1), which removes Korthikanti's 5·a·s²·b.
 * Gradient checkpointing keeps only each layer's input (2·s·b·h per layer in 16-bit: the paper's
 * "full recomputation") and recomputes one layer at a time in the backward pass.
 */

export interface ActivationMemory {
  /** Saved for backward on the GPU at the start of the backward pass, plus the working set, bytes. */
  readonly deviceBytes: number;
  /** Checkpoints kept in CPU RAM (offloaded checkpointing), bytes. */
  readonly hostBytes: number;
  /** The output head's logits and the loss's fp32 copies and gradients, bytes. */
  readonly logitsBytes: number;
  /** One layer's saved activations per token, bytes (for explanations). */
  readonly perLayerTokenBytes: number;
}

/** Widths of one token's query, key and value (MLA: decompressed per head, as attention runs them). */
function attentionWidths(arch: ModelArchitecture): { q: number; k: number; v: number } {
  const { mla } = arch;
  if (mla) {
    const qk = arch.attentionHeads * (mla.qkNopeHeadDim + mla.qkRopeHeadDim);
    return { q: qk, k: qk, v: arch.attentionHeads * mla.vHeadDim };
  }
  return { q: arch.attentionHeads * arch.headDim, k: arch.kvHeads * arch.headDim, v: arch.kvHeads * arch.headDim };
}

/** Bytes one token leaves saved in one block. */
export function layerTokenBytes(
  arch: ModelArchitecture,
  s: TrainingSettings,
  adapters: AdapterCount | null,
  b: number,
  legacyBitsandbytes = false,
): number {
  // bitsandbytes before 0.43.2 kept the input of every 4-bit layer for backward although the
  // frozen weight needs no gradient (fixed in PR #1270, "delete useless buffered activation",
  // https://github.com/bitsandbytes-foundation/bitsandbytes/pull/1270).
  const keepsAll = s.method === 'full' || (s.method === 'qlora' && legacyBitsandbytes);
  const adapted = new Set<LoraModule>(s.lora?.modules ?? []);
  const needs = (m: LoraModule) => keepsAll || adapted.has(m);
  const h = arch.hiddenSize;
  const { q, k, v } = attentionWidths(arch);
  const i = ffnWidth(arch);
  // RMSNorm implementations upcast their input to fp32 and keep it (transformers LlamaRMSNorm);
  // LayerNorm keeps its input in the compute dtype plus per-token statistics.
  const normIn = arch.norm === 'rmsnorm' ? 4 * h : b * h;
  // Attention block: norm input, normalised input (kept for trainable or adapted q/k/v or a
  // trainable norm weight), q/k/v and the output kept by the attention kernel, the output
  // projection's input.
  let bytes = normIn + (needs('q') || needs('k') || needs('v') ? b * h : 0);
  bytes += b * (q + k + v) + b * q;
  bytes += s.flashAttention ? 4 * arch.attentionHeads : 2.5 * b * arch.attentionHeads * s.seqTokens;
  if (needs('o')) bytes += b * q;
  // MLP block: norm input and output, then for a gated MLP the gate output (the activation's
  // input), the activation and the up projection (operands of their product) and the product
  // (the down projection's input); a plain MLP keeps the activation's input and output.
  bytes += normIn + (needs('gate') || needs('up') ? b * h : 0);
  bytes += arch.mlp === 'gated' ? 3 * b * i : b * i;
  if (needs('down')) bytes += b * i;
  if (arch.moe) bytes += b * arch.moe.experts;
  if (adapters && s.lora) {
    // Each adapter keeps A's output for B's gradient; with dropout its own dropped-out input and
    // mask; DoRA also the base and adapter outputs its magnitude scales (PEFT DoraLinearLayer.forward).
    bytes += b * s.lora.rank * adapters.perLayerModules;
    if (s.lora.dropout) bytes += (b + 1) * adapters.perLayerIn;
    if (s.lora.dora) bytes += 2 * b * adapters.perLayerOut;
  }
  return bytes;
}

/**
 * What the backward pass of one layer allocates on top of what is saved: the gradient of the
 * hidden state and of the MLP's intermediates for the tokens in flight.
 */
function workingTokenBytes(arch: ModelArchitecture, b: number): number {
  return b * (arch.hiddenSize + (arch.mlp === 'gated' ? 3 : 2) * ffnWidth(arch));
}

/**
 * The loss, per micro-batch of `tokens`:
 * - full: transformers' ForCausalLMLoss upcasts the logits to fp32; log-softmax keeps its fp32
 *   output and its backward allocates the incoming gradient and its own result, so three fp32
 *   copies of vocab × tokens exist as the backward pass starts (12 bytes per logit);
 * - chunked: each chunk's log-probabilities stay saved (4 bytes per logit: fp32 in torchtune,
 *   bf16 logits plus bf16 log-probabilities in LitGPT) and one chunk at a time is worked on;
 * - fused: nothing per token but the gradient of the hidden state; one chunk at a time.
 */
export function logitsBytes(
  arch: ModelArchitecture,
  s: TrainingSettings,
  framework: TrainingFramework,
  b: number,
): number {
  const tokens = s.seqTokens * s.microBatch;
  const V = arch.vocabSize;
  const chunk = Math.min(tokens, framework.lossChunkTokens(tokens, s.microBatch));
  switch (s.loss) {
    case 'full':
      return 12 * V * tokens;
    case 'chunked':
      return 4 * V * tokens + 12 * V * chunk;
    case 'fused':
      return b * arch.hiddenSize * tokens + 12 * V * chunk;
  }
}

export function activationMemory(
  arch: ModelArchitecture,
  s: TrainingSettings,
  framework: TrainingFramework,
  adapters: AdapterCount | null,
  b: number,
  largestMatrixElements: number,
  legacyBitsandbytes = false,
): ActivationMemory {
  const tokens = s.seqTokens * s.microBatch;
  const perLayer = layerTokenBytes(arch, s, adapters, b, legacyBitsandbytes);
  const full = s.method === 'full';
  const headNeedsInput = full || (s.lora?.modules.includes('lm_head') ?? false);
  // The final norm's input and, for a trainable or adapted head, its output.
  const outside = (arch.norm === 'rmsnorm' ? 4 : b) * arch.hiddenSize + (headNeedsInput ? b * arch.hiddenSize : 0);
  const checkpoint = b * arch.hiddenSize;
  let saved: number;
  let host = 0;
  if (!s.gradientCheckpointing) {
    saved = arch.layers * perLayer;
  } else if (framework.offloadedCheckpoints) {
    // Unsloth: checkpoints go to CPU RAM; one comes back while the next is prefetched.
    saved = 2 * checkpoint + perLayer;
    host = arch.layers * checkpoint * tokens;
  } else {
    saved = arch.layers * checkpoint + perLayer;
  }
  // QLoRA dequantizes one base matrix to the compute dtype at a time (bitsandbytes matmul_4bit);
  // DoRA forms the dense W + BA of the layer it scales to take its norm (PEFT get_weight_norm).
  const dequantized = s.method === 'qlora' ? b * largestMatrixElements : 0;
  const dora = s.lora?.dora ? 3 * b * largestMatrixElements : 0;
  return {
    deviceBytes: (saved + outside + workingTokenBytes(arch, b)) * tokens + dequantized + dora,
    hostBytes: host,
    logitsBytes: logitsBytes(arch, s, framework, b),
    perLayerTokenBytes: perLayer,
  };
}
