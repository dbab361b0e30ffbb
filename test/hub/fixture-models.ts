import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { architectureFrom, type ModelArchitecture } from '../../src/core/architecture';
import { ggmlRowBytes, type GgmlType } from '../../src/core/formats/ggml-types';
import { ggufTensorType, recipeContext, type GgufFileType } from '../../src/core/formats/gguf-recipes';
import { tensorInventory } from '../../src/core/tensors';
import {
  ggufDataBytes,
  ggufHeaderBytes,
  safetensorsHeaderBytes,
  type GgufMeta,
  type GgufTensorSpec,
  type SafetensorsSpec,
} from './file-bytes';

/**
 * The repositories the mock Hub serves, generated here: config.json files as published (copies in
 * test/fixtures/configs), API answers in the Hub's shape, and safetensors / GGUF headers whose
 * tensors follow each model's transformers or llama.cpp naming. Expected totals are the Hub's own
 * safetensors counts where the model has one (Qwen3-32B 32,762,123,264; Llama-3.1-8B
 * 8,030,261,248; gpt-oss-20b 20,914,757,184; Nemotron-Nano-9B-v2 8,888,227,328).
 */

export interface FixtureFile {
  readonly path: string;
  readonly size: number;
  /** The bytes the mock Hub serves from the start of the file; zeros after them. */
  readonly head: Uint8Array;
}

export interface FixtureRepo {
  readonly id: string;
  readonly sha: string;
  readonly gated: false | 'auto' | 'manual';
  readonly cardData?: Record<string, unknown>;
  readonly files: readonly FixtureFile[];
  /** Expected Σ of tensor bytes over the weight files (the test oracle). */
  readonly weightBytes?: number;
}

const CONFIGS = join(import.meta.dirname, '..', 'fixtures', 'configs');
const text = (s: string) => new TextEncoder().encode(s);
const jsonFile = (path: string, value: unknown): FixtureFile => {
  const head = text(JSON.stringify(value, null, 2));
  return { path, size: head.length, head };
};
const configFile = (name: string): FixtureFile => {
  const head = new Uint8Array(readFileSync(join(CONFIGS, name)));
  return { path: 'config.json', size: head.length, head };
};
const sha = (seed: string) => {
  let h = 0x811c9dc5;
  let out = '';
  for (let round = 0; round < 5; round++) {
    for (const c of `${seed}${round}`) h = Math.imul(h ^ c.charCodeAt(0), 0x01000193) >>> 0;
    out += h.toString(16).padStart(8, '0');
  }
  return out;
};

const DTYPE_BYTES: Record<string, number> = { BF16: 2, F16: 2, F32: 4, I32: 4, U8: 1, F8_E4M3: 1 };
const t = (name: string, dtype: string, shape: number[]): SafetensorsSpec => ({
  name,
  dtype,
  shape,
  bytes: shape.reduce((a, b) => a * b, 1) * (DTYPE_BYTES[dtype] ?? 2),
});

/** Splits tensors over `n` shards with a model.safetensors.index.json, as transformers saves them. */
function sharded(tensors: readonly SafetensorsSpec[], n: number): FixtureFile[] {
  const files: FixtureFile[] = [];
  const weightMap: Record<string, string> = {};
  const per = Math.ceil(tensors.length / n);
  let total = 0;
  for (let i = 0; i < n; i++) {
    const part = tensors.slice(i * per, (i + 1) * per);
    const name =
      n === 1
        ? 'model.safetensors'
        : `model-${String(i + 1).padStart(5, '0')}-of-${String(n).padStart(5, '0')}.safetensors`;
    const { header, dataBytes } = safetensorsHeaderBytes(part);
    files.push({ path: name, size: header.length + dataBytes, head: header });
    for (const p of part) weightMap[p.name] = name;
    total += dataBytes;
  }
  if (n > 1)
    files.push(jsonFile('model.safetensors.index.json', { metadata: { total_size: total }, weight_map: weightMap }));
  return files;
}

