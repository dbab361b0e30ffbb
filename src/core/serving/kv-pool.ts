import type { ModelArchitecture } from '../architecture';
import type { KvCacheType } from '../kv-cache-types';
import type { KvPoolBudget, RuntimeProfile } from '../runtimes/profile';
import { requestKvBytes, type RankShare } from './rank-memory';

/** The KV pool of one replica as a paged engine sizes it at start-up. */
export interface PagedPool {
  /** The stage whose GPUs hold the fewest blocks: they limit the pool. */
  readonly limiting: StagePool;
  /** KV blocks on each GPU (every GPU of a replica gets the smallest count, as vLLM does). */
  readonly blocks: number;
  readonly blockTokens: number;
  /** Tokens the replica's pool holds (vLLM's "GPU KV cache size"). */
  readonly tokens: number;
  /** Bytes of the blocks on one GPU. */
  readonly poolBytes: number;
  /** Blocks one request of the serving context takes on a GPU. */
  readonly blocksPerRequest: number;
  /** Requests of the serving context the pool holds at once (vLLM's "Maximum concurrency … 1.56x"). */
  readonly concurrency: number;
  /** Bytes of KV one request at the serving context needs on each GPU it uses. */
  readonly requestBytesPerGpu: number;
  /** The longest request the pool holds, tokens (vLLM's "estimated maximum model length"); 0 if none. */
  readonly maxRequestTokens: number;
}

/** One pipeline stage's GPUs: what they hold and the budget the engine gives their KV. */
export interface StagePool {
  readonly share: RankShare;
  readonly budget: KvPoolBudget;
}

export interface PoolInput {
  readonly arch: ModelArchitecture;
  readonly runtime: RuntimeProfile;
  readonly kvCacheType: KvCacheType;
  readonly stages: readonly StagePool[];
  /** Tokens per request the server is set up for (max_model_len). */
  readonly contextTokens: number;
  /** The longest context the model takes, the upper end of the search for the longest request. */
  readonly modelContextTokens: number;
}

/**
 * vLLM's arithmetic once the budget is known (vllm/v1/core/kv_cache_utils.py,
 * https://github.com/vllm-project/vllm/blob/001cabc1be16a59a70d720ed61a13b678c060a18/vllm/v1/core/kv_cache_utils.py):
 * num_blocks = available ÷ page bytes; a request of max_model_len takes
 * ⌈its KV bytes ÷ page bytes⌉ blocks; maximum concurrency = num_blocks ÷ that; when it is below
 * one the engine refuses to start and names the longest max_model_len the pool holds, found by
 * binary search. Every GPU of a replica keeps the smallest block count of any of them. SGLang
 * (pages of 1 token) and TensorRT-LLM (32) follow the same shape.
 */
export function pagedPool(input: PoolInput, blockTokens: number): PagedPool {
  const { arch, runtime, kvCacheType } = input;
  const blocksOf = (s: StagePool) =>
    Math.max(0, Math.floor(s.budget.poolBytes / (blockTokens * s.share.kvBytesPerToken)));
  let limiting = input.stages[0];
  if (!limiting) throw new Error('a layout has at least one stage');
  for (const s of input.stages) if (blocksOf(s) < blocksOf(limiting)) limiting = s;
  const { share } = limiting;
  const pageBytes = blockTokens * share.kvBytesPerToken;
  const blocks = blocksOf(limiting);
  const bytesFor = (tokens: number) => requestKvBytes(arch, runtime, kvCacheType, tokens, share);
  const blocksFor = (tokens: number) => Math.ceil(bytesFor(tokens) / pageBytes - 1e-9);
  const blocksPerRequest = blocksFor(input.contextTokens);
  let maxRequestTokens = 0;
  if (blocks > 0) {
    let lo = 0;
    let hi = input.modelContextTokens;
    if (blocksFor(hi) <= blocks) lo = hi;
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (blocksFor(mid) <= blocks) lo = mid;
      else hi = mid;
    }
    maxRequestTokens = lo;
  }
  return {
    limiting,
    blocks,
    blockTokens,
    tokens: blocks * blockTokens,
    poolBytes: blocks * pageBytes,
    blocksPerRequest,
    concurrency: blocksPerRequest > 0 ? blocks / blocksPerRequest : 0,
    requestBytesPerGpu: bytesFor(input.contextTokens),
    maxRequestTokens,
  };
}
