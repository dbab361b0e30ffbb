import { attentionLayerCount, type ModelArchitecture } from '../architecture';
import type { TensorSpec } from '../tensors';
import { GGML_TYPES, type GgmlType } from './ggml-types';

/**
 * GGUF file types ("Q4_K_M" …) and which ggml type each tensor gets in them.
 *
 * The rules restate llama.cpp's llama_tensor_get_type() in src/llama-quant.cpp (Dec 2025,
 * upstream ec98e2002; https://github.com/ggml-org/llama.cpp/blob/master/src/llama-quant.cpp):
 * the output head and token embedding are handled apart, attn_v / ffn_down get more bits in
 * selected layers, 8-expert models keep attn_k / attn_v at Q8_0, and a row whose length is not a
 * multiple of the block size falls back to a compatible type.
 */

/** Default tensor type of each file type (llama_model_quantize_impl's switch on ftype). */
export const GGUF_FILE_TYPES = {
  F32: 'F32',
  F16: 'F16',
  BF16: 'BF16',
  Q8_0: 'Q8_0',
  Q6_K: 'Q6_K',
  Q5_K_M: 'Q5_K',
  Q5_K_S: 'Q5_K',
  Q5_1: 'Q5_1',
  Q5_0: 'Q5_0',
  Q4_K_M: 'Q4_K',
  Q4_K_S: 'Q4_K',
  Q4_1: 'Q4_1',
  Q4_0: 'Q4_0',
  IQ4_NL: 'IQ4_NL',
  IQ4_XS: 'IQ4_XS',
  Q3_K_L: 'Q3_K',
  Q3_K_M: 'Q3_K',
  Q3_K_S: 'Q3_K',
  IQ3_M: 'IQ3_S',
  IQ3_S: 'IQ3_S',
  IQ3_XS: 'IQ3_S',
  IQ3_XXS: 'IQ3_XXS',
  Q2_K: 'Q2_K',
  Q2_K_S: 'Q2_K',
  IQ2_M: 'IQ2_S',
  IQ2_S: 'IQ2_XS',
  IQ2_XS: 'IQ2_XS',
  IQ2_XXS: 'IQ2_XXS',
  IQ1_M: 'IQ1_M',
  IQ1_S: 'IQ1_S',
  TQ2_0: 'TQ2_0',
  TQ1_0: 'TQ1_0',
  MXFP4_MOE: 'MXFP4',
} as const satisfies Record<string, GgmlType>;

export type GgufFileType = keyof typeof GGUF_FILE_TYPES;

const VERY_LOW_BIT = new Set<GgufFileType>(['IQ2_XXS', 'IQ2_XS', 'IQ1_S', 'IQ2_S', 'IQ2_M', 'IQ1_M']);
// llama-quantize refuses these without an importance matrix (llama-quant.cpp, "requires an
// importance matrix"); for other types the published size tables were made without one.
const NEEDS_IMATRIX = new Set<GgufFileType>(['IQ2_XXS', 'IQ2_XS', 'IQ2_S', 'IQ2_M', 'IQ1_S', 'IQ1_M', 'IQ3_XXS']);
const OUTPUT_Q5K = new Set<GgufFileType>([...VERY_LOW_BIT, 'IQ3_XXS']);

/** Facts about the model that the rules consult (llama-quant.cpp quantize_state_impl). */
export interface RecipeContext {
  readonly arch: ModelArchitecture;
  /** n_head / n_head_kv. */
  readonly gqa: number;
  /** Routed experts, 0 for dense models. */
  readonly experts: number;
  /** LLM_TYPE_70B: 80 layers with grouped-query attention. */
  readonly is70B: boolean;
  readonly falcon: boolean;
  /** An importance matrix was used: assumed only where llama-quantize requires one. */
  readonly imatrix: boolean;
  /** Number of attn_v-like tensors (NV). */
  readonly attnVCount: number;
}

/** Counters that advance as tensors are visited in layer order (iv and the ffn_down counter). */
export interface RecipeCounters {
  attnV: number;
  ffnDown: number;
}

