import type { ActivationInput } from './activations';
import { architectureProblem, type ModelArchitecture } from './architecture';
import { INPUT_BOUNDS, rangeProblem } from './bounds';
import { DEFAULT_HOST, deviceProblem, hostProblem, type Device, type HostSystem } from './devices';
import { placeModel, type DeviceLoad, type SplitMode, type Verdict } from './fit';
import type { WeightFormat } from './formats/weight-formats';
import { describeValue, groupedWhole, quoteInput } from './input-text';
import { kvCacheSize, recurrentStateBytes } from './kv-cache';
import type { KvCacheType } from './kv-cache-types';
import { analyseMeasuredWeights, measuredParameters, type TensorInventory } from './measured-weights';
import { countParameters, type ParameterCounts } from './params';
import type { RuntimeProfile, SpeedConstants } from './runtimes/profile';
import { runtimeProfile, type RuntimeId } from './runtimes/registry';
import { runtimeProblem } from './runtimes/rules';
import { estimateSpeed, type SpeedEstimate } from './speed';
import { analyseWeights } from './weights';

export interface EstimateInput {
  readonly arch: ModelArchitecture;
  readonly format: WeightFormat;
  /**
   * The weights as a file header gives them. When present they replace the tensors derived from
   * `arch` and `format` (exact bytes, counts and placement); `format` then only names the family
   * the runtime must load and the compute type.
   */
  readonly tensors?: TensorInventory | undefined;
  /** Tokens each sequence holds: prompt plus generated text. */
  readonly contextTokens: number;
  /** Concurrent sequences (batch). */
  readonly sequences: number;
  readonly kvCacheType: KvCacheType;
  /** An engine by id, or a profile of one (runtimes/profile.ts). */
  readonly runtime: RuntimeId | RuntimeProfile;
  /** One entry per device; may mix models of GPU. */
  readonly devices: readonly Device[];
  readonly host?: HostSystem | undefined;
  /** Default: the runtime's (tensor parallel for vLLM, layer split elsewhere). */
  readonly splitMode?: SplitMode | undefined;
  /** Default: the runtime's (llama.cpp enables it automatically on current GPUs, -fa auto). */
  readonly flashAttention?: boolean | undefined;
  /** Prompt length for prefill time; default: the whole context. */
  readonly promptTokens?: number | undefined;
  /** Replaces the runtime's speed constants (used when fitting them to measurements). */
  readonly speedConstants?: SpeedConstants | undefined;
  /**
   * Keep the routed experts of the first N layers in system RAM, computed there by the CPU
   * (llama.cpp --n-cpu-moe N; any N at or above the layer count is --cpu-moe, every layer). The
   * rest of the model stays on the GPUs. No effect on dense models or on unified memory, where
   * the GPU already reads system memory. Default 0.
   */
  readonly cpuMoeLayers?: number | undefined;
  /** Prompt tokens per forward pass (llama.cpp -ub); default: the runtime's (512 in llama.cpp). */
  readonly ubatch?: number | undefined;
}

/**
 * The parts memory is spent on; views render these in this order and colour. Inference uses
 * weights, KV cache (plus a hybrid model's recurrent state), activations and overhead; fine-tuning
 * (training/estimate-training.ts) adds gradients, optimizer states and logits.
 */
export type MemoryComponentId =
  'weights' | 'kv-cache' | 'recurrent-state' | 'activations' | 'overhead' | 'gradients' | 'optimizer' | 'logits';

export interface MemoryComponent {
  readonly id: MemoryComponentId;
  /** All of it, bytes. */
  readonly bytes: number;
  /**
   * The part the configuration keeps in system RAM by design (llama.cpp's input embedding). Layers
   * that spill because the devices are full are the fit's business (FitEstimate.deviceLayers).
   */
  readonly hostBytes: number;
}

export interface MemoryEstimate {
  /** All weights (the checkpoint or GGUF tensor data). */
  readonly weightsBytes: number;
  /**
   * Weights kept in system RAM by design: llama.cpp's input embedding table, and the experts that
   * --cpu-moe / --n-cpu-moe keep there (hostExpertBytes).
   */
  readonly hostWeightsBytes: number;
  /** The part of hostWeightsBytes that is routed experts kept in system RAM (cpuMoeLayers). */
  readonly hostExpertBytes: number;
  readonly kvCacheBytes: number;
  /**
   * The recurrent state of a hybrid model's Mamba or linear-attention layers, all sequences: a
   * constant per sequence, whatever the context; 0 for other models.
   */
  readonly recurrentStateBytes: number;
  /** Compute buffers / peak activations, summed over devices. */
  readonly activationBytes: number;
  /** Runtime and driver overhead, summed over devices. */
  readonly overheadBytes: number;
  /** weights + KV cache + recurrent state + activations + overhead. */
  readonly totalBytes: number;
  /** What must sit in device memory to run with every layer on the devices. */
  readonly deviceBytes: number;
  readonly perDevice: readonly DeviceLoad[];
}

