import {
  architectureFrom,
  architectureProblem,
  type HybridShape,
  type ModelArchitecture,
  type SlidingWindowShape,
  type SsmShape,
} from '../core/architecture';
import { ggufNumber, ggufPerLayer, ggufString, type GgufHeader } from './gguf-header';

/**
 * The architecture a GGUF header states, in llama.cpp's keys ({arch}.block_count,
 * {arch}.attention.head_count_kv, which may be one value per layer, {arch}.ssm.*, …;
 * src/llama-arch.cpp and src/llama-model.cpp load_hparams,
 * https://github.com/ggml-org/llama.cpp/blob/master/src/llama-model.cpp). The tensors give the
 * exact weights; the architecture decides the KV cache, the recurrent state and routing.
 */

export interface GgufModel {
  readonly arch: ModelArchitecture;
  /** general.architecture ("qwen3", "nemotron_h", …). */
  readonly modelType: string;
  readonly name: string | null;
  readonly contextLength: number;
  /** The llama_ftype name of general.file_type ("Q4_K_M"), or null when it is missing or unknown. */
  readonly fileType: string | null;
  readonly assumptions: readonly string[];
}

export type GgufModelResult =
  { readonly ok: true; readonly value: GgufModel } | { readonly ok: false; readonly error: string };

/** general.file_type ids (llama.h enum llama_ftype). */
const FILE_TYPES: Readonly<Record<number, string>> = {
  0: 'F32',
  1: 'F16',
  2: 'Q4_0',
  3: 'Q4_1',
  7: 'Q8_0',
  8: 'Q5_0',
  9: 'Q5_1',
  10: 'Q2_K',
  11: 'Q3_K_S',
  12: 'Q3_K_M',
  13: 'Q3_K_L',
  14: 'Q4_K_S',
  15: 'Q4_K_M',
  16: 'Q5_K_S',
  17: 'Q5_K_M',
  18: 'Q6_K',
  19: 'IQ2_XXS',
  20: 'IQ2_XS',
  21: 'Q2_K_S',
  22: 'IQ3_XS',
  23: 'IQ3_XXS',
  24: 'IQ1_S',
  25: 'IQ4_NL',
  26: 'IQ3_S',
  27: 'IQ3_M',
  28: 'IQ2_S',
  29: 'IQ2_M',
  30: 'IQ4_XS',
  31: 'IQ1_M',
  32: 'BF16',
  36: 'TQ1_0',
  37: 'TQ2_0',
  38: 'MXFP4_MOE',
};

// llama.cpp's hard-coded interleaving where the file has no pattern key (llama-model.cpp, Dec
// 2025: set_swa_pattern per architecture).
const SWA_PATTERN: Readonly<Record<string, number>> = { gemma2: 2, gemma3: 6, 'gpt-oss': 2, cohere2: 4, llama4: 4 };
const MAMBA1 = new Set(['mamba', 'jamba', 'falcon-mamba']);

const max = (v: number | readonly number[] | undefined): number | undefined =>
  v === undefined ? undefined : typeof v === 'number' ? v : Math.max(0, ...v);

function ssmShape(h: GgufHeader, a: string, kind: SsmShape['kind']): SsmShape | null {
  const inner = ggufNumber(h, `${a}.ssm.inner_size`);
  const state = ggufNumber(h, `${a}.ssm.state_size`);
  if (inner === undefined || state === undefined) return null;
  const rank = ggufNumber(h, `${a}.ssm.time_step_rank`) ?? 0;
  return {
    kind,
    innerSize: inner,
    stateSize: state,
    groups: kind === 'mamba' ? 0 : (ggufNumber(h, `${a}.ssm.group_count`) ?? 1),
    // Mamba-2 and Gated DeltaNet store their head count as time_step_rank; Mamba its dt rank.
    heads: kind === 'mamba' ? 0 : rank,
    convKernel: ggufNumber(h, `${a}.ssm.conv_kernel`) ?? 4,
    dtRank: kind === 'mamba' ? rank : 0,
  };
}

function hybridLayout(h: GgufHeader, a: string, layers: number, kvArr: readonly number[] | null): HybridShape | null {
  const deltanet = a.startsWith('qwen3next') || a === 'qwen3_next';
  const ssm = ssmShape(h, a, deltanet ? 'gated-deltanet' : MAMBA1.has(a) ? 'mamba' : 'mamba2');
  if (!ssm) return null;
  if (deltanet) {
    const every = ggufNumber(h, `${a}.full_attention_interval`) ?? 4;
    return {
      mixers: Array.from({ length: layers }, (_, il) => ((il + 1) % every === 0 ? 'A' : 'L')).join(''),
      ssm,
      gatedAttention: true,
    };
  }
  if (a.startsWith('falcon-h1') || a === 'falcon_h1') return { mixers: 'P'.repeat(layers), ssm };
  const ffArr = ggufPerLayer(h, `${a}.feed_forward_length`);
  // Per-layer head_count_kv marks the attention layers; a layer without attention or FFN is a
  // Mamba block (Nemotron-H), one with an FFN but no attention an MLP block.
  const mixers = Array.from({ length: layers }, (_, il) => {
    const kv = kvArr ? (kvArr[il] ?? 0) : 0;
    if (kv > 0) return 'A';
    const ff = typeof ffArr === 'object' ? (ffArr[il] ?? 0) : 0;
    return a === 'nemotron_h' && ff > 0 ? '-' : 'M';
  }).join('');
  return { mixers, ssm };
}

