import { architectureFrom, architectureProblem, type ModelArchitecture } from '../core/architecture';
import type { RopeScaling } from '../core/context-scaling';

/**
 * Reads a Hugging Face config.json (untrusted: pasted, uploaded or fetched) into an architecture.
 * Key names follow transformers' configuration classes (LlamaConfig, MixtralConfig, Qwen3MoeConfig,
 * DeepseekV3Config, Gemma2Config, Gemma3TextConfig, GptOssConfig, FalconConfig, BloomConfig).
 */
export interface ParsedConfig {
  readonly arch: ModelArchitecture;
  readonly modelType: string;
  readonly contextLength: number;
  /**
   * The weight format the checkpoint is stored in, as a format id (weight-formats.ts), read from
   * quantization_config, else from torch_dtype / dtype; null when neither says.
   */
  readonly storedFormat: string | null;
  /** rope_scaling (or Transformers v5 rope_parameters) when it extends the window: YaRN, linear, dynamic. */
  readonly ropeScaling?: RopeScaling | undefined;
}

export type ConfigResult =
  { readonly ok: true; readonly value: ParsedConfig } | { readonly ok: false; readonly error: string };

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

class ConfigError extends Error {}

function int(cfg: Json, names: readonly string[], fallback?: number): number {
  for (const name of names) {
    const v = cfg[name];
    if (v === undefined || v === null) continue;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) {
      throw new ConfigError(`${name} must be a non-negative whole number; got ${JSON.stringify(v)}`);
    }
    return v;
  }
  if (fallback !== undefined) return fallback;
  throw new ConfigError(`missing ${names[0] ?? '?'}${names.length > 1 ? ` (or ${names.slice(1).join(', ')})` : ''}`);
}

function bool(cfg: Json, name: string, fallback: boolean): boolean {
  const v = cfg[name];
  if (v === undefined || v === null) return fallback;
  if (typeof v !== 'boolean') throw new ConfigError(`${name} must be true or false; got ${JSON.stringify(v)}`);
  return v;
}

const PLAIN_MLP = new Set(['falcon', 'bloom', 'gpt2', 'gpt_neox', 'phi', 'starcoder2', 'gpt_bigcode']);
const TIED_BY_DEFAULT = new Set(['gemma', 'gemma2', 'gemma3', 'gemma3_text', 'bloom', 'falcon', 'gpt2']);
const QKV_BIAS = new Set(['qwen2', 'qwen2_moe', 'bloom']);

function slidingWindow(cfg: Json, modelType: string, layers: number) {
  const window = cfg['sliding_window'];
  if (typeof window !== 'number' || window <= 0) return undefined;
  const types = cfg['layer_types'];
  if (Array.isArray(types)) {
    const firstFull = types.indexOf('full_attention');
    if (firstFull > 0 && firstFull < layers) return { window, pattern: firstFull + 1 };
    return undefined;
  }
  if (modelType === 'gemma2') return { window, pattern: 2 };
  if (modelType.startsWith('gemma3')) {
    return { window, pattern: int(cfg, ['sliding_window_pattern', '_sliding_window_pattern'], 6) };
  }
  // Mistral-style windows on every layer are not interleaved; llama.cpp ignores them.
  return undefined;
}

