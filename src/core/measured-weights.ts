import type { ModelArchitecture } from './architecture';
import { isGgmlType, type GgmlType } from './formats/ggml-types';
import type { ParameterCounts } from './params';
import type { WeightAnalysis } from './weights';

/**
 * Weights as a file header states them (a GGUF or safetensors header read by src/importers/):
 * exact bytes and element counts per tensor, instead of the inventory derived from the
 * architecture. The architecture still says which layers repeat and how experts are routed.
 */
export interface MeasuredTensor {
  /** As stored: "blk.3.attn_q.weight" (GGUF) or "model.layers.3.self_attn.q_proj.weight". */
  readonly name: string;
  /** Logical parameters; packed storage (GPTQ int32, MXFP4 blocks) is unpacked by the importer. */
  readonly elements: number;
  /** Bytes stored, scales and zero points included. */
  readonly bytes: number;
  /** The stored type: a ggml type ("Q4_K") or a safetensors dtype ("BF16", "I32"). */
  readonly storedType: string;
}

export interface TensorInventory {
  readonly tensors: readonly MeasuredTensor[];
  /** Where the tensors were read, in words ("GGUF header of Qwen3-32B-Q4_K_M.gguf"). */
  readonly source: string;
}

export type TensorRole = 'input-embedding' | 'output' | 'layer' | 'extra' | 'outside';

export interface TensorPlace {
  readonly role: TensorRole;
  /** Block index for role "layer", else -1. */
  readonly layer: number;
  /** Part of a routed-expert stack. */
  readonly routed: boolean;
}

// Block prefixes of GGUF ("blk.N.") and of transformers checkpoints ("model.layers.N.", GPT-2's
// "transformer.h.N.", Mamba's "backbone.layers.N.", multimodal "model.language_model.layers.N.").
const LAYER = /(?:^|\.)(?:blk|layers|h|block|blocks)\.(\d+)\./;
// Routed experts: GGUF stacks ("ffn_up_exps"), per-expert HF tensors ("mlp.experts.7.") and
// fused stacks ("mlp.experts.gate_up_proj", gpt-oss), but not shared experts.
const ROUTED = /_exps\.|\.experts\.(?:\d+\.|gate_up_proj|down_proj|gate_proj|up_proj)/;
const INPUT_EMBEDDING =
  /^(?:token_embd\.weight|(?:model\.)?(?:language_model\.)?(?:model\.)?embed_tokens\.weight|transformer\.(?:wte|word_embeddings)\.weight|backbone\.embeddings?\.weight|model\.embeddings?\.weight)$/;
const OUTPUT = /^(?:output\.weight|lm_head\.weight|(?:model\.)?language_model\.lm_head\.weight|embed_out\.weight)$/;
// Vision and audio towers, projectors: stored (they take memory) but not read per generated token.
// Multi-token-prediction heads kept apart from the layers (Qwen3-Next "mtp.", GGUF "nextn") too.
const EXTRA =
  /(?:^|\.)(?:vision_tower|vision_model|visual|vision|audio_tower|audio_model|multi_modal_projector|mm_projector|mm|mtp)\.|^(?:v|a|mm)\./;

/** Where a named tensor belongs. Blocks past the architecture's layers are MTP heads ("extra"). */
export function placeTensor(name: string, layers: number): TensorPlace {
  if (EXTRA.test(name)) return { role: 'extra', layer: -1, routed: false };
  if (INPUT_EMBEDDING.test(name)) return { role: 'input-embedding', layer: -1, routed: false };
  if (OUTPUT.test(name)) return { role: 'output', layer: -1, routed: false };
  const m = LAYER.exec(name);
  if (m?.[1] !== undefined) {
    const layer = Number(m[1]);
    if (layer >= layers) return { role: 'extra', layer: -1, routed: false };
    return { role: 'layer', layer, routed: ROUTED.test(name) };
  }
  return { role: 'outside', layer: -1, routed: false };
}

function routedShare(arch: ModelArchitecture): number {
  return arch.moe ? arch.moe.activeExperts / arch.moe.experts : 1;
}