export function recipeContext(arch: ModelArchitecture, ftype: GgufFileType): RecipeContext {
  return {
    arch,
    gqa: arch.mla ? 1 : arch.attentionHeads / arch.kvHeads,
    experts: arch.moe?.experts ?? 0,
    is70B: arch.layers === 80 && arch.kvHeads < arch.attentionHeads && arch.ggufArch !== 'falcon',
    falcon: arch.ggufArch === 'falcon',
    imatrix: NEEDS_IMATRIX.has(ftype),
    attnVCount: attentionLayerCount(arch),
  };
}

/** llama.cpp use_more_bits(): first and last eighth of layers plus every third layer between. */
function moreBitsLayer(i: number, n: number): boolean {
  const e = Math.floor(n / 8);
  return i < e || i >= Math.floor((7 * n) / 8) || (i - e) % 3 === 2;
}

function outputType(ftype: GgufFileType, ctx: RecipeContext): GgmlType {
  const base = GGUF_FILE_TYPES[ftype];
  if (ftype === 'MXFP4_MOE') return 'Q8_0';
  if (ctx.falcon || ctx.arch.hiddenSize % GGML_TYPES[base].blockSize !== 0) return 'Q8_0';
  if (OUTPUT_Q5K.has(ftype)) return 'Q5_K';
  return base === 'Q8_0' ? base : 'Q6_K';
}

function tokenEmbdType(ftype: GgufFileType): GgmlType {
  if (ftype === 'IQ2_XXS' || ftype === 'IQ2_XS' || ftype === 'IQ1_S' || ftype === 'IQ1_M') return 'Q2_K';
  if (ftype === 'IQ2_S' || ftype === 'IQ2_M' || ftype === 'IQ3_XXS') return 'IQ3_S';
  if (ftype === 'TQ1_0' || ftype === 'TQ2_0') return 'Q4_K';
  return GGUF_FILE_TYPES[ftype];
}

function veryLowBitType(ftype: GgufFileType, t: TensorSpec, ctx: RecipeContext, c: RecipeCounters): GgmlType {
  const base = GGUF_FILE_TYPES[ftype];
  const wider = ftype === 'IQ2_S' || ftype === 'IQ2_M';
  if (t.name === 'attn_v') return ctx.gqa >= 4 || ctx.experts >= 4 ? 'Q4_K' : wider ? 'IQ3_S' : 'Q2_K';
  if (t.name === 'attn_k' && ctx.experts === 8) return 'Q4_K';
  if (t.name.startsWith('ffn_down')) {
    const early = c.ffnDown++ < Math.floor(ctx.arch.layers / 8);
    return early ? (wider ? 'IQ3_S' : 'Q2_K') : base;
  }
  if (t.name === 'attn_output') {
    if (ctx.experts === 8) return 'Q5_K';
    if (wider) return 'IQ3_S';
    if (ftype === 'IQ1_S' || ftype === 'IQ1_M') return 'IQ2_XXS';
  }
  return base;
}

function attnVType(ftype: GgufFileType, ctx: RecipeContext, iv: number): GgmlType {
  const base = GGUF_FILE_TYPES[ftype];
  const gqa4 = ctx.gqa >= 4;
  let type: GgmlType = base;
  if (ftype === 'Q2_K') type = gqa4 ? 'Q4_K' : 'Q3_K';
  else if (ftype === 'Q2_K_S') type = gqa4 ? 'Q4_K' : 'Q2_K';
  else if (ftype === 'Q3_K_M') type = iv < 2 ? 'Q5_K' : 'Q4_K';
  else if (ftype === 'Q3_K_L') type = 'Q5_K';
  else if (ftype === 'Q4_K_S') type = iv < 4 ? 'Q5_K' : 'Q4_K';
  else if (ftype === 'Q4_K_M') type = moreBitsLayer(iv, ctx.attnVCount) ? 'Q6_K' : 'Q4_K';
  else if (ftype === 'Q5_K_M') type = moreBitsLayer(iv, ctx.attnVCount) ? 'Q6_K' : 'Q5_K';
  else if (ftype === 'IQ3_XXS') type = gqa4 ? 'Q4_K' : ctx.imatrix ? 'IQ3_XXS' : 'IQ3_S';
  else if (ftype === 'IQ3_XS' || ftype === 'IQ3_S') type = gqa4 ? 'Q4_K' : 'IQ3_S';
  else if (ftype === 'IQ3_M') type = 'Q4_K';
  else if (ftype === 'IQ4_NL' || ftype === 'IQ4_XS') type = gqa4 ? 'Q5_K' : base;
  // Post-rules: 70B models get Q5_K for Q3_K/Q4_K choices; 8-expert models Q8_0.
  if (ctx.is70B && (type === 'Q3_K' || type === 'Q4_K')) type = 'Q5_K';
  if (ctx.experts === 8) type = 'Q8_0';
  return type;
}

