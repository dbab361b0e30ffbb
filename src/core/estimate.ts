import { activationBytes } from './activations';
import { architectureProblem, type ModelArchitecture } from './architecture';
import { DEFAULT_HOST, deviceProblem, type Device, type HostSystem } from './devices';
import { placeModel, type DeviceLoad, type SplitMode, type Verdict } from './fit';
import type { WeightFormat } from './formats/weight-formats';
import { kvCacheSize, type KvCacheType } from './kv-cache';
import { countParameters, type ParameterCounts } from './params';
import { RUNTIMES, type RuntimeId, type SpeedConstants } from './runtimes';
import { estimateSpeed, type SpeedEstimate } from './speed';
import { analyseWeights } from './weights';

export interface EstimateInput {
  readonly arch: ModelArchitecture;
  readonly format: WeightFormat;
  /** Tokens each sequence holds: prompt plus generated text. */
  readonly contextTokens: number;
  /** Concurrent sequences (batch). */
  readonly sequences: number;
  readonly kvCacheType: KvCacheType;
  readonly runtime: RuntimeId;
  /** One entry per device; may mix models of GPU. */
  readonly devices: readonly Device[];
  readonly host?: HostSystem | undefined;
  /** Default: tensor parallel for vLLM, layer split elsewhere. */
  readonly splitMode?: SplitMode | undefined;
  /** Default on: llama.cpp enables it automatically on current GPUs (-fa auto). */
  readonly flashAttention?: boolean | undefined;
  /** Prompt length for prefill time; default: the whole context. */
  readonly promptTokens?: number | undefined;
  /** Replaces the runtime's speed constants (used when fitting them to measurements). */
  readonly speedConstants?: SpeedConstants | undefined;
}

export interface MemoryEstimate {
  /** All weights (the checkpoint or GGUF tensor data). */
  readonly weightsBytes: number;
  /** Weights kept in system RAM by design (llama.cpp's input embedding table). */
  readonly hostWeightsBytes: number;
  readonly kvCacheBytes: number;
  /** Compute buffers / peak activations, summed over devices. */
  readonly activationBytes: number;
  /** Runtime and driver overhead, summed over devices. */
  readonly overheadBytes: number;
  /** weights + KV cache + activations + overhead. */
  readonly totalBytes: number;
  /** What must sit in device memory for a full offload. */
  readonly deviceBytes: number;
  readonly perDevice: readonly DeviceLoad[];
}

export interface FitEstimate {
  readonly verdict: Verdict;
  readonly usableBytes: number;
  /** usable − needed on the devices; negative when it does not fit. */
  readonly spareBytes: number;
  readonly ratio: number;
  readonly deviceLayers: number;
  readonly totalLayers: number;
  readonly splitMode: SplitMode;
}

export interface Estimate {
  readonly params: ParameterCounts;
  readonly weights: { readonly bitsPerWeight: number; readonly bytesPerToken: number };
  readonly memory: MemoryEstimate;
  readonly fit: FitEstimate;
  readonly speed: SpeedEstimate;
}

export type EstimateResult =
  { readonly ok: true; readonly value: Estimate } | { readonly ok: false; readonly error: string };

// Architectures and devices are immutable and reused across thousands of estimates: check each once.
const archChecks = new WeakMap<ModelArchitecture, string | null>();
const deviceChecks = new WeakMap<Device, string | null>();

function checkedOnce<K extends object>(
  cache: WeakMap<K, string | null>,
  key: K,
  check: (k: K) => string | null,
): string | null {
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const result = check(key);
  cache.set(key, result);
  return result;
}

/** Why an input cannot be estimated, or null. */
export function inputProblem(input: EstimateInput): string | null {
  const archProblem = checkedOnce(archChecks, input.arch, architectureProblem);
  if (archProblem) return archProblem;
  if (!Number.isInteger(input.contextTokens) || input.contextTokens < 1) {
    return `context must be a whole number of tokens ≥ 1; got ${String(input.contextTokens)}`;
  }
  if (!Number.isInteger(input.sequences) || input.sequences < 1) {
    return `batch must be a whole number of sequences ≥ 1; got ${String(input.sequences)}`;
  }
  if (input.devices.length === 0) return 'at least one device is needed';
  for (const d of input.devices) {
    const problem = checkedOnce(deviceChecks, d, deviceProblem);
    if (problem) return problem;
  }
  return null;
}