const analyses = new WeakMap<TensorInventory, WeakMap<ModelArchitecture, WeightAnalysis>>();

/** The weight analysis of measured tensors, in the same terms as the derived one (weights.ts). */
export function analyseMeasuredWeights(arch: ModelArchitecture, inv: TensorInventory): WeightAnalysis {
  let byArch = analyses.get(inv);
  if (!byArch) {
    byArch = new WeakMap();
    analyses.set(inv, byArch);
  }
  const hit = byArch.get(arch);
  if (hit) return hit;
  const layerBytes = new Array<number>(arch.layers).fill(0);
  const layerRoutedBytes = new Array<number>(arch.layers).fill(0);
  const typeHistogram: Partial<Record<GgmlType, number>> = {};
  const share = routedShare(arch);
  let totalBytes = 0;
  let elements = 0;
  let inputEmbeddingBytes = 0;
  let outsideBytes = 0;
  let routedExpertBytes = 0;
  let routedExpertParams = 0;
  let bytesPerToken = 0;
  let hasOutput = false;
  for (const t of inv.tensors) {
    const place = placeTensor(t.name, arch.layers);
    totalBytes += t.bytes;
    elements += t.elements;
    if (isGgmlType(t.storedType)) typeHistogram[t.storedType] = (typeHistogram[t.storedType] ?? 0) + t.elements;
    if (place.role === 'layer') layerBytes[place.layer] = (layerBytes[place.layer] ?? 0) + t.bytes;
    else if (place.role === 'input-embedding') inputEmbeddingBytes += t.bytes;
    else outsideBytes += t.bytes;
    if (place.role === 'output') hasOutput = true;
    if (place.routed) {
      routedExpertBytes += t.bytes;
      routedExpertParams += t.elements;
      layerRoutedBytes[place.layer] = (layerRoutedBytes[place.layer] ?? 0) + t.bytes;
    }
    // Decoding reads every layer tensor (routed experts by their active share) and the output
    // head; one embedding row per token is looked up; towers and MTP heads are not run.
    if (place.role === 'layer') bytesPerToken += t.bytes * (place.routed ? share : 1);
    else if (place.role === 'output' || place.role === 'outside') bytesPerToken += t.bytes;
  }
  // A tied table (no separate head) is read in full as the output head.
  if (!hasOutput) bytesPerToken += inputEmbeddingBytes;
  const result: WeightAnalysis = {
    totalBytes,
    layerBytes,
    allLayersBytes: layerBytes.reduce((a, b) => a + b, 0),
    inputEmbeddingBytes,
    outputBytes: outsideBytes,
    routedExpertBytes,
    layerRoutedBytes,
    routedExpertParams,
    moeLayers: layerRoutedBytes.filter((b) => b > 0).length,
    bytesPerToken,
    bitsPerWeight: elements > 0 ? (totalBytes * 8) / elements : 0,
    typeHistogram,
  };
  byArch.set(arch, result);
  return result;
}

const counts = new WeakMap<TensorInventory, WeakMap<ModelArchitecture, ParameterCounts>>();

/** Parameter counts from measured tensors: towers and MTP heads are stored but not active. */
export function measuredParameters(arch: ModelArchitecture, inv: TensorInventory): ParameterCounts {
  let byArch = counts.get(inv);
  if (!byArch) {
    byArch = new WeakMap();
    counts.set(inv, byArch);
  }
  const hit = byArch.get(arch);
  if (hit) return hit;
  const share = routedShare(arch);
  let total = 0;
  let active = 0;
  let embedding = 0;
  let hasOutput = false;
  for (const t of inv.tensors) {
    const place = placeTensor(t.name, arch.layers);
    total += t.elements;
    if (place.role === 'extra') continue;
    active += t.elements * (place.routed ? share : 1);
    if (place.role === 'input-embedding') embedding += t.elements;
    if (place.role === 'output') hasOutput = true;
  }
  const result = { total, active, activePerToken: hasOutput ? active - embedding : active, embedding };
  byArch.set(arch, result);
  return result;
}
