/**
 * Bytes per cached element. q8_0 and q4_0 are ggml block types (34 bytes and 18 bytes per 32
 * values, ggml src/ggml-common.h); llama.cpp accepts them for -ctk/-ctv (common/arg.cpp).
 * fp8 is vLLM's --kv-cache-dtype fp8 (https://docs.vllm.ai/en/latest/features/quantization/quantized_kvcache.html).
 * Which engine accepts which type is each runtime profile's `kvCacheTypes`.
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

export const KV_CACHE_TYPE_IDS = Object.keys(KV_CACHE_TYPES) as KvCacheType[];

export function isKvCacheType(name: string): name is KvCacheType {
  return Object.hasOwn(KV_CACHE_TYPES, name);
}