const sum = (tensors: readonly { bytes: number }[]) => tensors.reduce((a, b) => a + b.bytes, 0);

interface DenseShape {
  layers: number;
  hidden: number;
  heads: number;
  kv: number;
  headDim: number;
  ffn: number;
  vocab: number;
  qkNorm: boolean;
  tied: boolean;
}

/**
 * A Llama/Qwen3-style checkpoint's tensors. `linear` writes one projection: plain (BF16), AWQ
 * (qweight [in, out/8] I32, qzeros [in/128, out/8] I32, scales [in/128, out] F16: AutoAWQ
 * gemm.py) or block FP8 (F8_E4M3 weight with an F32 weight_scale_inv per 128 × 128 block).
 */
function denseTensors(s: DenseShape, linear: 'bf16' | 'awq' | 'fp8'): SafetensorsSpec[] {
  const out: SafetensorsSpec[] = [t('model.embed_tokens.weight', 'BF16', [s.vocab, s.hidden])];
  const proj = (name: string, inF: number, outF: number) => {
    if (linear === 'awq') {
      out.push(t(`${name}.qweight`, 'I32', [inF, outF / 8]));
      out.push(t(`${name}.qzeros`, 'I32', [inF / 128, outF / 8]));
      out.push(t(`${name}.scales`, 'F16', [inF / 128, outF]));
    } else if (linear === 'fp8') {
      out.push(t(`${name}.weight`, 'F8_E4M3', [outF, inF]));
      out.push(t(`${name}.weight_scale_inv`, 'F32', [Math.ceil(outF / 128), Math.ceil(inF / 128)]));
    } else {
      out.push(t(`${name}.weight`, 'BF16', [outF, inF]));
    }
  };
  for (let i = 0; i < s.layers; i++) {
    const p = `model.layers.${i}`;
    out.push(t(`${p}.input_layernorm.weight`, 'BF16', [s.hidden]));
    proj(`${p}.self_attn.q_proj`, s.hidden, s.heads * s.headDim);
    proj(`${p}.self_attn.k_proj`, s.hidden, s.kv * s.headDim);
    proj(`${p}.self_attn.v_proj`, s.hidden, s.kv * s.headDim);
    proj(`${p}.self_attn.o_proj`, s.heads * s.headDim, s.hidden);
    if (s.qkNorm) {
      out.push(t(`${p}.self_attn.q_norm.weight`, 'BF16', [s.headDim]));
      out.push(t(`${p}.self_attn.k_norm.weight`, 'BF16', [s.headDim]));
    }
    out.push(t(`${p}.post_attention_layernorm.weight`, 'BF16', [s.hidden]));
    proj(`${p}.mlp.gate_proj`, s.hidden, s.ffn);
    proj(`${p}.mlp.up_proj`, s.hidden, s.ffn);
    proj(`${p}.mlp.down_proj`, s.ffn, s.hidden);
  }
  out.push(t('model.norm.weight', 'BF16', [s.hidden]));
  if (!s.tied) out.push(t('lm_head.weight', 'BF16', [s.vocab, s.hidden]));
  return out;
}

const QWEN3_32B: DenseShape = {
  layers: 64,
  hidden: 5120,
  heads: 64,
  kv: 8,
  headDim: 128,
  ffn: 25600,
  vocab: 151936,
  qkNorm: true,
  tied: false,
};
const LLAMA_31_8B: DenseShape = {
  layers: 32,
  hidden: 4096,
  heads: 32,
  kv: 8,
  headDim: 128,
  ffn: 14336,
  vocab: 128256,
  qkNorm: false,
  tied: false,
};

const QWEN3_32B_CONFIG = {
  architectures: ['Qwen3ForCausalLM'],
  model_type: 'qwen3',
  hidden_size: 5120,
  intermediate_size: 25600,
  num_hidden_layers: 64,
  num_attention_heads: 64,
  num_key_value_heads: 8,
  head_dim: 128,
  vocab_size: 151936,
  max_position_embeddings: 40960,
  tie_word_embeddings: false,
  torch_dtype: 'bfloat16',
};

