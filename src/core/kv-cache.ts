import type { ModelArchitecture } from './architecture';
import type { RuntimeId } from './runtimes';

/**
 * Bytes per cached element. q8_0 and q4_0 are ggml block types (34 bytes and 18 bytes per 32
 * values, ggml src/ggml-common.h); llama.cpp accepts them for -ctk/-ctv (common/arg.cpp).
 * fp8 is vLLM's --kv-cache-dtype fp8 (https://docs.vllm.ai/en/latest/features/quantization/quantized_kvcache.html).
 */
export const KV_CACHE_TYPES = {
  f32: 4,
  f16: 2,
  bf16: 2,
  fp8: 1,
  q8_0: 34 / 32,
  q4_0: 18 / 32,
} as const;

export type KvCacheType = keyof typeof KV_CACHE_TYPES;

export function isKvCacheType(name: string): name is KvCacheType {
  return Object.hasOwn(KV_CACHE_TYPES, name);
}

export interface KvCacheInput {
  readonly arch: ModelArchitecture;
  /** Tokens each sequence may hold (prompt + generated). */
  readonly contextTokens: number;
  /** Concurrent sequences. */
  readonly sequences: number;
  readonly cacheType: KvCacheType;
  readonly runtime: RuntimeId;
}

export interface KvCacheSize {
  readonly bytes: number;
  /** Cache slots reserved per sequence in full-attention layers (after the runtime's padding). */
  readonly cellsPerSequence: number;
  readonly fullLayers: number;
  readonly slidingLayers: number;
}

const roundUp = (n: number, step: number) => Math.ceil(n / step) * step;

/**
 * Cache slots per sequence. llama.cpp pads the per-sequence context to a multiple of 256
 * (src/llama-context.cpp, n_ctx_seq = GGML_PAD(n_ctx / n_seq_max, 256), Dec 2025); vLLM allocates
 * 16-token blocks (vllm/config/cache.py DEFAULT_BLOCK_SIZE); mlx-lm grows its cache in steps of
 * 256 (mlx_lm/models/cache.py KVCache.step); transformers' DynamicCache holds exactly the tokens.
 */
function paddedCells(runtime: RuntimeId, tokens: number): number {
  if (runtime === 'llama.cpp' || runtime === 'mlx') return roundUp(tokens, 256);
  if (runtime === 'vllm') return roundUp(tokens, 16);
  return tokens;
}

/**
 * Slots per sequence in a sliding-window layer. llama.cpp keeps n_swa + n_ubatch (512) cells,
 * padded to 256 (src/llama-kv-cache-iswa.cpp); the others keep the window.
 */
function slidingCells(runtime: RuntimeId, window: number, cells: number): number {
  if (runtime === 'llama.cpp') return Math.min(cells, roundUp(window + 512, 256));
  return Math.min(cells, paddedCells(runtime, window));
}

/**
 * Elements cached per token per layer for K plus V.
 * Standard attention: 2 × kvHeads × headDim (grouped-query attention shares K/V across query heads).
 * MLA, as llama.cpp stores it: K = kv_lora_rank + rope dims, V = kv_lora_rank (one latent "head",
 * src/models/deepseek2.cpp); vLLM caches the latent once, kv_lora_rank + rope
 * (vllm/v1/kv_cache_interface.py MLAAttentionSpec); transformers and mlx-lm cache decompressed
 * per-head keys (nope + rope) and values.
 */
function elementsPerTokenPerLayer(arch: ModelArchitecture, runtime: RuntimeId): number {
  const { mla } = arch;
  if (!mla) return 2 * arch.kvHeads * arch.headDim;
  if (runtime === 'llama.cpp') return 2 * mla.kvLoraRank + mla.qkRopeHeadDim;
  if (runtime === 'vllm') return mla.kvLoraRank + mla.qkRopeHeadDim;
  return arch.attentionHeads * (mla.qkNopeHeadDim + mla.qkRopeHeadDim + mla.vHeadDim);
}

/** Layers that use a sliding window: every layer but the last of each `pattern` (llama-hparams.cpp set_swa_pattern). */
export function slidingLayerCount(arch: ModelArchitecture): number {
  const sw = arch.slidingWindow;
  if (!sw || sw.pattern < 2) return 0;
  // Layers p-1, 2p-1, … are global: floor(layers / p) of them.
  return arch.layers - Math.floor(arch.layers / sw.pattern);
}

/** KV cache bytes: Σ over layers of cells × elements per token × bytes per element. */
export function kvCacheSize(input: KvCacheInput): KvCacheSize {
  const { arch, contextTokens, sequences, cacheType, runtime } = input;
  const perCell = elementsPerTokenPerLayer(arch, runtime) * KV_CACHE_TYPES[cacheType];
  const cells = paddedCells(runtime, contextTokens);
  const slidingLayers = slidingLayerCount(arch);
  const fullLayers = arch.layers - slidingLayers;
  const swCells = arch.slidingWindow ? slidingCells(runtime, arch.slidingWindow.window, cells) : 0;
  const perSequence = perCell * (fullLayers * cells + slidingLayers * swCells);
  return { bytes: perSequence * sequences, cellsPerSequence: cells, fullLayers, slidingLayers };
}
