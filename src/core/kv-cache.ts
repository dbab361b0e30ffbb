import { attentionLayerCount, hasRecurrentState, recurrentStateElements, type ModelArchitecture } from './architecture';
import { KV_CACHE_TYPES, type KvCacheType } from './kv-cache-types';
import type { RuntimeProfile } from './runtimes/profile';
import { runtimeProfile, type RuntimeId } from './runtimes/registry';

export interface KvCacheInput {
  readonly arch: ModelArchitecture;
  /** Tokens each sequence may hold (prompt + generated). */
  readonly contextTokens: number;
  /** Concurrent sequences. */
  readonly sequences: number;
  readonly cacheType: KvCacheType;
  /** The engine, whose profile says how it pads and lays out the cache (RuntimeProfile.kv). */
  readonly runtime: RuntimeId | RuntimeProfile;
}

export interface KvCacheSize {
  readonly bytes: number;
  /** Cache slots reserved per sequence in full-attention layers (after the runtime's padding). */
  readonly cellsPerSequence: number;
  readonly fullLayers: number;
  readonly slidingLayers: number;
}

/** Layers that use a sliding window: every layer but the last of each `pattern` (llama-hparams.cpp set_swa_pattern). */
export function slidingLayerCount(arch: ModelArchitecture): number {
  const sw = arch.slidingWindow;
  // Hybrids attend in full in their few attention layers.
  if (arch.hybrid) return 0;
  if (!sw || sw.pattern < 2) return 0;
  // Layers p-1, 2p-1, … are global: floor(layers / p) of them.
  return arch.layers - Math.floor(arch.layers / sw.pattern);
}

/** KV cache bytes: Σ over layers of cells × elements per token × bytes per element. */
export function kvCacheSize(input: KvCacheInput): KvCacheSize {
  const { arch, contextTokens, sequences, cacheType } = input;
  const layout = runtimeProfile(input.runtime).kv;
  const perCell = layout.elementsPerToken(arch) * KV_CACHE_TYPES[cacheType];
  const cells = layout.cells(contextTokens);
  const slidingLayers = slidingLayerCount(arch);
  const fullLayers = attentionLayerCount(arch) - slidingLayers;
  const swCells = arch.slidingWindow ? layout.slidingCells(arch.slidingWindow.window, cells) : 0;
  const perSequence = perCell * (fullLayers * cells + slidingLayers * swCells);
  return { bytes: perSequence * sequences, cellsPerSequence: cells, fullLayers, slidingLayers };
}

/** Bytes per element of the recurrent state when the runtime does not say: fp32, as llama.cpp keeps it. */
const DEFAULT_RECURRENT_STATE_BYTES = 4;

/**
 * The recurrent state of a hybrid model (Mamba or linear-attention layers), all sequences: a
 * constant per sequence, whatever the context. Each recurrent layer keeps its convolution window
 * and its SSM state (architecture.ts recurrentStateElements) at the runtime's element size; a
 * config that asks for an fp32 SSM state (mamba_ssm_cache_dtype) gets 4 bytes for that part.
 */
export function recurrentStateBytes(
  arch: ModelArchitecture,
  sequences: number,
  runtime: RuntimeId | RuntimeProfile,
): number {
  const { hybrid } = arch;
  if (!hybrid) return 0;
  const elementBytes = runtimeProfile(runtime).recurrentStateElementBytes ?? DEFAULT_RECURRENT_STATE_BYTES;
  const { conv, state } = recurrentStateElements(hybrid.ssm);
  const stateBytes = hybrid.ssm.stateF32 ? 4 : elementBytes;
  let layers = 0;
  for (const m of hybrid.mixers) if (hasRecurrentState(m)) layers++;
  return layers * (conv * elementBytes + state * stateBytes) * sequences;
}