const LLAMA_CONFIG = {
  architectures: ['LlamaForCausalLM'],
  model_type: 'llama',
  hidden_size: 4096,
  intermediate_size: 14336,
  num_hidden_layers: 32,
  num_attention_heads: 32,
  num_key_value_heads: 8,
  vocab_size: 128256,
  max_position_embeddings: 131072,
  tie_word_embeddings: false,
  torch_dtype: 'bfloat16',
};

/** gpt-oss-20b as the Hub stores it: MXFP4 expert blocks (U8 [experts, rows, groups, 16]) and scales. */
function gptOssTensors(): SafetensorsSpec[] {
  const h = 2880;
  const e = 32;
  const out: SafetensorsSpec[] = [t('model.embed_tokens.weight', 'BF16', [201088, h])];
  for (let i = 0; i < 24; i++) {
    const p = `model.layers.${i}`;
    out.push(t(`${p}.input_layernorm.weight`, 'BF16', [h]));
    out.push(
      t(`${p}.self_attn.q_proj.weight`, 'BF16', [64 * 64, h]),
      t(`${p}.self_attn.q_proj.bias`, 'BF16', [64 * 64]),
    );
    out.push(t(`${p}.self_attn.k_proj.weight`, 'BF16', [8 * 64, h]), t(`${p}.self_attn.k_proj.bias`, 'BF16', [8 * 64]));
    out.push(t(`${p}.self_attn.v_proj.weight`, 'BF16', [8 * 64, h]), t(`${p}.self_attn.v_proj.bias`, 'BF16', [8 * 64]));
    out.push(t(`${p}.self_attn.o_proj.weight`, 'BF16', [h, 64 * 64]), t(`${p}.self_attn.o_proj.bias`, 'BF16', [h]));
    out.push(t(`${p}.self_attn.sinks`, 'BF16', [64]));
    out.push(t(`${p}.post_attention_layernorm.weight`, 'BF16', [h]));
    out.push(t(`${p}.mlp.router.weight`, 'BF16', [e, h]), t(`${p}.mlp.router.bias`, 'BF16', [e]));
    out.push(t(`${p}.mlp.experts.gate_up_proj_blocks`, 'U8', [e, 2 * h, h / 32, 16]));
    out.push(t(`${p}.mlp.experts.gate_up_proj_scales`, 'U8', [e, 2 * h, h / 32]));
    out.push(t(`${p}.mlp.experts.gate_up_proj_bias`, 'BF16', [e, 2 * h]));
    out.push(t(`${p}.mlp.experts.down_proj_blocks`, 'U8', [e, h, h / 32, 16]));
    out.push(t(`${p}.mlp.experts.down_proj_scales`, 'U8', [e, h, h / 32]));
    out.push(t(`${p}.mlp.experts.down_proj_bias`, 'BF16', [e, h]));
  }
  out.push(t('model.norm.weight', 'BF16', [h]), t('lm_head.weight', 'BF16', [201088, h]));
  return out;
}

const GPT_OSS_CONFIG = {
  architectures: ['GptOssForCausalLM'],
  model_type: 'gpt_oss',
  hidden_size: 2880,
  intermediate_size: 2880,
  num_hidden_layers: 24,
  num_attention_heads: 64,
  num_key_value_heads: 8,
  head_dim: 64,
  num_local_experts: 32,
  num_experts_per_tok: 4,
  vocab_size: 201088,
  sliding_window: 128,
  layer_types: Array.from({ length: 24 }, (_, i) => (i % 2 === 0 ? 'sliding_attention' : 'full_attention')),
  max_position_embeddings: 131072,
  tie_word_embeddings: false,
  torch_dtype: 'bfloat16',
  quantization_config: {
    quant_method: 'mxfp4',
    modules_to_not_convert: ['model.layers.*.self_attn', 'model.layers.*.mlp.router', 'model.embed_tokens', 'lm_head'],
  },
};

