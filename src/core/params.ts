import type { ModelArchitecture } from './architecture';
import { tensorElements, tensorInventory, type TensorSpec } from './tensors';

export interface ParameterCounts {
  /** Every stored parameter. */
  readonly total: number;
  /** Parameters used for one token: routed experts counted by activeExperts / experts. */
  readonly active: number;
  /**
   * Parameters read from memory for one decoded token: `active` without the input embedding
   * table, of which only one row per token is looked up (unless it doubles as the output head).
   */
  readonly activePerToken: number;
  /** Input embedding table (vocab × hidden). */
  readonly embedding: number;
}

/** Fraction of a tensor that one token touches. */
export function activeFraction(arch: ModelArchitecture, t: TensorSpec): number {
  // MTP blocks after the last layer are stored but not run to generate a token.
  if (t.layer >= arch.layers) return 0;
  return t.routed && arch.moe ? arch.moe.activeExperts / arch.moe.experts : 1;
}

// Walking the tensor inventory costs microseconds per layer; views ask for the same model's counts
// on every render, so results are kept per architecture object.
const cache = new WeakMap<ModelArchitecture, ParameterCounts>();

export function countParameters(arch: ModelArchitecture): ParameterCounts {
  const hit = cache.get(arch);
  if (hit) return hit;
  const counts = count(arch);
  cache.set(arch, counts);
  return counts;
}

function count(arch: ModelArchitecture): ParameterCounts {
  let total = 0;
  let active = 0;
  let embedding = 0;
  for (const t of tensorInventory(arch)) {
    const n = tensorElements(t);
    total += n;
    active += n * activeFraction(arch, t);
    if (t.name === 'token_embd') embedding = n;
  }
  const activePerToken = arch.tiedEmbeddings ? active : active - embedding;
  return { total, active, activePerToken, embedding };
}
