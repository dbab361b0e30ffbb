/**
 * The shape of a decoder-only transformer, in the terms of a Hugging Face config.json.
 * Field meanings follow transformers' LlamaConfig / MixtralConfig / DeepseekV3Config docs
 * (https://huggingface.co/docs/transformers/model_doc/llama#transformers.LlamaConfig).
 */
export interface MoeShape {
  /** Routed experts per MoE layer (num_local_experts / n_routed_experts). */
  readonly experts: number;
  /** Routed experts used per token (num_experts_per_tok). */
  readonly activeExperts: number;
  /** Always-on shared experts (n_shared_experts). */
  readonly sharedExperts: number;
  /** FFN width of one expert (moe_intermediate_size). */
  readonly expertIntermediateSize: number;
  /** Leading layers with a dense FFN instead of experts (first_k_dense_replace). */
  readonly denseLayers: number;
  /**
   * Experts in every `layerStep`-th layer only, the others dense (Llama 4's
   * interleave_moe_layer_step: layers step-1, 2·step-1, … are MoE). Default 1: every layer.
   */
  readonly layerStep?: number | undefined;
  /**
   * How the checkpoint ships its routed experts when it ships them quantized: gpt-oss stores them
   * as MXFP4 (quantization_config quant_method "mxfp4"). GGUF conversions copy such tensors as they
   * are, in every file type: llama-quantize refuses to requantize a quantized tensor without
   * --allow-requantize (src/llama-quant.cpp), so published gpt-oss files from F16 to Q2_K all keep
   * MXFP4 experts (https://huggingface.co/unsloth/gpt-oss-20b-GGUF/tree/main: 11.5-13.8 GB).
   */
  readonly expertFormat?: 'mxfp4' | undefined;
}

/** Whether block `il` has routed experts. */
export function isMoeLayer(moe: MoeShape, il: number): boolean {
  const step = moe.layerStep ?? 1;
  return il >= moe.denseLayers && il % step === step - 1;
}

/** DeepSeek-V2/V3 multi-head latent attention ranks (arXiv:2405.04434, section 2.1). */
export interface MlaShape {
  /** 0 when queries are projected directly (no low-rank query compression). */
  readonly qLoraRank: number;
  readonly kvLoraRank: number;
  readonly qkNopeHeadDim: number;
  readonly qkRopeHeadDim: number;
  readonly vHeadDim: number;
}

export interface SlidingWindowShape {
  /** Tokens a local layer attends to. */
  readonly window: number;
  /** One full-attention layer in every `pattern` layers (Gemma 2: 2, Gemma 3: 6). */
  readonly pattern: number;
}

export interface ModelArchitecture {
  readonly layers: number;
  readonly hiddenSize: number;
  readonly intermediateSize: number;
  readonly attentionHeads: number;
  readonly kvHeads: number;
  readonly headDim: number;
  readonly vocabSize: number;
  readonly tiedEmbeddings: boolean;
  /** "gated": gate, up and down projections (SwiGLU); "plain": up and down only (GELU MLP). */
  readonly mlp: 'gated' | 'plain';
  readonly attentionBias: boolean;
  readonly mlpBias: boolean;
  /** LayerNorm has a weight and a bias; RMSNorm only a weight. */
  readonly norm: 'rmsnorm' | 'layernorm';
  /** Query, key and value stored as one fused tensor (Falcon, BLOOM): matters for GGUF recipes. */
  readonly fusedQkv: boolean;
  readonly moe?: MoeShape | undefined;
  readonly mla?: MlaShape | undefined;
  readonly slidingWindow?: SlidingWindowShape | undefined;
  /** llama.cpp treats Falcon specially in its quantization recipes. */
  readonly ggufArch?: 'falcon' | undefined;
}

type Switch = 'mlp' | 'attentionBias' | 'mlpBias' | 'norm' | 'fusedQkv';

export type ArchitectureInput = Omit<ModelArchitecture, Switch> & {
  readonly [K in Switch]?: ModelArchitecture[K] | undefined;
};