/** Nemotron-Nano-9B-v2 (nemotron_h): one mixer per block, backbone.* names. */
function nemotronTensors(): SafetensorsSpec[] {
  const cfg = JSON.parse(readFileSync(join(CONFIGS, 'nemotron-nano-9b-v2.json'), 'utf8')) as {
    hybrid_override_pattern: string;
  };
  const h = 4480;
  const inner = 128 * 80;
  const conv = inner + 2 * 8 * 128;
  const out: SafetensorsSpec[] = [t('backbone.embeddings.weight', 'BF16', [131072, h])];
  Array.from(cfg.hybrid_override_pattern).forEach((c, i) => {
    const p = `backbone.layers.${i}`;
    out.push(t(`${p}.norm.weight`, 'BF16', [h]));
    if (c === 'M') {
      out.push(t(`${p}.mixer.in_proj.weight`, 'BF16', [inner + conv + 128, h]));
      out.push(t(`${p}.mixer.conv1d.weight`, 'BF16', [conv, 1, 4]), t(`${p}.mixer.conv1d.bias`, 'BF16', [conv]));
      out.push(
        t(`${p}.mixer.dt_bias`, 'BF16', [128]),
        t(`${p}.mixer.A_log`, 'F32', [128]),
        t(`${p}.mixer.D`, 'F32', [128]),
      );
      out.push(t(`${p}.mixer.norm.weight`, 'BF16', [inner]), t(`${p}.mixer.out_proj.weight`, 'BF16', [h, inner]));
    } else if (c === '*') {
      out.push(
        t(`${p}.mixer.q_proj.weight`, 'BF16', [40 * 128, h]),
        t(`${p}.mixer.k_proj.weight`, 'BF16', [8 * 128, h]),
      );
      out.push(
        t(`${p}.mixer.v_proj.weight`, 'BF16', [8 * 128, h]),
        t(`${p}.mixer.o_proj.weight`, 'BF16', [h, 40 * 128]),
      );
    } else {
      out.push(
        t(`${p}.mixer.up_proj.weight`, 'BF16', [15680, h]),
        t(`${p}.mixer.down_proj.weight`, 'BF16', [h, 15680]),
      );
    }
  });
  out.push(t('backbone.norm_f.weight', 'BF16', [h]), t('lm_head.weight', 'BF16', [131072, h]));
  return out;
}

// ggml type ids (ggml.h) for the GGUF fixtures.
const GGML_ID: Partial<Record<GgmlType, number>> = {
  F32: 0,
  F16: 1,
  Q4_0: 2,
  Q8_0: 8,
  Q4_K: 12,
  Q5_K: 13,
  Q6_K: 14,
  BF16: 30,
};

const QWEN3_30B_A3B: ModelArchitecture = architectureFrom({
  layers: 48,
  hiddenSize: 2048,
  intermediateSize: 6144,
  attentionHeads: 32,
  kvHeads: 4,
  headDim: 128,
  vocabSize: 151936,
  tiedEmbeddings: false,
  moe: { experts: 128, activeExperts: 8, sharedExperts: 0, expertIntermediateSize: 768, denseLayers: 0 },
});

/** A GGUF file's tensors as llama-quantize would type them for `ftype` (core recipe rules). */
function ggufTensors(arch: ModelArchitecture, ftype: GgufFileType): GgufTensorSpec[] {
  const ctx = recipeContext(arch, ftype);
  const counters = { attnV: 0, ffnDown: 0 };
  return tensorInventory(arch).map((spec) => {
    const type = spec.vector ? 'F32' : ggufTensorType(ftype, spec, ctx, counters);
    const id = GGML_ID[type];
    if (id === undefined) throw new Error(`fixture has no id for ${type}`);
    const dims =
      spec.experts > 1 ? [spec.ne0, spec.rows, spec.experts] : spec.rows > 1 ? [spec.ne0, spec.rows] : [spec.ne0];
    const name = spec.name.endsWith('.weight') || spec.name.endsWith('.bias') ? spec.name : `${spec.name}.weight`;
    return {
      name: spec.layer >= 0 ? `blk.${spec.layer}.${name}` : name,
      dims,
      typeId: id,
      bytes: ggmlRowBytes(type, spec.ne0) * spec.rows * spec.experts,
    };
  });
}