function ffnDownType(ftype: GgufFileType, ctx: RecipeContext, layer: number): GgmlType {
  const base = GGUF_FILE_TYPES[ftype];
  const n = ctx.arch.layers;
  const early8 = layer < Math.floor(n / 8);
  switch (ftype) {
    case 'Q2_K':
      return 'Q3_K';
    case 'Q2_K_S':
      return early8 ? 'Q4_K' : base;
    case 'Q3_K_M':
      if (ctx.falcon) return moreBitsLayer(layer, n) ? 'Q4_K' : 'Q3_K';
      return layer < Math.floor(n / 16) ? 'Q5_K' : 'Q4_K';
    case 'Q3_K_L':
      return ctx.falcon ? 'Q4_K' : 'Q5_K';
    case 'Q4_0':
      return ctx.imatrix && early8 ? 'Q4_1' : base;
    case 'Q5_0':
      return ctx.imatrix && early8 ? 'Q5_1' : base;
    case 'Q4_K_S':
      return !ctx.falcon && early8 ? 'Q5_K' : base;
    case 'Q4_K_M':
      if (ctx.falcon) return layer < Math.floor(n / 16) ? 'Q6_K' : moreBitsLayer(layer, n) ? 'Q5_K' : 'Q4_K';
      return moreBitsLayer(layer, n) ? 'Q6_K' : 'Q4_K';
    case 'Q5_K_M':
      return moreBitsLayer(layer, n) ? 'Q6_K' : 'Q5_K';
    case 'IQ3_XXS':
      return ctx.imatrix ? base : early8 ? 'Q4_K' : 'Q3_K';
    case 'IQ3_M':
      return early8 || (ctx.experts === 8 && moreBitsLayer(layer, n)) ? 'Q4_K' : base;
    case 'IQ4_NL':
    case 'IQ4_XS':
      return !ctx.imatrix && early8 ? 'Q5_K' : base;
    default:
      return base;
  }
}

function attnOutputType(ftype: GgufFileType, ctx: RecipeContext): GgmlType {
  const base = GGUF_FILE_TYPES[ftype];
  const e8 = ctx.experts === 8;
  switch (ftype) {
    case 'Q2_K':
      return e8 ? 'Q5_K' : ctx.falcon ? 'Q2_K' : 'Q3_K';
    case 'Q3_K_S':
    case 'Q4_K_S':
    case 'Q4_K_M':
    case 'IQ4_NL':
    case 'IQ4_XS':
      return e8 ? 'Q5_K' : base;
    case 'Q3_K_M':
      return e8 ? 'Q5_K' : ctx.falcon ? 'Q3_K' : 'Q4_K';
    case 'Q3_K_L':
      return ctx.falcon ? 'Q4_K' : e8 ? 'Q3_K' : 'Q5_K';
    case 'IQ3_XXS':
    case 'IQ3_XS':
    case 'IQ3_S':
      return e8 ? 'Q5_K' : 'IQ3_S';
    case 'IQ3_M':
      return e8 ? 'Q5_K' : ctx.falcon ? 'IQ3_S' : 'Q4_K';
    default:
      return base;
  }
}