/**
 * The memory as a list of named parts, the one every view and the CLI render: they sum to
 * totalBytes, and their device parts to deviceBytes. Built on demand, not in every estimate: the
 * matrix and the planner make millions of estimates and read only the totals (npm run bench).
 */
export function memoryComponents(m: MemoryEstimate): MemoryComponent[] {
  const weights = m.totalBytes - m.kvCacheBytes - m.recurrentStateBytes - m.activationBytes - m.overheadBytes;
  const parts: MemoryComponent[] = [
    { id: 'weights', bytes: weights, hostBytes: m.hostWeightsBytes },
    { id: 'kv-cache', bytes: m.kvCacheBytes, hostBytes: 0 },
  ];
  // Only hybrid models have one; the others' lists stay as they were.
  if (m.recurrentStateBytes > 0) parts.push({ id: 'recurrent-state', bytes: m.recurrentStateBytes, hostBytes: 0 });
  parts.push(
    { id: 'activations', bytes: m.activationBytes, hostBytes: 0 },
    { id: 'overhead', bytes: m.overheadBytes, hostBytes: 0 },
  );
  return parts;
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
  /** Layers (from the first) whose routed experts are in system RAM: 0 unless cpuMoeLayers applies. */
  readonly cpuMoeLayers: number;
}