const FILE_TYPE_ID: Partial<Record<GgufFileType, number>> = { Q4_K_M: 15, Q8_0: 7, BF16: 32 };

function qwenMoeMeta(ftype: GgufFileType, extra: Record<string, GgufMeta> = {}): Record<string, GgufMeta> {
  return {
    'general.architecture': { type: 'string', value: 'qwen3moe' },
    'general.name': { type: 'string', value: 'Qwen3-30B-A3B' },
    'general.file_type': { type: 'u32', value: FILE_TYPE_ID[ftype] ?? 0 },
    'qwen3moe.block_count': { type: 'u32', value: 48 },
    'qwen3moe.context_length': { type: 'u32', value: 40960 },
    'qwen3moe.embedding_length': { type: 'u32', value: 2048 },
    'qwen3moe.feed_forward_length': { type: 'u32', value: 6144 },
    'qwen3moe.attention.head_count': { type: 'u32', value: 32 },
    'qwen3moe.attention.head_count_kv': { type: 'u32', value: 4 },
    'qwen3moe.attention.key_length': { type: 'u32', value: 128 },
    'qwen3moe.attention.value_length': { type: 'u32', value: 128 },
    'qwen3moe.expert_count': { type: 'u32', value: 128 },
    'qwen3moe.expert_used_count': { type: 'u32', value: 8 },
    'qwen3moe.expert_feed_forward_length': { type: 'u32', value: 768 },
    // A tokenizer large enough that the header needs a second ranged read.
    'tokenizer.ggml.tokens': { type: 'string[]', value: Array.from({ length: 40_000 }, (_, i) => `token-${i}`) },
    ...extra,
  };
}

function ggufFile(
  path: string,
  meta: Record<string, GgufMeta>,
  tensors: GgufTensorSpec[],
): FixtureFile & { weightBytes: number } {
  const head = ggufHeaderBytes(meta, tensors);
  return { path, head, size: head.length + ggufDataBytes(tensors), weightBytes: sum(tensors) };
}

/** The GGUF repo: two single-file quants, a BF16 split in two shards, and a vision projector. */
function qwenGgufRepo(): FixtureRepo {
  const q4 = ggufFile('Qwen3-30B-A3B-Q4_K_M.gguf', qwenMoeMeta('Q4_K_M'), ggufTensors(QWEN3_30B_A3B, 'Q4_K_M'));
  const q8 = ggufFile('Qwen3-30B-A3B-Q8_0.gguf', qwenMoeMeta('Q8_0'), ggufTensors(QWEN3_30B_A3B, 'Q8_0'));
  const bf16 = ggufTensors(QWEN3_30B_A3B, 'BF16');
  const half = Math.ceil(bf16.length / 2);
  const split = (no: number): Record<string, GgufMeta> => ({
    'split.no': { type: 'u32', value: no },
    'split.count': { type: 'u32', value: 2 },
    'split.tensors.count': { type: 'i32', value: bf16.length },
  });
  const s1 = ggufFile(
    'BF16/Qwen3-30B-A3B-BF16-00001-of-00002.gguf',
    qwenMoeMeta('BF16', split(0)),
    bf16.slice(0, half),
  );
  const s2 = ggufFile('BF16/Qwen3-30B-A3B-BF16-00002-of-00002.gguf', split(1), bf16.slice(half));
  const mmproj = ggufFile('mmproj-F16.gguf', { 'general.architecture': { type: 'string', value: 'clip' } }, [
    { name: 'v.blk.0.attn_q.weight', dims: [1024, 1024], typeId: 1, bytes: 1024 * 1024 * 2 },
  ]);
  return {
    id: 'unsloth/Qwen3-30B-A3B-GGUF',
    sha: sha('qwen-gguf'),
    gated: false,
    cardData: { base_model: 'Qwen/Qwen3-30B-A3B' },
    files: [jsonFile('README.md', {}), q4, q8, s1, s2, mmproj],
    weightBytes: q4.weightBytes,
  };
}