function readGguf(h: GgufHeader): GgufModel {
  const a = ggufString(h, 'general.architecture');
  if (!a) throw new Error('the GGUF header has no general.architecture');
  const assumptions: string[] = [];
  const need = (key: string, fallback?: number): number => {
    const v = ggufNumber(h, `${a}.${key}`);
    if (v !== undefined) return v;
    if (fallback !== undefined) return fallback;
    throw new Error(`the GGUF header has no ${a}.${key}`);
  };
  const embd = h.tensors.find((t) => t.name === 'token_embd.weight');
  const nextn = ggufNumber(h, `${a}.nextn_predict_layers`) ?? 0;
  // block_count includes the MTP blocks, the last nextn_predict_layers of them (GLM-4.5, llama.cpp).
  const layers = need('block_count') - nextn;
  const hidden = need('embedding_length', embd?.dims[0]);
  const kvRaw = ggufPerLayer(h, `${a}.attention.head_count_kv`);
  const headsRaw = ggufPerLayer(h, `${a}.attention.head_count`);
  const heads = max(headsRaw) || 1;
  const kvArr = typeof kvRaw === 'object' ? kvRaw : null;
  const kvHeads = Math.min(heads, max(kvRaw) || heads);
  const keyLength = ggufNumber(h, `${a}.attention.key_length`);
  const headDim = keyLength ?? Math.floor(hidden / heads);
  const ff = max(ggufPerLayer(h, `${a}.feed_forward_length`));
  const vocabTokens = h.metadata.get('tokenizer.ggml.tokens');
  const vocab =
    ggufNumber(h, `${a}.vocab_size`) ??
    embd?.dims[1] ??
    (typeof vocabTokens === 'object' ? vocabTokens.length : undefined);
  if (vocab === undefined) throw new Error('the GGUF header gives no vocabulary size');
  const experts = ggufNumber(h, `${a}.expert_count`) ?? 0;
  const expertFf = ggufNumber(h, `${a}.expert_feed_forward_length`);
  const sharedFf = ggufNumber(h, `${a}.expert_shared_feed_forward_length`);
  const moe =
    experts > 1
      ? {
          experts,
          activeExperts: need('expert_used_count'),
          sharedExperts: ggufNumber(h, `${a}.expert_shared_count`) ?? (sharedFf ? 1 : 0),
          expertIntermediateSize: expertFf ?? ff ?? hidden,
          denseLayers: ggufNumber(h, `${a}.leading_dense_block_count`) ?? 0,
          sharedIntermediateSize: sharedFf,
        }
      : undefined;
  const kvLora = ggufNumber(h, `${a}.attention.kv_lora_rank`);
  const rope = ggufNumber(h, `${a}.rope.dimension_count`) ?? 64;
  const keyMla = ggufNumber(h, `${a}.attention.key_length_mla`) ?? keyLength ?? rope + 128;
  const mla = kvLora
    ? {
        qLoraRank: ggufNumber(h, `${a}.attention.q_lora_rank`) ?? 0,
        kvLoraRank: kvLora,
        qkNopeHeadDim: Math.max(1, keyMla - rope),
        qkRopeHeadDim: rope,
        vHeadDim:
          ggufNumber(h, `${a}.attention.value_length_mla`) ?? ggufNumber(h, `${a}.attention.value_length`) ?? 128,
      }
    : undefined;
  const window = ggufNumber(h, `${a}.attention.sliding_window`);
  const pattern = ggufNumber(h, `${a}.attention.sliding_window_pattern`) ?? SWA_PATTERN[a];
  const slidingWindow: SlidingWindowShape | undefined =
    window && pattern && pattern >= 2 ? { window, pattern, chunked: a === 'llama4' ? true : undefined } : undefined;
  const hybrid = ggufNumber(h, `${a}.ssm.state_size`) !== undefined ? hybridLayout(h, a, layers, kvArr) : null;
  if (!hybrid && kvArr?.some((k) => k === 0)) {
    assumptions.push(
      'some layers have no KV heads but the header states no recurrent layout: they are counted as attention layers',
    );
  }
  if (!ggufNumber(h, `${a}.context_length`))
    assumptions.push('the header gives no context length: assumed 4,096 tokens');
  const fileTypeId = ggufNumber(h, 'general.file_type');
  const arch = architectureFrom({
    layers,
    hiddenSize: hidden,
    intermediateSize: ff || hidden * 4,
    attentionHeads: heads,
    kvHeads,
    headDim,
    vocabSize: vocab,
    tiedEmbeddings: !h.tensors.some((t) => t.name === 'output.weight'),
    moe,
    mla,
    slidingWindow,
    hybrid: hybrid ?? undefined,
    mtpLayers: nextn > 0 ? nextn : undefined,
  });
  const problem = architectureProblem(arch);
  if (problem) throw new Error(`the GGUF header describes an impossible model: ${problem}`);
  return {
    arch,
    modelType: a,
    name: ggufString(h, 'general.name') ?? null,
    contextLength: need('context_length', 4096),
    fileType: fileTypeId === undefined ? null : (FILE_TYPES[fileTypeId] ?? null),
    assumptions,
  };
}

/** The model a GGUF header (the first shard's, which holds the metadata) describes. */
export function ggufModel(header: GgufHeader): GgufModelResult {
  try {
    return { ok: true, value: readGguf(header) };
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
}
