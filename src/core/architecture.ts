import { ARCH_BOUNDS, rangeProblem, type Range } from './bounds';
import { describeValue } from './input-text';

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
   * FFN width of the always-on shared expert(s) together, where the config gives it apart
   * (shared_expert_intermediate_size, moe_shared_expert_intermediate_size,
   * shared_intermediate_size); absent: sharedExperts × expertIntermediateSize.
   */
  readonly sharedIntermediateSize?: number | undefined;
  /** A sigmoid gate scales the shared expert's output (Qwen2-MoE, Qwen3-Next shared_expert_gate). */
  readonly sharedExpertGate?: boolean | undefined;
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
  /** Local layers attend within fixed chunks of `window` tokens (Llama 4) rather than a sliding window. */
  readonly chunked?: boolean | undefined;
}

/**
 * The recurrent mixer of a hybrid model. Its state per sequence does not grow with the context:
 * a convolution window of (convKernel − 1) × (innerSize + 2 × groups × stateSize) values and a
 * state of stateSize × innerSize values per layer (llama.cpp llama_hparams::n_embd_r / n_embd_s,
 * https://github.com/ggml-org/llama.cpp/blob/master/src/llama-hparams.cpp). Gated DeltaNet
 * (Qwen3-Next) maps onto the same terms: innerSize = value heads × value head dim, groups = key
 * heads, stateSize = key head dim, heads = value heads.
 */
export interface SsmShape {
  /**
   * "mamba2" (Nemotron-H, Granite 4, Falcon-H1), "mamba" (Jamba), "gated-deltanet" (Qwen3-Next),
   * "lightning" (MiniMax-M1's linear attention: one head dim × head dim state per head, no conv).
   */
  readonly kind: 'mamba2' | 'mamba' | 'gated-deltanet' | 'lightning';
  readonly innerSize: number;
  readonly stateSize: number;
  /** B/C groups (Mamba-2), key heads (Gated DeltaNet), 0 for Mamba. */
  readonly groups: number;
  /** Mamba-2 heads, value heads (Gated DeltaNet), 0 for Mamba. */
  readonly heads: number;
  readonly convKernel: number;
  /** Mamba's Δ projection rank (dt_rank); 0 for the others. */
  readonly dtRank: number;
  /** The config keeps the SSM state in fp32 whatever the model dtype (mamba_ssm_cache_dtype). */
  readonly stateF32?: boolean | undefined;
}

/**
 * Which layers of a hybrid model attend (and so keep a KV cache) and which carry a recurrent
 * state instead, one character per layer.
 */
export interface HybridShape {
  /**
   * Token mixer per layer: "A" attention, "M" state-space (Mamba), "L" linear attention (Gated
   * DeltaNet), "P" attention and Mamba side by side (Falcon-H1), "-" none (an FFN-only block).
   */
  readonly mixers: string;
  /**
   * FFN per layer: "D" dense MLP, "E" routed experts, "-" none (a mixer-only block, as in
   * Nemotron-H). Absent: every layer has the FFN the moe rules give it.
   */
  readonly ffn?: string | undefined;
  readonly ssm: SsmShape;
  /** Queries come with an output gate as wide as themselves, and q/k are normalised (Qwen3-Next). */
  readonly gatedAttention?: boolean | undefined;
}

/** Layers that attend and keep a KV cache. */
export const hasAttention = (mixer: string) => mixer === 'A' || mixer === 'P';
/** Layers that keep a recurrent state. */
export const hasRecurrentState = (mixer: string) => mixer === 'M' || mixer === 'L' || mixer === 'P';

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
  /**
   * The embeddings are layer-normalised before the first block (BLOOM's word_embeddings_layernorm);
   * absent: true for LayerNorm models with biased MLPs, as BLOOM is.
   */
  readonly embeddingNorm?: boolean | undefined;
  /** Hybrid attention / recurrent layouts (Qwen3-Next, Nemotron-H, Granite 4, Jamba, Falcon-H1). */
  readonly hybrid?: HybridShape | undefined;
  /**
   * Multi-token-prediction blocks stored after the decoder layers (num_nextn_predict_layers):
   * loaded with the weights, not run for each generated token.
   */
  readonly mtpLayers?: number | undefined;
}

interface LayerCounts {
  readonly attention: number;
  readonly recurrent: number;
}
const layerCountCache = new WeakMap<HybridShape, LayerCounts>();

function hybridCounts(hybrid: HybridShape): LayerCounts {
  const hit = layerCountCache.get(hybrid);
  if (hit) return hit;
  let attention = 0;
  let recurrent = 0;
  for (const m of hybrid.mixers) {
    if (hasAttention(m)) attention++;
    if (hasRecurrentState(m)) recurrent++;
  }
  const counts = { attention, recurrent };
  layerCountCache.set(hybrid, counts);
  return counts;
}

/** Layers with attention (every layer unless the model is a hybrid). */
export function attentionLayerCount(arch: ModelArchitecture): number {
  return arch.hybrid ? hybridCounts(arch.hybrid).attention : arch.layers;
}

/** Layers with a recurrent state (0 unless the model is a hybrid). */
export function recurrentLayerCount(arch: ModelArchitecture): number {
  return arch.hybrid ? hybridCounts(arch.hybrid).recurrent : 0;
}