const weightsRepo = (
  id: string,
  config: FixtureFile,
  tensors: SafetensorsSpec[],
  shards: number,
  extra: Partial<FixtureRepo> = {},
): FixtureRepo => ({
  id,
  sha: sha(id),
  gated: false,
  files: [config, ...sharded(tensors, shards)],
  weightBytes: sum(tensors),
  ...extra,
});

let cached: readonly FixtureRepo[] | null = null;

export function fixtureRepos(): readonly FixtureRepo[] {
  if (cached) return cached;
  const qwen = denseTensors(QWEN3_32B, 'bf16');
  const llama = denseTensors(LLAMA_31_8B, 'bf16');
  cached = [
    weightsRepo('Qwen/Qwen3-32B', jsonFile('config.json', QWEN3_32B_CONFIG), qwen, 17),
    weightsRepo(
      'Qwen/Qwen3-32B-AWQ',
      jsonFile('config.json', {
        ...QWEN3_32B_CONFIG,
        torch_dtype: 'float16',
        quantization_config: { quant_method: 'awq', bits: 4, group_size: 128, version: 'gemm', zero_point: true },
      }),
      denseTensors(QWEN3_32B, 'awq'),
      4,
    ),
    weightsRepo(
      'Qwen/Qwen3-32B-FP8',
      jsonFile('config.json', {
        ...QWEN3_32B_CONFIG,
        quantization_config: {
          quant_method: 'fp8',
          activation_scheme: 'dynamic',
          fmt: 'e4m3',
          weight_block_size: [128, 128],
        },
      }),
      denseTensors(QWEN3_32B, 'fp8'),
      7,
    ),
    weightsRepo('meta-llama/Llama-3.1-8B-Instruct', jsonFile('config.json', LLAMA_CONFIG), llama, 4, {
      gated: 'manual',
      cardData: { base_model: 'meta-llama/Llama-3.1-8B', license: 'llama3.1' },
    }),
    weightsRepo('unsloth/Llama-3.1-8B-Instruct', jsonFile('config.json', LLAMA_CONFIG), llama, 4, {
      cardData: { base_model: 'meta-llama/Llama-3.1-8B-Instruct' },
    }),
    weightsRepo('openai/gpt-oss-20b', jsonFile('config.json', GPT_OSS_CONFIG), gptOssTensors(), 3),
    weightsRepo('nvidia/NVIDIA-Nemotron-Nano-9B-v2', configFile('nemotron-nano-9b-v2.json'), nemotronTensors(), 4),
    qwenGgufRepo(),
  ];
  return cached;
}

/** Σ over a checkpoint's tensors of their logical parameters, the way the Hub counts them (scales apart). */
export const EXPECTED_PARAMS: Readonly<Record<string, number>> = {
  'Qwen/Qwen3-32B': 32_762_123_264,
  'Qwen/Qwen3-32B-AWQ': 32_762_123_264,
  'Qwen/Qwen3-32B-FP8': 32_762_123_264,
  'meta-llama/Llama-3.1-8B-Instruct': 8_030_261_248,
  'unsloth/Llama-3.1-8B-Instruct': 8_030_261_248,
  'openai/gpt-oss-20b': 20_914_757_184,
  'nvidia/NVIDIA-Nemotron-Nano-9B-v2': 8_888_227_328,
};
