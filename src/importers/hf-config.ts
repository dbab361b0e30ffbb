import { architectureFrom, architectureProblem, type ModelArchitecture } from '../core/architecture';
import { ConfigError, int, readLayout, type Json } from './hf-layout';
import { parsePythonJson } from './json-text';
import { quoteInput } from '../core/input-text';
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
  /** What was assumed where the config said nothing or used a model type Headroom does not know. */
  readonly assumptions: readonly string[];
  /** rope_scaling (or Transformers v5 rope_parameters) when it extends the window: YaRN, linear, dynamic. */
  readonly ropeScaling?: RopeScaling | undefined;
}

export type ConfigResult =
  { readonly ok: true; readonly value: ParsedConfig } | { readonly ok: false; readonly error: string };

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function bool(cfg: Json, name: string, fallback: boolean): boolean {
  const v = cfg[name];
  if (v === undefined || v === null) return fallback;
  if (typeof v !== 'boolean') throw new ConfigError(`${name} must be true or false; got ${JSON.stringify(v)}`);
  return v;
}

const PLAIN_MLP = new Set([
  'falcon',
  'bloom',
  'gpt2',
  'gpt_neox',
  'phi',
  'starcoder2',
  'gpt_bigcode',
  'mpt',
  'nemotron_h',
]);
const LAYER_NORM = new Set(['falcon', 'bloom', 'gpt2', 'gpt_neox', 'phi', 'starcoder2', 'gpt_bigcode', 'mpt', 'dbrx']);
const TIED_BY_DEFAULT = new Set(['gemma', 'gemma2', 'gemma3', 'gemma3_text', 'bloom', 'falcon', 'gpt2', 'mpt']);
const QKV_BIAS = new Set(['qwen2', 'qwen2_moe', 'bloom', 'gpt2']);
const FUSED_QKV = new Set(['falcon', 'bloom', 'phi3', 'gpt2', 'mpt', 'dbrx', 'chatglm']);

/**
 * Model types whose configs Headroom reads key by key; any other model_type is read the same way
 * (Llama-style names) and the result says so.
 */
const KNOWN_TYPES = new Set([
  ...PLAIN_MLP,
  ...LAYER_NORM,
  'llama',
  'llama4',
  'llama4_text',
  'mistral',
  'mistral3',
  'mixtral',
  'qwen2',
  'qwen2_moe',
  'qwen3',
  'qwen3_moe',
  'qwen3_next',
  'qwen3_vl',
  'qwen3_vl_moe',
  'qwen3_vl_text',
  'qwen3_vl_moe_text',
  'gemma',
  'gemma2',
  'gemma3',
  'gemma3_text',
  'phi3',
  'deepseek_v2',
  'deepseek_v3',
  'deepseek_v32',
  'kimi_k2',
  'gpt_oss',
  'granite',
  'granitemoe',
  'granitemoehybrid',
  'jamba',
  'falcon_h1',
  'minimax_m1',
  'chatglm',
  'glm4',
  'glm4_moe',
  'cohere',
  'cohere2',
  'olmo2',
  'olmo3',
  'smollm3',
  'ernie4_5',
  'ernie4_5_moe',
  'hunyuan_v1_moe',
  'seed_oss',
]);

/**
 * The keys of nested sub-configs that some families keep apart, lifted to the top level: MPT and
 * DBRX keep attention and FFN settings in attn_config / ffn_config (transformers DbrxConfig,
 * MptConfig); multimodal models keep the language model in text_config, and a quantized repo's
 * top-level dtype and quantization_config apply to it.
 */
function flatten(root: Json): Json {
  let cfg: Json = isObject(root['text_config']) ? { ...root, ...root['text_config'] } : { ...root };
  for (const nested of ['attn_config', 'ffn_config']) {
    const sub = cfg[nested];
    if (isObject(sub)) cfg = { ...sub, ...cfg };
  }
  return cfg;
}