/** Elements of one sequence's recurrent state in one layer: the convolution window, then the SSM state. */
export function recurrentStateElements(ssm: SsmShape): { readonly conv: number; readonly state: number } {
  return {
    conv: Math.max(0, ssm.convKernel - 1) * (ssm.innerSize + 2 * ssm.groups * ssm.stateSize),
    state: ssm.stateSize * ssm.innerSize,
  };
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

const MLP_KINDS = ['gated', 'plain'] as const;
const NORM_KINDS = ['rmsnorm', 'layernorm'] as const;

type Checks = readonly (readonly [string, unknown, Range])[];

function firstProblem(checks: Checks): string | null {
  for (const [name, value, range] of checks) {
    const problem = rangeProblem(name, value, range);
    if (problem) return problem;
  }
  return null;
}

/**
 * Why an architecture cannot be estimated, or null when it is usable: every count and width
 * within its physically sensible range (bounds.ts), and the fields that depend on each other
 * consistent. The estimator checks each architecture object once (estimate.ts).
 */
export function architectureProblem(arch: ModelArchitecture): string | null {
  const b = ARCH_BOUNDS;
  const shape = firstProblem([
    ['layers', arch.layers, b.layers],
    ['hiddenSize', arch.hiddenSize, b.hiddenSize],
    ['intermediateSize', arch.intermediateSize, b.intermediateSize],
    ['attentionHeads', arch.attentionHeads, b.attentionHeads],
    ['kvHeads', arch.kvHeads, b.kvHeads],
    ['headDim', arch.headDim, b.headDim],
    ['vocabSize', arch.vocabSize, b.vocabSize],
  ]);
  if (shape) return shape;
  if (arch.kvHeads > arch.attentionHeads) {
    return `kvHeads (${arch.kvHeads}) cannot exceed attentionHeads (${arch.attentionHeads})`;
  }
  // The types allow nothing else, but library callers may pass plain JavaScript objects.
  if (!(MLP_KINDS as readonly string[]).includes(arch.mlp)) return `mlp must be 'gated' or 'plain'`;
  if (!(NORM_KINDS as readonly string[]).includes(arch.norm)) return `norm must be 'rmsnorm' or 'layernorm'`;
  const { hybrid } = arch;
  if (hybrid) {
    if (hybrid.mixers.length !== arch.layers || (hybrid.ffn !== undefined && hybrid.ffn.length !== arch.layers)) {
      return `the hybrid layer pattern must have one entry per layer (${arch.layers}); got ${hybrid.mixers.length}`;
    }
    if (!/^[AMLP-]+$/.test(hybrid.mixers) || (hybrid.ffn !== undefined && !/^[DE-]+$/.test(hybrid.ffn))) {
      return 'the hybrid layer pattern has an unknown layer kind';
    }
    const { ssm } = hybrid;
    const sizes = firstProblem([
      ['ssm.innerSize', ssm.innerSize, b.ssmInnerSize],
      ['ssm.stateSize', ssm.stateSize, b.ssmStateSize],
      ['ssm.convKernel', ssm.convKernel, b.ssmConvKernel],
    ]);
    if (sizes) return sizes;
    // Lightning attention has no convolution; the Mamba family and Gated DeltaNet do.
    if (!Number.isInteger(ssm.convKernel) || ssm.convKernel < (ssm.kind === 'lightning' ? 0 : 1)) {
      return `ssm.convKernel must be a positive whole number; got ${ssm.convKernel}`;
    }
    if (hybrid.ffn?.includes('E') && !arch.moe) return 'the layer pattern has expert layers but the model no experts';
  }
  if (arch.mtpLayers !== undefined) {
    const mtp = firstProblem([['mtpLayers', arch.mtpLayers, b.mtpLayers]]);
    if (mtp) return mtp;
  }
  if (arch.moe) {
    const m = arch.moe;
    const moe = firstProblem([
      ['experts', m.experts, b.experts],
      ['sharedExperts', m.sharedExperts, b.sharedExperts],
      ['expertIntermediateSize', m.expertIntermediateSize, b.expertIntermediateSize],
      ['layerStep', m.layerStep ?? 1, b.layerStep],
    ]);
    if (moe) return moe;
    if (!(m.activeExperts >= 1 && m.activeExperts <= m.experts && Number.isInteger(m.activeExperts))) {
      return `activeExperts must be a whole number from 1 to ${m.experts} (the experts); got ${describeValue(m.activeExperts)}`;
    }
    if (!(m.denseLayers >= 0 && m.denseLayers <= arch.layers && Number.isInteger(m.denseLayers))) {
      return `denseLayers must be a whole number from 0 to ${arch.layers} (the layers); got ${describeValue(m.denseLayers)}`;
    }
  }
  if (arch.mla) {
    const m = arch.mla;
    const mla = firstProblem([
      ['qLoraRank', m.qLoraRank, b.qLoraRank],
      ['kvLoraRank', m.kvLoraRank, b.kvLoraRank],
      ['qkNopeHeadDim', m.qkNopeHeadDim, b.qkNopeHeadDim],
      ['qkRopeHeadDim', m.qkRopeHeadDim, b.qkRopeHeadDim],
      ['vHeadDim', m.vHeadDim, b.vHeadDim],
    ]);
    if (mla) return mla;
  }
  if (arch.slidingWindow) {
    const w = arch.slidingWindow;
    return firstProblem([
      ['slidingWindow.window', w.window, b.window],
      ['slidingWindow.pattern', w.pattern, b.pattern],
    ]);
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