/** Fills optional switches with the Llama defaults (gated MLP, no biases, RMSNorm). */
export function architectureFrom(input: ArchitectureInput): ModelArchitecture {
  return {
    ...input,
    mlp: input.mlp ?? 'gated',
    attentionBias: input.attentionBias ?? false,
    mlpBias: input.mlpBias ?? false,
    norm: input.norm ?? 'rmsnorm',
    fusedQkv: input.fusedQkv ?? false,
  };
}

/** Why an architecture cannot be estimated, or null when it is usable. */
export function architectureProblem(arch: ModelArchitecture): string | null {
  const positive: [string, number][] = [
    ['layers', arch.layers],
    ['hiddenSize', arch.hiddenSize],
    ['intermediateSize', arch.intermediateSize],
    ['attentionHeads', arch.attentionHeads],
    ['kvHeads', arch.kvHeads],
    ['headDim', arch.headDim],
    ['vocabSize', arch.vocabSize],
  ];
  for (const [name, value] of positive) {
    if (!Number.isInteger(value) || value <= 0) {
      return `${name} must be a positive whole number; got ${String(value)}`;
    }
  }
  if (arch.kvHeads > arch.attentionHeads) {
    return `kvHeads (${arch.kvHeads}) cannot exceed attentionHeads (${arch.attentionHeads})`;
  }
  if (arch.moe) {
    const { experts, activeExperts, denseLayers } = arch.moe;
    if (!(activeExperts >= 1 && activeExperts <= experts)) {
      return `activeExperts must be between 1 and ${experts}; got ${activeExperts}`;
    }
    if (denseLayers < 0 || denseLayers > arch.layers) {
      return `denseLayers must be between 0 and ${arch.layers}; got ${denseLayers}`;
    }
  }
  return null;
}

/**
 * Shape assumed for a bare parameter count ("7b"): a Llama-3-style decoder with head dim 128,
 * 8 KV heads (grouped-query attention, as in Llama 3, Mistral and Qwen 2.5), a gated MLP,
 * untied embeddings over a 128,256-token vocabulary and roughly one layer per 128 hidden units
 * (Llama 2 7B: 4096/32, 13B: 5120/40; https://arxiv.org/abs/2307.09288 table 1 and
 * https://huggingface.co/meta-llama/Llama-2-7b-hf/blob/main/config.json). The MLP width is
 * then solved so the total matches the requested count.
 */
export function fallbackArchitecture(totalParams: number): ModelArchitecture {
  const vocabSize = 128_256;
  const headDim = 128;
  // Per layer ≈ 12·h² (4·h² attention + 8·h² MLP) and layers ≈ h/128, so P ≈ 12·h³/128 + 2·V·h.
  let hidden = Math.cbrt((Math.max(totalParams, 1e8) * 128) / 12);
  for (let i = 0; i < 30; i++) {
    const body = Math.max(totalParams - 2 * vocabSize * hidden, totalParams * 0.5);
    hidden = Math.cbrt((body * 128) / 12);
  }
  const hiddenSize = Math.max(256, Math.round(hidden / 256) * 256);
  const layers = Math.max(2, Math.round(hiddenSize / 128));
  const attentionHeads = hiddenSize / headDim;
  const kvHeads = Math.min(8, attentionHeads);
  const attnParams = hiddenSize * headDim * (2 * attentionHeads + 2 * kvHeads);
  const embeddingParams = 2 * vocabSize * hiddenSize;
  const perLayer = (totalParams - embeddingParams) / layers - 2 * hiddenSize;
  const mlpWidth = (perLayer - attnParams) / (3 * hiddenSize);
  return architectureFrom({
    layers,
    hiddenSize,
    intermediateSize: Math.max(256, Math.round(mlpWidth)),
    attentionHeads,
    kvHeads,
    headDim,
    vocabSize,
    tiedEmbeddings: false,
  });
}
