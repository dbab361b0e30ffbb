import { isMoeLayer, type ModelArchitecture } from '../architecture';
import { kvCacheSize } from '../kv-cache';
import { KV_CACHE_TYPES, type KvCacheType } from '../kv-cache-types';
import type { RuntimeProfile } from '../runtimes/profile';
import type { WeightAnalysis } from '../weights';
import { stageLayers, type ParallelLayout } from './layout';

/** What one GPU of a pipeline stage holds: its share of the weights and of every cached token. */
export interface RankShare {
  /** Weights on each GPU of the stage, bytes. */
  readonly weightsBytes: number;
  /** Bytes one token's KV takes on such a GPU, every layer of its stage. */
  readonly kvBytesPerToken: number;
  /** Share of a request's KV that lands on one GPU of the stage (its layers, its heads). */
  readonly kvShare: number;
  /** Layers of the stage. */
  readonly layers: number;
}

/**
 * Share of the KV heads one TP rank holds. Grouped-query attention shards the KV heads across the
 * ranks and replicates them when there are more ranks than heads (vLLM's
 * QKVParallelLinear, num_kv_head_replicas); multi-head latent attention caches one latent per
 * token that every TP rank keeps whole (vLLM MLAAttention; SGLang's DP attention exists to avoid it).
 */
export function kvHeadShare(arch: ModelArchitecture, tensor: number): number {
  if (arch.mla) return 1;
  return Math.ceil(arch.kvHeads / tensor) / arch.kvHeads;
}

/**
 * Each pipeline stage's GPUs: the stage's layers, their dense parts sliced over TP and their
 * routed experts over max(TP, EP) GPUs (whole experts per GPU under EP), the input embedding on
 * the first stage and the output head on the last, both vocabulary-parallel over TP (Megatron-LM,
 * arXiv:1909.08053); and the KV of the stage's layers for the heads a rank holds.
 */
export function stageShares(
  arch: ModelArchitecture,
  weights: WeightAnalysis,
  layout: ParallelLayout,
  runtime: RuntimeProfile,
  kvCacheType: KvCacheType,
): RankShare[] {
  const { moe } = arch;
  let moeLayers = 0;
  if (moe) for (let il = 0; il < arch.layers; il++) if (isMoeLayer(moe, il)) moeLayers++;
  const expertsPerMoeLayer = moeLayers > 0 ? weights.routedExpertBytes / moeLayers : 0;
  const expertSlices = Math.max(layout.tensor, layout.expert);
  const headShare = kvHeadShare(arch, layout.tensor);
  const perLayerToken = runtime.kv.elementsPerToken(arch) * KV_CACHE_TYPES[kvCacheType] * headShare;
  const runs = stageLayers(arch.layers, layout.pipeline);
  let first = 0;
  return runs.map((n, stage) => {
    let bytes = 0;
    for (let il = first; il < first + n; il++) {
      const layer = weights.layerBytes[il] ?? 0;
      const experts = moe && isMoeLayer(moe, il) ? expertsPerMoeLayer : 0;
      bytes += (layer - experts) / layout.tensor + experts / expertSlices;
    }
    if (stage === 0) bytes += weights.inputEmbeddingBytes / layout.tensor;
    if (stage === runs.length - 1) bytes += weights.outputBytes / layout.tensor;
    first += n;
    return {
      weightsBytes: bytes,
      kvBytesPerToken: perLayerToken * n,
      kvShare: (n / arch.layers) * headShare,
      layers: n,
    };
  });
}

/**
 * Bytes one request of `tokens` holds on the fullest GPU, as the engine pads it (blocks) and with
 * sliding-window layers keeping only their window.
 */
export function requestKvBytes(
  arch: ModelArchitecture,
  runtime: RuntimeProfile,
  kvCacheType: KvCacheType,
  tokens: number,
  share: RankShare,
): number {
  const whole = kvCacheSize({ arch, contextTokens: tokens, sequences: 1, cacheType: kvCacheType, runtime }).bytes;
  return whole * share.kvShare;
}