function readArchitecture(root: Json): ParsedConfig {
  const cfg = flatten(root);
  const assumptions: string[] = [];
  const modelType = typeof cfg['model_type'] === 'string' ? cfg['model_type'] : 'unknown';
  if (!KNOWN_TYPES.has(modelType)) {
    assumptions.push(
      modelType === 'unknown'
        ? 'config.json has no model_type: read as a Llama-style decoder (gated MLP, RMSNorm, no biases)'
        : `model_type '${modelType}' is not one Headroom knows: read as a Llama-style decoder (gated MLP, RMSNorm, no biases)`,
    );
  }
  const layers = int(cfg, ['num_hidden_layers', 'n_layer', 'n_layers', 'num_layers']);
  const hiddenSize = int(cfg, ['hidden_size', 'n_embd', 'd_model']);
  const heads = int(cfg, ['num_attention_heads', 'n_head', 'n_heads']);
  const multiQuery = bool(cfg, 'multi_query', false);
  // ChatGLM: multi_query_attention with multi_query_group_num KV heads; DBRX/MPT: kv_n_heads.
  const groupedGlm = bool(cfg, 'multi_query_attention', false);
  const kvKeys = ['num_key_value_heads', 'num_kv_heads', 'n_head_kv', 'kv_n_heads'];
  const kvGiven = kvKeys.some((k) => cfg[k] !== undefined && cfg[k] !== null);
  const kvHeads = multiQuery ? 1 : groupedGlm ? int(cfg, ['multi_query_group_num']) : int(cfg, kvKeys, heads);
  const plain = PLAIN_MLP.has(modelType);
  // MPT states the MLP width as expansion_ratio × d_model.
  const ratio = cfg['expansion_ratio'];
  const plainWidth = typeof ratio === 'number' && ratio > 0 ? Math.round(ratio * hiddenSize) : 4 * hiddenSize;
  const granite = modelType === 'granitemoehybrid';
  const experts = int(cfg, ['num_local_experts', 'n_routed_experts', 'num_experts', 'moe_num_experts'], 0);
  // GraniteMoeHybrid: intermediate_size is the expert width, shared_intermediate_size the
  // always-on MLP (the only MLP when there are no experts).
  const intermediateSize =
    granite && cfg['shared_intermediate_size'] !== undefined
      ? int(cfg, ['shared_intermediate_size'])
      : int(
          cfg,
          ['intermediate_size_mlp', 'intermediate_size', 'ffn_hidden_size', 'n_inner'],
          plain ? plainWidth : undefined,
        );
  const sharedWidth = int(
    cfg,
    ['shared_expert_intermediate_size', 'moe_shared_expert_intermediate_size', 'shared_intermediate_size'],
    0,
  );
  const stored = storedFormat(root);
  const moe =
    experts > 1
      ? {
          experts,
          activeExperts: int(cfg, ['num_experts_per_tok', 'num_experts_per_token', 'moe_top_k']),
          sharedExperts: int(cfg, ['n_shared_experts'], modelType.startsWith('llama4') || sharedWidth > 0 ? 1 : 0),
          expertIntermediateSize: int(
            cfg,
            ['moe_intermediate_size', 'intermediate_size', 'ffn_hidden_size'],
            intermediateSize,
          ),
          denseLayers: int(cfg, ['first_k_dense_replace'], 0),
          layerStep: int(cfg, ['interleave_moe_layer_step', 'decoder_sparse_step'], 1),
          sharedIntermediateSize: sharedWidth > 0 ? sharedWidth : undefined,
          sharedExpertGate: sharedWidth > 0 && (modelType === 'qwen2_moe' || modelType.startsWith('qwen3_next')),
          // gpt-oss's quantization_config: the experts ship as MXFP4 (architecture.ts, expertFormat).
          expertFormat: stored === 'mxfp4' ? ('mxfp4' as const) : undefined,
        }
      : undefined;
  const kvLoraRank = int(cfg, ['kv_lora_rank'], 0);
  // MLA caches one latent per token whatever num_key_value_heads says (DeepSeek-V3 states 128).
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
  const headDimGiven = ['head_dim', 'attention_head_dim', 'kv_channels'].some(
    (k) => cfg[k] !== undefined && cfg[k] !== null,
  );
  const headDim = int(
    cfg,
    ['head_dim', 'attention_head_dim', 'kv_channels'],
    Math.floor(hiddenSize / Math.max(heads, 1)),
  );
  if (!headDimGiven && !mla && heads > 0 && hiddenSize % heads !== 0) {
    assumptions.push(`head_dim not given: hidden size ÷ heads rounded down = ${headDim}`);
  }
  if (!kvGiven && !multiQuery && !groupedGlm && !mla && !KNOWN_TYPES.has(modelType)) {
    assumptions.push(`num_key_value_heads not given: ${heads} (one per attention head)`);
  }
  const isFalcon = modelType === 'falcon';
  const layout = readLayout(cfg, modelType, layers, hiddenSize, heads);
  assumptions.push(...layout.assumptions);
  const arch = architectureFrom({
    layers,
    hiddenSize,
    intermediateSize,
    attentionHeads: heads,
    kvHeads,
    headDim,
    vocabSize: int(cfg, ['vocab_size', 'padded_vocab_size']),
    tiedEmbeddings: bool(cfg, 'tie_word_embeddings', TIED_BY_DEFAULT.has(modelType)),
    mlp: plain ? 'plain' : 'gated',
    attentionBias:
      bool(cfg, 'attention_bias', QKV_BIAS.has(modelType)) ||
      bool(cfg, 'bias', false) ||
      bool(cfg, 'add_qkv_bias', false),
    mlpBias: bool(cfg, 'mlp_bias', modelType === 'bloom' || modelType === 'gpt_oss' || modelType === 'gpt2'),
    norm: LAYER_NORM.has(modelType) ? 'layernorm' : 'rmsnorm',
    fusedQkv: FUSED_QKV.has(modelType),
    ggufArch: isFalcon ? 'falcon' : undefined,
    embeddingNorm: modelType === 'bloom' ? true : LAYER_NORM.has(modelType) ? false : undefined,
    moe,
    mla,
    slidingWindow: layout.slidingWindow,
    hybrid: layout.hybrid,
    mtpLayers: int(cfg, ['num_nextn_predict_layers'], 0) || undefined,
  });
  const problem = architectureProblem(arch);
  if (problem) throw new ConfigError(problem);
  const contextKeys = ['max_position_embeddings', 'n_positions', 'seq_length', 'max_sequence_length', 'max_seq_len'];
  const contextLength = int(cfg, contextKeys, 0);
  if (contextLength === 0) assumptions.push('no context length given (max_position_embeddings): assumed 2,048 tokens');
  const context = Math.max(1, Math.min(contextLength || 2048, 10_485_760));
  return {
    arch,
    modelType,
    contextLength: context,
    storedFormat: stored,
    ropeScaling: ropeScaling(cfg, context),
    assumptions,
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
  'max_seq_len',
  'attention_head_dim',
  'kv_channels',
  'multi_query_attention',
  'multi_query_group_num',
  'add_qkv_bias',
  'kv_n_heads',
  'moe_num_experts',
  'moe_top_k',
  'expansion_ratio',
  'shared_expert_intermediate_size',
  'moe_shared_expert_intermediate_size',
  'shared_intermediate_size',
  'num_nextn_predict_layers',
  'attention_chunk_size',
  'full_attention_interval',
  'linear_num_value_heads',
  'linear_value_head_dim',
  'linear_key_head_dim',
  'linear_num_key_heads',
  'linear_conv_kernel_dim',
  'hybrid_override_pattern',
  'mamba_num_heads',
  'mamba_n_heads',
  'mamba_head_dim',
  'mamba_d_head',
  'mamba_expand',
  'expand',
  'mamba_d_ssm',
  'ssm_state_size',
  'mamba_d_state',
  'mamba_state_dim',
  'n_groups',
  'mamba_n_groups',
  'mamba_num_groups',
  'conv_kernel',
  'mamba_d_conv',
  'mamba_dt_rank',
  'mamba_ssm_cache_dtype',
  'attn_layer_period',
  'attn_layer_offset',
  'expert_layer_period',
  'expert_layer_offset',
  'attn_type_list',
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
  const root = parsePythonJson(withoutBom(text)) as Json;
  const cfg = flatten(root);
  const kept: Json = {};
  for (const key of CONFIG_KEYS) if (cfg[key] !== undefined && cfg[key] !== null) kept[key] = cfg[key];
  // An attention-only layer_types list is read for one thing, the distance to the first full
  // layer: a link carries that as sliding_window_pattern instead of one entry per layer. Lists
  // with recurrent layers (hybrids) are read layer by layer and stay whole.
  const types = kept['layer_types'];
  const attentionOnly = ['full_attention', 'attention', 'sliding_attention', 'chunked_attention'];
  if (Array.isArray(types) && types.every((t) => typeof t === 'string' && attentionOnly.includes(t))) {
    const firstFull = types.findIndex((t) => t === 'full_attention' || t === 'attention');
    delete kept['layer_types'];
    if (firstFull > 0 && kept['sliding_window_pattern'] === undefined) kept['sliding_window_pattern'] = firstFull + 1;
  }
  const quantization = compactQuantization(root['quantization_config']);
  if (quantization) kept['quantization_config'] = quantization;
  return { ...parsed, json: JSON.stringify(kept) };
}

/**
 * The most text a config.json may have. Real ones are 1-10 KB (a long quantization_config
 * ignore list or layer_types array makes tens of KB); the cap refuses a wrong file before it is
 * parsed, so a pasted log or a /dev/zero costs milliseconds, not the tab.
 */
export const MAX_CONFIG_BYTES = 1_048_576;

/** Why a config.json of `size` bytes (characters, for pasted text) is refused unread, or null. */
export function configSizeProblem(size: number): string | null {
  if (size <= MAX_CONFIG_BYTES) return null;
  return `config.json is larger than ${MAX_CONFIG_BYTES / 1024 ** 2} MiB; a config.json is a few KB, so this is probably another file`;
}

/**
 * Where JSON.parse stopped, in words. Its own message quotes the text around the error, which may
 * be anything (a pasted log); the line and column say where without repeating it.
 */
function jsonErrorPlace(text: string, e: unknown): string {
  const message = e instanceof Error ? e.message : '';
  if (/end of JSON input/i.test(message)) return 'it ends before the JSON is complete';
  const position = /position (\d+)/.exec(message)?.[1];
  const at = position === undefined ? -1 : Number(position);
  if (at >= 0 && at <= text.length) {
    const before = text.slice(0, at);
    const line = before.split('\n').length;
    const column = at - before.lastIndexOf('\n');
    return `at line ${line}, column ${column}`;
  }
  const token = /Unexpected token '(.)'/u.exec(message)?.[1];
  return token === undefined ? 'paste the whole file, from { to }' : `unexpected ${quoteInput(token)}`;
}

// Editors on Windows may save a byte-order mark, which JSON.parse refuses.
const withoutBom = (text: string) => text.replace(/^\uFEFF/, '');

/** Parses config.json text. Errors name the key and the fix, never a stack trace. */
export function parseHfConfig(text: string): ConfigResult {
  const tooLarge = configSizeProblem(text.length);
  if (tooLarge) return { ok: false, error: tooLarge };
  // A config.json is an object; anything else (a bare NaN, a number, a list) is the wrong file.
  if (!withoutBom(text).trimStart().startsWith('{')) {
    return { ok: false, error: 'config.json is not valid JSON (paste the whole file, from { to })' };
  }
  let json: unknown;
  try {
    json = parsePythonJson(withoutBom(text));
  } catch (e) {
    return { ok: false, error: `config.json is not valid JSON (${jsonErrorPlace(text, e)})` };
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
