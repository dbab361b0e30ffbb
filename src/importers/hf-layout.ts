import type { HybridShape, SlidingWindowShape, SsmShape } from '../core/architecture';
import { ARCH_BOUNDS, inRange, rangeText, type Range } from '../core/bounds';
import { describeValue } from '../core/input-text';

/**
 * Which layers of a config.json attend, slide, chunk or recur. Key names follow transformers'
 * configuration classes: Qwen3NextConfig (full_attention_interval, linear_*), NemotronHConfig
 * (hybrid_override_pattern, mamba_*), GraniteMoeHybridConfig (layer_types, mamba_*), JambaConfig
 * (attn_layer_period/offset, expert_layer_period/offset, mamba_d_*), FalconH1Config (mamba_d_ssm,
 * mamba_n_heads, mamba_d_head, …), MiniMaxM1Config (attn_type_list), Llama4TextConfig
 * (attention_chunk_size), Gemma2/3 and GptOss (layer_types, sliding_window_pattern).
 */

export type Json = Record<string, unknown>;

export class ConfigError extends Error {}

const B = ARCH_BOUNDS;
/** A range that also admits 0, for counts a config writes as 0 when the feature is absent. */
const orZero = (range: Range): Range => ({ ...range, min: 0 });
/** Any other whole-number key: at most 2^31, so no product of them overflows a double. */
const ANY: Range = { min: 0, max: 2 ** 31, whole: true };

/**
 * The range each config.json key must be in (core/bounds.ts), so a config's 1e300 is refused here
 * with the key the user wrote rather than later with the estimator's field name.
 */
const KEY_BOUNDS: Readonly<Record<string, Range>> = {
  num_hidden_layers: B.layers,
  n_layer: B.layers,
  n_layers: B.layers,
  num_layers: B.layers,
  hidden_size: B.hiddenSize,
  n_embd: B.hiddenSize,
  d_model: B.hiddenSize,
  num_attention_heads: B.attentionHeads,
  n_head: B.attentionHeads,
  n_heads: B.attentionHeads,
  num_key_value_heads: B.kvHeads,
  num_kv_heads: B.kvHeads,
  n_head_kv: B.kvHeads,
  kv_n_heads: B.kvHeads,
  multi_query_group_num: B.kvHeads,
  intermediate_size: B.intermediateSize,
  intermediate_size_mlp: B.intermediateSize,
  ffn_hidden_size: B.intermediateSize,
  n_inner: B.intermediateSize,
  num_local_experts: orZero(B.experts),
  n_routed_experts: orZero(B.experts),
  num_experts: orZero(B.experts),
  num_experts_per_tok: B.activeExperts,
  num_experts_per_token: B.activeExperts,
  moe_top_k: B.activeExperts,
  n_shared_experts: B.sharedExperts,
  moe_intermediate_size: B.expertIntermediateSize,
  first_k_dense_replace: B.denseLayers,
  interleave_moe_layer_step: B.layerStep,
  decoder_sparse_step: B.layerStep,
  q_lora_rank: B.qLoraRank,
  kv_lora_rank: orZero(B.kvLoraRank),
  qk_nope_head_dim: B.qkNopeHeadDim,
  qk_rope_head_dim: B.qkRopeHeadDim,
  v_head_dim: B.vHeadDim,
  head_dim: B.headDim,
  vocab_size: B.vocabSize,
  padded_vocab_size: B.vocabSize,
  sliding_window: B.window,
  sliding_window_pattern: B.pattern,
  _sliding_window_pattern: B.pattern,
  max_position_embeddings: B.contextLength,
  n_positions: B.contextLength,
  seq_length: B.contextLength,
  max_sequence_length: B.contextLength,
  max_seq_len: B.contextLength,
};

/** A whole-number field: the first of `names` present, within its key's range. */
export function int(cfg: Json, names: readonly string[], fallback?: number): number {
  for (const name of names) {
    const v = cfg[name];
    if (v === undefined || v === null) continue;
    const range = Object.hasOwn(KEY_BOUNDS, name) ? (KEY_BOUNDS[name] ?? ANY) : ANY;
    if (typeof v !== 'number' || !Number.isInteger(v) || !inRange(v, range)) {
      throw new ConfigError(`${name} must be a whole number ${rangeText(range)}; got ${describeValue(v)}`);
    }
    return v;
  }
  if (fallback !== undefined) return fallback;
  throw new ConfigError(`missing ${names[0] ?? '?'}${names.length > 1 ? ` (or ${names.slice(1).join(', ')})` : ''}`);
}