/** Memory, fit and speed of one model × format × runtime × device set. Pure and total: invalid input yields an error. */
export function estimate(input: EstimateInput): EstimateResult {
  const problem = inputProblem(input);
  if (problem) return { ok: false, error: problem };
  return { ok: true, value: estimateUnchecked(input) };
}

export function estimateUnchecked(input: EstimateInput): Estimate {
  const { arch, format, devices } = input;
  const runtime = RUNTIMES[input.runtime];
  const host = input.host ?? DEFAULT_HOST;
  const splitMode = input.splitMode ?? (input.runtime === 'vllm' ? 'tensor' : 'layer');
  const params = countParameters(arch);
  const w = analyseWeights(arch, format);
  const kv = kvCacheSize({
    arch,
    contextTokens: input.contextTokens,
    sequences: input.sequences,
    cacheType: input.kvCacheType,
    runtime: input.runtime,
  });
  const perDeviceActivation = activationBytes({
    arch,
    runtime: input.runtime,
    contextTokens: input.contextTokens,
    promptTokens: Math.min(input.promptTokens ?? input.contextTokens, input.contextTokens),
    sequences: input.sequences,
    activationBytes: format.activationBytes,
    kvCells: kv.cellsPerSequence * input.sequences,
    kvLayerBytes: kv.bytes / arch.layers,
    flashAttention: input.flashAttention ?? true,
  });
  // llama.cpp keeps the input embedding in host memory ("there is very little benefit to
  // offloading the input layer", src/llama-model.cpp); a tied table is duplicated as the output.
  const hostWeightsBytes =
    input.runtime === 'llama.cpp' && !devices.every((d) => d.unifiedMemory) ? w.inputEmbeddingBytes : 0;
  const layerWeightBytes = w.allLayersBytes;
  const tiedCopy = arch.tiedEmbeddings && hostWeightsBytes > 0 ? w.inputEmbeddingBytes : 0;
  const deviceFixedWeightBytes = w.outputBytes + w.inputEmbeddingBytes - hostWeightsBytes + tiedCopy;
  const placement = placeModel({
    devices,
    host,
    runtime,
    splitMode,
    layers: arch.layers,
    layerWeightBytes,
    deviceFixedWeightBytes,
    kvBytes: kv.bytes,
    activationBytes: perDeviceActivation,
  });
  const activationTotal = perDeviceActivation * devices.length;
  const speed = estimateSpeed({
    arch,
    weights: w,
    activeParamsPerToken: params.activePerToken,
    devices,
    host,
    runtime,
    splitMode,
    sequences: input.sequences,
    promptTokens: input.promptTokens ?? input.contextTokens,
    contextTokens: input.contextTokens,
    kvBytes: kv.bytes,
    offloadedFraction: placement.offloadedFraction,
    speedConstants: input.speedConstants,
  });
  return {
    params,
    weights: { bitsPerWeight: w.bitsPerWeight, bytesPerToken: w.bytesPerToken },
    memory: {
      weightsBytes: w.totalBytes,
      hostWeightsBytes,
      kvCacheBytes: kv.bytes,
      activationBytes: activationTotal,
      overheadBytes: placement.overheadBytes,
      totalBytes: w.totalBytes + tiedCopy + kv.bytes + activationTotal + placement.overheadBytes,
      deviceBytes: placement.neededBytes,
      perDevice: placement.perDevice,
    },
    fit: {
      verdict: placement.verdict,
      usableBytes: placement.usableBytes,
      spareBytes: placement.usableBytes - placement.neededBytes,
      ratio: placement.ratio,
      deviceLayers: placement.deviceLayers,
      totalLayers: arch.layers,
      splitMode,
    },
    speed,
  };
}

/**
 * Largest context per sequence (≤ limit) whose verdict is fits or tight; 0 if none. Memory grows
 * with context, so a binary search finds it.
 */
export function maxContext(input: EstimateInput, limit: number): number {
  const fitsAt = (ctx: number) => {
    const v = estimateUnchecked({ ...input, contextTokens: ctx }).fit.verdict;
    return v === 'fits' || v === 'tight';
  };
  if (!fitsAt(1)) return 0;
  let lo = 1;
  let hi = limit;
  if (fitsAt(hi)) return hi;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (fitsAt(mid)) lo = mid;
    else hi = mid;
  }
  return lo;
}
