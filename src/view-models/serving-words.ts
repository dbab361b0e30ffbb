import type { ServingEstimate } from '../core/serving/serving-types';
import { formatGiB } from './format-units';

const count = (n: number) => n.toLocaleString('en-US');

/**
 * Why the engine would refuse to start, in vLLM's own terms ("To serve at least one request with
 * the model's max seq len (L), X GiB KV cache is needed, which is larger than the available KV
 * cache memory (Y GiB) … the estimated maximum model length is M", vllm/v1/core/kv_cache_utils.py).
 */
export function servingNotStarting(engine: string, e: ServingEstimate): string {
  const pool = e.perGpu.kvPoolBytes;
  const need = e.pool.requestKvBytesPerGpu;
  const left =
    pool > 0
      ? `only ${formatGiB(pool)} is left for it`
      : 'nothing is left for it beside the weights and working memory';
  const longest =
    e.pool.maxRequestTokens > 0
      ? `the longest request it holds is ${count(e.pool.maxRequestTokens)} tokens`
      : 'no request fits';
  return `${engine} refuses to start: one request of ${count(e.contextTokens)} tokens needs ${formatGiB(need)} of KV cache per GPU and ${left}; ${longest}. Raise the memory fraction, shorten the context, use a smaller format or add GPUs.`;
}