export interface Layout {
  readonly hybrid?: HybridShape | undefined;
  readonly slidingWindow?: SlidingWindowShape | undefined;
  /** What was assumed where the config said nothing. */
  readonly assumptions: readonly string[];
}

const repeat = (layers: number, kind: (il: number) => string) =>
  Array.from({ length: layers }, (_, il) => kind(il)).join('');

function mamba2(cfg: Json, hidden: number): SsmShape {
  const heads = int(cfg, ['mamba_num_heads', 'mamba_n_heads']);
  const headDim = int(cfg, ['mamba_head_dim', 'mamba_d_head'], 0);
  const expand = int(cfg, ['mamba_expand', 'expand'], 2);
  return {
    kind: 'mamba2',
    // FalconH1Config states the inner width as mamba_d_ssm; the others as heads × head dim.
    innerSize: int(cfg, ['mamba_d_ssm'], headDim > 0 ? heads * headDim : expand * hidden),
    stateSize: int(cfg, ['ssm_state_size', 'mamba_d_state', 'mamba_state_dim']),
    groups: int(cfg, ['n_groups', 'mamba_n_groups', 'mamba_num_groups'], 1),
    heads,
    convKernel: int(cfg, ['conv_kernel', 'mamba_d_conv'], 4),
    dtRank: 0,
    stateF32: cfg['mamba_ssm_cache_dtype'] === 'float32',
  };
}

function layerTypeCode(value: unknown, index: number): string {
  switch (value) {
    case 'full_attention':
    case 'attention':
      return 'A';
    case 'sliding_attention':
    case 'chunked_attention':
      return 'S';
    case 'mamba':
      return 'M';
    case 'linear_attention':
      return 'L';
    default:
      throw new ConfigError(`layer_types[${index}] is ${describeValue(value)}, which Headroom does not know`);
  }
}

/** layer_types as one code per layer, or null when the config has none. */
function layerTypes(cfg: Json, layers: number): string | null {
  const types = cfg['layer_types'];
  if (!Array.isArray(types)) return null;
  if (types.length !== layers) {
    throw new ConfigError(`layer_types has ${types.length} entries for ${layers} layers`);
  }
  return types.map(layerTypeCode).join('');
}

function slidingFromCodes(codes: string, cfg: Json): SlidingWindowShape | undefined {
  if (!codes.includes('S')) return undefined;
  const raw = cfg['sliding_window'];
  if (typeof raw !== 'number' || !(raw > 0))
    throw new ConfigError('layer_types has sliding layers but no sliding_window');
  const window = int(cfg, ['sliding_window']);
  // The estimator counts one full layer in every `pattern`: the distance to the first full layer.
  const firstFull = codes.indexOf('A');
  return firstFull > 0 ? { window, pattern: firstFull + 1 } : undefined;
}