function readArchitecture(root: Json): ParsedConfig {
  const cfg: Json = isObject(root['text_config']) ? { ...root, ...root['text_config'] } : root;
  const modelType = typeof cfg['model_type'] === 'string' ? cfg['model_type'] : 'unknown';
  const layers = int(cfg, ['num_hidden_layers', 'n_layer', 'n_layers', 'num_layers']);
  const hiddenSize = int(cfg, ['hidden_size', 'n_embd', 'd_model']);
  const heads = int(cfg, ['num_attention_heads', 'n_head', 'n_heads']);
  const multiQuery = bool(cfg, 'multi_query', false);
  const kvHeads = multiQuery ? 1 : int(cfg, ['num_key_value_heads', 'num_kv_heads', 'n_head_kv'], heads);
  const plain = PLAIN_MLP.has(modelType);
  const intermediateSize = int(
    cfg,
    ['intermediate_size_mlp', 'intermediate_size', 'ffn_hidden_size', 'n_inner'],
    plain ? 4 * hiddenSize : undefined,
  );
  const experts = int(cfg, ['num_local_experts', 'n_routed_experts', 'num_experts'], 0);
  const stored = storedFormat(root);
  const moe =
    experts > 1
      ? {
          experts,
          activeExperts: int(cfg, ['num_experts_per_tok', 'num_experts_per_token']),
          sharedExperts: int(cfg, ['n_shared_experts'], modelType.startsWith('llama4') ? 1 : 0),
          expertIntermediateSize: int(cfg, ['moe_intermediate_size', 'intermediate_size'], intermediateSize),
          denseLayers: int(cfg, ['first_k_dense_replace'], 0),
          layerStep: int(cfg, ['interleave_moe_layer_step', 'decoder_sparse_step'], 1),
          // gpt-oss's quantization_config: the experts ship as MXFP4 (architecture.ts, expertFormat).
          expertFormat: stored === 'mxfp4' ? ('mxfp4' as const) : undefined,
        }
      : undefined;
  const kvLoraRank = int(cfg, ['kv_lora_rank'], 0);
  const mla =
    kvLoraRank > 0
      ? {
          qLoraRank: int(cfg, ['q_lora_rank'], 0),
          kvLoraRank,
          qkNopeHeadDim: int(cfg, ['qk_nope_head_dim']),
          qkRopeHeadDim: int(cfg, ['qk_rope_head_dim']),
          vHeadDim: int(cfg, ['v_head_dim']),
        }
      : undefined;
  const isFalcon = modelType === 'falcon';
  const arch = architectureFrom({
    layers,
    hiddenSize,
    intermediateSize,
    attentionHeads: heads,
    kvHeads,
    headDim: int(cfg, ['head_dim'], Math.floor(hiddenSize / Math.max(heads, 1))),
    vocabSize: int(cfg, ['vocab_size', 'padded_vocab_size']),
    tiedEmbeddings: bool(cfg, 'tie_word_embeddings', TIED_BY_DEFAULT.has(modelType)),
    mlp: plain ? 'plain' : 'gated',
    attentionBias: bool(cfg, 'attention_bias', QKV_BIAS.has(modelType)) || bool(cfg, 'bias', false),
    mlpBias: bool(cfg, 'mlp_bias', modelType === 'bloom' || modelType === 'gpt_oss'),
    norm: plain ? 'layernorm' : 'rmsnorm',
    fusedQkv: isFalcon || modelType === 'bloom' || modelType === 'phi3',
    ggufArch: isFalcon ? 'falcon' : undefined,
    moe,
    mla,
    slidingWindow: slidingWindow(cfg, modelType, layers),
  });
  const problem = architectureProblem(arch);
  if (problem) throw new ConfigError(problem);
  const contextLength = int(cfg, ['max_position_embeddings', 'n_positions', 'seq_length', 'max_sequence_length'], 2048);
  return {
    arch,
    modelType,
    contextLength: Math.max(1, contextLength),
    storedFormat: stored,
    ropeScaling: ropeScaling(cfg, contextLength),
  };
}

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

const SCALINGS = new Set(['yarn', 'linear', 'dynamic']);

/**
 * rope_scaling (Transformers v5: rope_parameters) as RopeScaling: its rope_type (or type), factor
 * and original_max_position_embeddings (for YaRN; otherwise the listed window). Types that do not
 * lengthen the window (llama3, longrope, default) give none.
 */
function ropeScaling(cfg: Json, contextLength: number): RopeScaling | undefined {
  const raw = isObject(cfg['rope_scaling']) ? cfg['rope_scaling'] : cfg['rope_parameters'];
  if (!isObject(raw)) return undefined;
  const type = raw['rope_type'] ?? raw['type'];
  const factor = num(raw['factor']);
  if (typeof type !== 'string' || !SCALINGS.has(type) || factor === undefined || !(factor > 1)) return undefined;
  const original = num(raw['original_max_position_embeddings']);
  const originalContext = type === 'yarn' && original !== undefined && original > 0 ? original : contextLength;
  return { type: type as RopeScaling['type'], factor, originalContext: Math.round(originalContext) };
}

/**
 * The stored weight format. quantization_config is written by the quantizer (transformers
 * quantizers: GPTQ/AWQ `bits` and `group_size`, bitsandbytes `load_in_4bit` and
 * `bnb_4bit_quant_type`, FP8 `quant_method: "fp8"` with optional `weight_block_size`, gpt-oss
 * `mxfp4`, compressed-tensors `config_groups.*.weights`); a quantized repo's torch_dtype is the
 * activation dtype, not the weights', so it is read only when there is no quantization_config.
 */
function storedFormat(root: Json): string | null {
  const q = root['quantization_config'];
  if (isObject(q)) {
    const method = typeof q['quant_method'] === 'string' ? q['quant_method'].toLowerCase() : '';
    const bits = num(q['bits']);
    const group = num(q['group_size']);
    if (method === 'gptq') {
      if (bits === 4 && group === 32) return 'gptq-4bit-g32';
      if (bits === 8) return 'gptq-8bit-g128';
      return bits === 4 ? 'gptq-4bit-g128' : null;
    }
    if (method === 'awq') return bits === 4 || bits === undefined ? 'awq-4bit-g128' : null;
    if (method === 'fp8' || method === 'fbgemm_fp8') return 'fp8';
    if (method === 'mxfp4') return 'mxfp4';
    if (method === 'bitsandbytes') {
      if (q['load_in_8bit'] === true) return 'bnb-int8';
      if (q['load_in_4bit'] === true) return q['bnb_4bit_use_double_quant'] === true ? 'bnb-nf4-dq' : 'bnb-nf4';
      return null;
    }
    if (method === 'compressed-tensors') return compressedTensorsFormat(q);
    return null;
  }
  const dtype = root['torch_dtype'] ?? root['dtype'];
  if (dtype === 'bfloat16') return 'bf16';
  if (dtype === 'float16') return 'f16';
  if (dtype === 'float32') return 'f32';
  return null;
}