function fusedQkvType(ftype: GgufFileType): GgmlType {
  if (ftype === 'Q3_K_M' || ftype === 'Q3_K_L' || ftype === 'IQ3_M') return 'Q4_K';
  if (ftype === 'Q4_K_M') return 'Q5_K';
  if (ftype === 'Q5_K_M') return 'Q6_K';
  return GGUF_FILE_TYPES[ftype];
}

function ruleType(ftype: GgufFileType, t: TensorSpec, ctx: RecipeContext, c: RecipeCounters): GgmlType {
  const base = GGUF_FILE_TYPES[ftype];
  if (t.name === 'output' || (t.name === 'token_embd' && ctx.arch.tiedEmbeddings)) {
    return outputType(ftype, ctx);
  }
  if (ftype === 'MXFP4_MOE') return t.experts > 1 ? 'MXFP4' : 'Q8_0';
  if (t.name === 'token_embd') return tokenEmbdType(ftype);
  if (VERY_LOW_BIT.has(ftype)) return veryLowBitType(ftype, t, ctx, c);
  if (t.name === 'attn_v') return attnVType(ftype, ctx, c.attnV++);
  if (t.name === 'attn_k') {
    if (ctx.experts === 8) return 'Q8_0';
    return ftype === 'IQ3_XXS' ? 'IQ2_S' : ftype === 'IQ3_XS' ? 'IQ3_XXS' : base;
  }
  if (t.name === 'attn_q') return ftype === 'IQ3_XXS' ? 'IQ2_S' : ftype === 'IQ3_XS' ? 'IQ3_XXS' : base;
  if (t.name.startsWith('ffn_down')) return ffnDownType(ftype, ctx, t.layer);
  if (t.name === 'attn_output') return attnOutputType(ftype, ctx);
  if (t.name === 'attn_qkv') return fusedQkvType(ftype);
  if (ftype === 'IQ3_XS' && (t.name.startsWith('ffn_gate') || t.name.startsWith('ffn_up'))) {
    const n = ctx.arch.layers;
    return t.layer >= Math.floor(n / 8) && t.layer < Math.floor((7 * n) / 8) ? 'IQ3_XXS' : 'IQ3_S';
  }
  return base;
}

/** Fallback when a row is not a whole number of blocks (llama-quant.cpp, "convert_incompatible_tensor"). */
function shapeFallback(type: GgmlType, ne0: number): GgmlType {
  if (ne0 % GGML_TYPES[type].blockSize === 0) return type;
  let next: GgmlType;
  if (type === 'Q4_K') next = 'Q5_0';
  else if (type === 'Q5_K') next = 'Q5_1';
  else if (type === 'Q6_K') next = 'Q8_0';
  else if (type === 'TQ1_0' || type === 'TQ2_0') next = 'Q4_0';
  else next = 'IQ4_NL';
  return ne0 % GGML_TYPES[next].blockSize === 0 ? next : 'F16';
}

/**
 * The ggml type a tensor is stored in within a GGUF file of the given file type. 1-D tensors
 * (norms, biases, routers) stay F32: convert_hf_to_gguf.py writes them as F32 and the quantizer
 * skips tensors with fewer than two dimensions.
 */
export function ggufTensorType(
  ftype: GgufFileType,
  t: TensorSpec,
  ctx: RecipeContext,
  counters: RecipeCounters,
): GgmlType {
  if (t.vector) return 'F32';
  // Experts a checkpoint ships as MXFP4 (gpt-oss) are copied unchanged into every file type.
  if (t.routed && ctx.arch.moe?.expertFormat === 'mxfp4') return 'MXFP4';
  const base = GGUF_FILE_TYPES[ftype];
  // Float file types leave every tensor at the default type: the selector is not run.
  if (base === 'F32' || base === 'F16' || base === 'BF16') return base;
  return shapeFallback(ruleType(ftype, t, ctx, counters), t.ne0);
}
