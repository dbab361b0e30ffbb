import type { ModelArchitecture } from './architecture';
import { ggmlRowBytes, type GgmlType } from './formats/ggml-types';
import { ggufTensorType, recipeContext, type RecipeCounters } from './formats/gguf-recipes';
import type { WeightFormat } from './formats/weight-formats';
import { activeFraction } from './params';
import { tensorElements, tensorInventory, type TensorSpec } from './tensors';

export interface WeightAnalysis {
  /** Bytes of all weights (a GGUF file's tensor data). */
  readonly totalBytes: number;
  /** Bytes of each repeating block, in order. */
  readonly layerBytes: readonly number[];
  /** Sum of layerBytes. */
  readonly allLayersBytes: number;
  /** The input embedding table (llama.cpp keeps it in system memory). */
  readonly inputEmbeddingBytes: number;
  /** Output head and final norm. */
  readonly outputBytes: number;
  /** Bytes of routed-expert stacks, all experts. */
  readonly routedExpertBytes: number;
  /** Routed-expert bytes of each repeating block, in order (0 in dense blocks). */
  readonly layerRoutedBytes: readonly number[];
  /** Parameters in routed-expert stacks, all experts of all layers. */
  readonly routedExpertParams: number;
  /** Blocks with routed experts. */
  readonly moeLayers: number;
  /** Bytes read to decode one token for one sequence (routed experts by activeExperts/experts). */
  readonly bytesPerToken: number;
  /** totalBytes × 8 / parameters. */
  readonly bitsPerWeight: number;
  /** Parameters stored in each ggml type (GGUF formats only), for explanations. */
  readonly typeHistogram: Readonly<Partial<Record<GgmlType, number>>>;
}

function bitsFor(format: WeightFormat, t: TensorSpec): number {
  if (format.family === 'float' || format.family === 'custom') return format.bits;
  if (t.vector) return 16;
  const head = t.name === 'token_embd' || t.name === 'output';
  if (format.keep16 === 'all-but-experts') return t.routed ? format.bits : 16;
  if (format.keep16 === 'embeddings' && head) {
    return t.name === 'output' && format.headBits !== undefined ? format.headBits : 16;
  }
  return format.bits;
}

function analyse(arch: ModelArchitecture, format: WeightFormat): WeightAnalysis {
  const tensors = tensorInventory(arch);
  const layerBytes = new Array<number>(arch.layers).fill(0);
  const layerRoutedBytes = new Array<number>(arch.layers).fill(0);
  const typeHistogram: Partial<Record<GgmlType, number>> = {};
  const ftype = format.ggufFileType;
  const ctx = ftype ? recipeContext(arch, ftype) : null;
  const counters: RecipeCounters = { attnV: 0, ffnDown: 0 };
  let totalBytes = 0;
  let params = 0;
  let inputEmbeddingBytes = 0;
  let outputBytes = 0;
  let routedExpertBytes = 0;
  let routedExpertParams = 0;
  let bytesPerToken = 0;
  for (const t of tensors) {
    const elements = tensorElements(t);
    let bytes: number;
    if (ftype && ctx) {
      const type = ggufTensorType(ftype, t, ctx, counters);
      bytes = ggmlRowBytes(type, t.ne0) * t.rows * t.experts;
      typeHistogram[type] = (typeHistogram[type] ?? 0) + elements;
    } else {
      bytes = (elements * bitsFor(format, t)) / 8;
    }
    totalBytes += bytes;
    params += elements;
    if (t.layer >= 0 && t.layer < arch.layers) layerBytes[t.layer] = (layerBytes[t.layer] ?? 0) + bytes;
    else if (t.name === 'token_embd') inputEmbeddingBytes = bytes;
    else outputBytes += bytes;
    if (t.routed) {
      routedExpertBytes += bytes;
      routedExpertParams += elements;
      if (t.layer >= 0) layerRoutedBytes[t.layer] = (layerRoutedBytes[t.layer] ?? 0) + bytes;
    }
    // One embedding row is looked up per token; a tied table is read in full as the output head.
    const readsWhole = t.name !== 'token_embd' || arch.tiedEmbeddings;
    if (readsWhole) bytesPerToken += bytes * activeFraction(arch, t);
  }
  return {
    totalBytes,
    layerBytes,
    allLayersBytes: layerBytes.reduce((a, b) => a + b, 0),
    inputEmbeddingBytes,
    outputBytes,
    routedExpertBytes,
    layerRoutedBytes,
    routedExpertParams,
    moeLayers: layerRoutedBytes.filter((b) => b > 0).length,
    bytesPerToken,
    bitsPerWeight: (totalBytes * 8) / params,
    typeHistogram,
  };
}

// The analysis depends only on (architecture, format) and walks every tensor, so the matrix views
// reuse it across GPUs, contexts and runtimes.
const cache = new WeakMap<ModelArchitecture, Map<string, WeightAnalysis>>();

export function analyseWeights(arch: ModelArchitecture, format: WeightFormat): WeightAnalysis {
  let byFormat = cache.get(arch);
  if (!byFormat) {
    byFormat = new Map();
    cache.set(arch, byFormat);
  }
  const hit = byFormat.get(format.id);
  if (hit) return hit;
  const result = analyse(arch, format);
  byFormat.set(format.id, result);
  return result;
}