/** compressed-tensors (llm-compressor): the weights scheme of its first config group. */
function compressedTensorsFormat(q: Json): string | null {
  const groups = q['config_groups'];
  if (!isObject(groups)) return null;
  const first = Object.values(groups)[0];
  const weights = isObject(first) ? first['weights'] : undefined;
  if (!isObject(weights)) return null;
  const bits = num(weights['num_bits']);
  const type = weights['type'];
  if (bits === 8) return type === 'float' ? 'fp8' : 'int8';
  if (bits === 4 && type === 'int') return 'int4';
  return null;
}

// The keys readArchitecture consults: a shared link carries only these, not the whole file.
const CONFIG_KEYS = [
  'model_type',
  'num_hidden_layers',
  'n_layer',
  'n_layers',
  'num_layers',
  'hidden_size',
  'n_embd',
  'd_model',
  'num_attention_heads',
  'n_head',
  'n_heads',
  'multi_query',
  'num_key_value_heads',
  'num_kv_heads',
  'n_head_kv',
  'intermediate_size',
  'ffn_hidden_size',
  'n_inner',
  'num_local_experts',
  'n_routed_experts',
  'num_experts',
  'num_experts_per_tok',
  'num_experts_per_token',
  'n_shared_experts',
  'moe_intermediate_size',
  'first_k_dense_replace',
  'intermediate_size_mlp',
  'interleave_moe_layer_step',
  'decoder_sparse_step',
  'kv_lora_rank',
  'q_lora_rank',
  'qk_nope_head_dim',
  'qk_rope_head_dim',
  'v_head_dim',
  'head_dim',
  'vocab_size',
  'padded_vocab_size',
  'tie_word_embeddings',
  'attention_bias',
  'bias',
  'mlp_bias',
  'sliding_window',
  'layer_types',
  'sliding_window_pattern',
  '_sliding_window_pattern',
  'max_position_embeddings',
  'rope_scaling',
  'rope_parameters',
  'n_positions',
  'seq_length',
  'max_sequence_length',
  'torch_dtype',
  'dtype',
];

// What storedFormat reads of quantization_config; its ignore lists and per-module overrides can be
// long and stay out of share links.
const QUANT_KEYS = [
  'quant_method',
  'bits',
  'group_size',
  'load_in_4bit',
  'load_in_8bit',
  'bnb_4bit_quant_type',
  'bnb_4bit_use_double_quant',
  'weight_block_size',
];

function compactQuantization(q: unknown): Json | undefined {
  if (!isObject(q)) return undefined;
  const out: Json = {};
  for (const key of QUANT_KEYS) if (q[key] !== undefined && q[key] !== null) out[key] = q[key];
  const groups = q['config_groups'];
  const first = isObject(groups) ? Object.values(groups)[0] : undefined;
  const weights = isObject(first) ? first['weights'] : undefined;
  if (isObject(weights))
    out['config_groups'] = { group_0: { weights: { num_bits: weights['num_bits'], type: weights['type'] } } };
  return out;
}

/** The config reduced to the keys the estimator reads (nested text_config flattened), as compact JSON. */
export function compactHfConfig(text: string): ConfigResult & { json?: string } {
  const parsed = parseHfConfig(text);
  if (!parsed.ok) return parsed;
  const root = JSON.parse(text) as Json;
  const cfg: Json = isObject(root['text_config']) ? { ...root, ...root['text_config'] } : root;
  const kept: Json = {};
  for (const key of CONFIG_KEYS) if (cfg[key] !== undefined && cfg[key] !== null) kept[key] = cfg[key];
  const quantization = compactQuantization(root['quantization_config']);
  if (quantization) kept['quantization_config'] = quantization;
  return { ...parsed, json: JSON.stringify(kept) };
}

/** Parses config.json text. Errors name the key and the fix, never a stack trace. */
export function parseHfConfig(text: string): ConfigResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { ok: false, error: `config.json is not valid JSON (${e instanceof Error ? e.message : String(e)})` };
  }
  return parseHfConfigObject(json);
}

export function parseHfConfigObject(json: unknown): ConfigResult {
  if (!isObject(json)) return { ok: false, error: 'config.json must be a JSON object' };
  try {
    return { ok: true, value: readArchitecture(json) };
  } catch (e) {
    if (e instanceof ConfigError) return { ok: false, error: `config.json: ${e.message}` };
    throw e;
  }
}