export interface Estimate {
  readonly params: ParameterCounts;
  readonly weights: {
    readonly bitsPerWeight: number;
    readonly bytesPerToken: number;
    /** "measured": from a file header's tensors; "derived": from the architecture and format. */
    readonly basis: 'measured' | 'derived';
  };
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

const hostChecks = new WeakMap<HostSystem, string | null>();
const tensorChecks = new WeakMap<TensorInventory, string | null>();

/** Why a file header's tensors cannot be estimated: their count, elements and bytes in range. */
function tensorsProblem(inv: TensorInventory): string | null {
  const b = INPUT_BOUNDS;
  const count = rangeProblem('the number of tensors', inv.tensors.length, b.tensors);
  if (count) return count;
  for (const t of inv.tensors) {
    const problem =
      rangeProblem(`elements of ${quoteInput(t.name)}`, t.elements, b.tensorElements) ??
      rangeProblem(`bytes of ${quoteInput(t.name)}`, t.bytes, b.tensorBytes);
    if (problem) return problem;
  }
  return null;
}

/** Why an input cannot be estimated, or null. Every count and size is checked against bounds.ts. */
export function inputProblem(input: EstimateInput): string | null {
  const archProblem = checkedOnce(archChecks, input.arch, architectureProblem);
  if (archProblem) return archProblem;
  const b = INPUT_BOUNDS;
  const context = rangeProblem('context', input.contextTokens, b.contextTokens, 'tokens');
  if (context) return context;
  const batch = rangeProblem('batch', input.sequences, b.sequences, 'sequences');
  if (batch) return batch;
  const prompt = input.promptTokens;
  if (prompt !== undefined && (!Number.isInteger(prompt) || prompt < 1 || prompt > input.contextTokens)) {
    return `prompt must be a whole number of tokens from 1 to the context (${groupedWhole(input.contextTokens)}); got ${describeValue(prompt)}`;
  }
  const cpuMoe = input.cpuMoeLayers;
  if (cpuMoe !== undefined && (!Number.isInteger(cpuMoe) || cpuMoe < 0)) {
    return `layers with experts in system RAM must be a whole number ≥ 0; got ${String(cpuMoe)}`;
  }
  const ubatch = input.ubatch;
  if (ubatch !== undefined && (!Number.isInteger(ubatch) || ubatch < 1)) {
    return `micro-batch must be a whole number of tokens ≥ 1; got ${String(ubatch)}`;
  }
  if (input.devices.length === 0) return 'at least one device is needed';
  const devices = rangeProblem('the number of devices', input.devices.length, b.devices);
  if (devices) return devices;
  for (const d of input.devices) {
    const problem = checkedOnce(deviceChecks, d, deviceProblem);
    if (problem) return problem;
  }
  const host = input.host && checkedOnce(hostChecks, input.host, hostProblem);
  if (host) return host;
  const tensors = input.tensors && checkedOnce(tensorChecks, input.tensors, tensorsProblem);
  if (tensors) return tensors;
  return runtimeProblem(runtimeProfile(input.runtime), input);
}

/**
 * The first figure of an estimate that is not a finite number, or null. Bounds keep every input
 * far from overflow, so this is a guarantee for library callers rather than a path users reach.
 */
function nonFinite(e: Estimate): string | null {
  const figures: [string, number | null][] = [
    ['parameters', e.params.total],
    ['bits per weight', e.weights.bitsPerWeight],
    ['memory', e.memory.totalBytes],
    ['memory on the devices', e.memory.deviceBytes],
    ['spare memory', e.fit.spareBytes],
    ['decode speed', e.speed.decodeTokensPerSecond],
    ['decode upper bound', e.speed.decodeUpperBoundTokensPerSecond],
    ['prefill speed', e.speed.prefillTokensPerSecond],
  ];
  for (const [name, value] of figures) if (value !== null && !Number.isFinite(value)) return name;
  return null;
}

/** Memory, fit and speed of one model × format × runtime × device set. Pure and total: invalid input yields an error. */
export function estimate(input: EstimateInput): EstimateResult {
  const problem = inputProblem(input);
  if (problem) return { ok: false, error: problem };
  const value = estimateUnchecked(input);
  const broken = nonFinite(value);
  if (broken) return { ok: false, error: `the ${broken} came out as no finite number; check the inputs' sizes` };
  return { ok: true, value };
}

/** llama.cpp's default n_ubatch (common/common.h, common_params). */
const DEFAULT_UBATCH = 512;

/**
 * Layers whose experts stay in system RAM: cpuMoeLayers capped at the layer count, and none for
 * a dense model or where every device shares system memory (there is no separate RAM to use).
 */
function expertLayersInRam(input: EstimateInput): number {
  const n = input.cpuMoeLayers ?? 0;
  if (n === 0 || !input.arch.moe) return 0;
  let unified = true;
  for (const d of input.devices) if (!d.unifiedMemory) unified = false;
  return unified ? 0 : Math.min(n, input.arch.layers);
}

export function estimateUnchecked(input: EstimateInput): Estimate {
  const { arch, format, devices } = input;
  const runtime = runtimeProfile(input.runtime);
  const host = input.host ?? DEFAULT_HOST;
  const splitMode = input.splitMode ?? runtime.defaults.splitMode;
  const measured = input.tensors;
  const params = measured ? measuredParameters(arch, measured) : countParameters(arch);
  const w = measured ? analyseMeasuredWeights(arch, measured) : analyseWeights(arch, format);
  const kv = kvCacheSize({
    arch,
    contextTokens: input.contextTokens,
    sequences: input.sequences,
    cacheType: input.kvCacheType,
    runtime,
  });
  const stateBytes = recurrentStateBytes(arch, input.sequences, runtime);
  // The recurrent state sits with its layers and is read and written once per step, like the KV cache.
  const cacheBytes = kv.bytes + stateBytes;
  const promptTokens = Math.min(input.promptTokens ?? input.contextTokens, input.contextTokens);
  const activationInput: ActivationInput = {
    arch,
    contextTokens: input.contextTokens,
    promptTokens,
    sequences: input.sequences,
    activationBytes: format.activationBytes,
    kvCells: kv.cellsPerSequence * input.sequences,
    kvLayerBytes: kv.bytes / arch.layers,
    flashAttention: input.flashAttention ?? runtime.defaults.flashAttention,
  };
  const perDeviceActivation = runtime.activationBytes(activationInput);
  const hostEmbeddingBytes = runtime.hostInputEmbedding(devices) ? w.inputEmbeddingBytes : 0;
  // A tied table kept in host memory is also needed on a device as the output head.
  const tiedCopy = arch.tiedEmbeddings && hostEmbeddingBytes > 0 ? w.inputEmbeddingBytes : 0;
  const deviceFixedWeightBytes = w.outputBytes + w.inputEmbeddingBytes - hostEmbeddingBytes + tiedCopy;
  const cpuMoeLayers = expertLayersInRam(input);
  let hostExpertBytes = 0;
  let hostExpertLayers = 0;
  for (let il = 0; il < cpuMoeLayers; il++) {
    const bytes = w.layerRoutedBytes[il] ?? 0;
    hostExpertBytes += bytes;
    if (bytes > 0) hostExpertLayers++;
  }
  const hostWeightsBytes = hostEmbeddingBytes + hostExpertBytes;
  const placement = placeModel({
    devices,
    host,
    runtime,
    splitMode,
    layers: arch.layers,
    layerWeightBytes: w.allLayersBytes - hostExpertBytes,
    deviceFixedWeightBytes,
    kvBytes: cacheBytes,
    activationBytes: perDeviceActivation,
    hostFixedBytes: hostWeightsBytes,
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
    promptTokens,
    contextTokens: input.contextTokens,
    kvBytes: cacheBytes,
    offloadedFraction: placement.offloadedFraction,
    hostExpertBytes,
    hostExpertLayers,
    ubatch: input.ubatch ?? runtime.defaults.ubatch ?? DEFAULT_UBATCH,
    speedConstants: input.speedConstants,
  });
  const weightsBytes = w.totalBytes + tiedCopy;
  return {
    params,
    weights: {
      bitsPerWeight: w.bitsPerWeight,
      bytesPerToken: w.bytesPerToken,
      basis: measured ? 'measured' : 'derived',
    },
    memory: {
      weightsBytes: w.totalBytes,
      hostWeightsBytes,
      hostExpertBytes,
      kvCacheBytes: kv.bytes,
      recurrentStateBytes: stateBytes,
      activationBytes: activationTotal,
      overheadBytes: placement.overheadBytes,
      totalBytes: weightsBytes + cacheBytes + activationTotal + placement.overheadBytes,
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
      cpuMoeLayers,
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