export function readLayout(cfg: Json, modelType: string, layers: number, hidden: number, heads: number): Layout {
  const assumptions: string[] = [];
  const codes = layerTypes(cfg, layers);

  // Nemotron-H: "M" Mamba-2, "*" attention, "-" MLP, "E" experts; one sub-layer per block.
  const pattern = cfg['hybrid_override_pattern'];
  if (typeof pattern === 'string') {
    if (pattern.length !== layers || !/^[M*E-]+$/.test(pattern)) {
      throw new ConfigError(
        `hybrid_override_pattern must have one of M, *, -, E per layer (${layers}); got '${pattern.slice(0, 40)}'`,
      );
    }
    return {
      hybrid: {
        mixers: pattern.replace(/\*/g, 'A').replace(/E/g, '-'),
        ffn: Array.from(pattern, (c) => (c === '-' ? 'D' : c === 'E' ? 'E' : '-')).join(''),
        ssm: mamba2(cfg, hidden),
      },
      assumptions,
    };
  }

  // Qwen3-Next: every full_attention_interval-th layer attends, the others are Gated DeltaNet.
  const interval = cfg['full_attention_interval'];
  if (modelType.startsWith('qwen3_next') || typeof interval === 'number') {
    const every = int(cfg, ['full_attention_interval'], 4);
    const mixers = codes ?? repeat(layers, (il) => ((il + 1) % every === 0 ? 'A' : 'L'));
    const valueHeads = int(cfg, ['linear_num_value_heads']);
    return {
      hybrid: {
        mixers,
        ssm: {
          kind: 'gated-deltanet',
          innerSize: valueHeads * int(cfg, ['linear_value_head_dim']),
          stateSize: int(cfg, ['linear_key_head_dim']),
          groups: int(cfg, ['linear_num_key_heads']),
          heads: valueHeads,
          convKernel: int(cfg, ['linear_conv_kernel_dim'], 4),
          dtRank: 0,
        },
        gatedAttention: true,
      },
      assumptions,
    };
  }

  // Granite 4.0-H and other layer_types hybrids with Mamba-2 layers.
  if (codes?.includes('M')) {
    return { hybrid: { mixers: codes, ssm: mamba2(cfg, hidden) }, assumptions };
  }

  // Jamba: attention in layer i when i % attn_layer_period == attn_layer_offset, Mamba elsewhere;
  // experts when i % expert_layer_period == expert_layer_offset.
  if (modelType === 'jamba') {
    const period = int(cfg, ['attn_layer_period'], 8);
    const offset = int(cfg, ['attn_layer_offset'], 4);
    const expertPeriod = int(cfg, ['expert_layer_period'], 2);
    const expertOffset = int(cfg, ['expert_layer_offset'], 1);
    const inner = int(cfg, ['mamba_expand'], 2) * hidden;
    const rank = cfg['mamba_dt_rank'];
    const dtRank = typeof rank === 'number' ? int(cfg, ['mamba_dt_rank']) : Math.ceil(hidden / 16);
    if (typeof rank !== 'number') assumptions.push(`mamba_dt_rank "auto": hidden size ÷ 16 = ${dtRank}`);
    const experts = int(cfg, ['num_experts'], 1) > 1;
    return {
      hybrid: {
        mixers: repeat(layers, (il) => (il % period === offset ? 'A' : 'M')),
        ffn: repeat(layers, (il) => (experts && il % expertPeriod === expertOffset ? 'E' : 'D')),
        ssm: {
          kind: 'mamba',
          innerSize: inner,
          stateSize: int(cfg, ['mamba_d_state'], 16),
          groups: 0,
          heads: 0,
          convKernel: int(cfg, ['mamba_d_conv'], 4),
          dtRank,
        },
      },
      assumptions,
    };
  }

  // Falcon-H1: attention and Mamba-2 side by side in every layer.
  if (modelType === 'falcon_h1') {
    return { hybrid: { mixers: 'P'.repeat(layers), ssm: mamba2(cfg, hidden) }, assumptions };
  }

  // MiniMax-M1: attn_type_list 1 = softmax attention, 0 = lightning (linear) attention, whose
  // state is one head_dim × head_dim matrix per head (arXiv:2506.13585, section 2).
  const attnTypes = cfg['attn_type_list'];
  if (Array.isArray(attnTypes)) {
    if (attnTypes.length !== layers || !attnTypes.every((t) => t === 0 || t === 1)) {
      throw new ConfigError(`attn_type_list must hold 0 or 1 for each of the ${layers} layers`);
    }
    const headDim = int(cfg, ['head_dim'], Math.floor(hidden / Math.max(heads, 1)));
    return {
      hybrid: {
        mixers: attnTypes.map((t) => (t === 1 ? 'A' : 'L')).join(''),
        ssm: {
          kind: 'lightning',
          innerSize: heads * headDim,
          stateSize: headDim,
          groups: 0,
          heads,
          convKernel: 0,
          dtRank: 0,
        },
      },
      assumptions,
    };
  }

  // Llama 4: chunked local attention in three of every four layers, global (NoPE) in the fourth
  // (llama.cpp sets n_swa = attention_chunk_size with a pattern of 4, src/llama-model.cpp).
  const chunk = cfg['attention_chunk_size'];
  if (typeof chunk === 'number' && chunk > 0 && modelType.startsWith('llama4')) {
    return { slidingWindow: { window: chunk, pattern: 4, chunked: true }, assumptions };
  }

  if (codes) return { slidingWindow: slidingFromCodes(codes, cfg), assumptions };
  const raw = cfg['sliding_window'];
  if (typeof raw !== 'number' || raw <= 0) return { assumptions };
  const window = int(cfg, ['sliding_window']);
  const given = cfg['sliding_window_pattern'] ?? cfg['_sliding_window_pattern'];
  if (typeof given === 'number') {
    const every = int(cfg, ['sliding_window_pattern', '_sliding_window_pattern']);
    return every >= 2 ? { slidingWindow: { window, pattern: every }, assumptions } : { assumptions };
  }
  if (modelType === 'gemma2') return { slidingWindow: { window, pattern: 2 }, assumptions };
  if (modelType.startsWith('gemma3')) {
    assumptions.push('sliding_window_pattern not given: one global layer in 6, as in Gemma 3');
    return { slidingWindow: { window, pattern: 6 }, assumptions };
  }
  // Mistral-style windows on every layer are not interleaved; llama.cpp ignores them.
  return { assumptions };
}
