import { CPUS, GPUS, MODELS, gpuDevice } from '../catalog/catalog';
import { parseHfConfig } from '../importers/hf-config';
import { gpuLabel } from '../catalog/lookup';
import type { CpuEntry, GpuEntry } from '../catalog/schema';
import { fallbackArchitecture, type ModelArchitecture } from '../core/architecture';
import { DEFAULT_HOST, type Device, type HostSystem } from '../core/devices';
import { scaledContextLimit, type RopeScaling } from '../core/context-scaling';
import { estimate, type EstimateInput, type EstimateResult } from '../core/estimate';
import { weightFormatById, type WeightFormat } from '../core/formats/weight-formats';
import type { KvCacheType } from '../core/kv-cache-types';
import type { TensorInventory } from '../core/measured-weights';
import { countParameters } from '../core/params';
import { RUNTIMES, type RuntimeId } from '../core/runtimes/registry';
import { BARE_SIZE_CONTEXT, parseBareSize } from '../url/link-limits';
import { poolKey, type ShareState } from '../url/share-state';
import type { HostState } from '../url/host-state';
import { hostWords } from './host-words';
import { formatParams } from './format-units';

/** The share state resolved against the catalogue: what every view renders from. */

export interface ScenarioModel {
  /** The token in the link: a catalogue id, "7b" or "config". */
  readonly key: string;
  readonly name: string;
  readonly family: string;
  readonly arch: ModelArchitecture;
  readonly contextLimit: number;
  /** The longest context with the model's RoPE scaling turned on (contextLimit without one). */
  readonly scaledContextLimit: number;
  readonly ropeScaling: RopeScaling | undefined;
  readonly totalParams: number;
  readonly activeParams: number;
  readonly moe: boolean;
  readonly source: string | null;
  readonly custom: boolean;
  /**
   * Weights read from a file header (a Hub checkpoint or a GGUF file), used when the format is
   * the one they are stored in; a GGUF file (`fixedFormat`) is always estimated as stored.
   */
  readonly measured?:
    | {
        readonly tensors: TensorInventory;
        readonly format: WeightFormat;
        readonly fixedFormat: boolean;
      }
    | undefined;
  /** What the importer assumed about this model, said in the view. */
  readonly assumptions?: readonly string[] | undefined;
}

export interface ScenarioPool {
  readonly key: string;
  /** "2 × RTX 4090 24 GB", "RTX 5090 32 GB + RTX 3090 24 GB". */
  readonly label: string;
  /** Compact column header: "2× RTX 4090". */
  readonly shortLabel: string;
  readonly devices: readonly Device[];
  readonly gpus: readonly GpuEntry[];
}

/**
 * A model named in the link that has not resolved synchronously: one read from a remote source
 * (the Hugging Face Hub, a file) is loading or failed while the rest of the page works.
 */
export type PendingModel =
  | { readonly key: string; readonly label: string; readonly status: 'loading'; readonly progress: string }
  | { readonly key: string; readonly label: string; readonly status: 'failed'; readonly error: string };

export type ModelResolution = { readonly status: 'ready'; readonly model: ScenarioModel } | PendingModel;

/** Resolves the link's model tokens that the catalogue cannot: undefined for tokens it does not know. */
export type AsyncModels = (key: string) => ModelResolution | undefined;

export interface Scenario {
  readonly models: readonly ScenarioModel[];
  /** Models still loading or that failed, in link order; they are left out of every view. */
  readonly pendingModels: readonly PendingModel[];
  readonly pools: readonly ScenarioPool[];
  readonly formats: readonly WeightFormat[];
  readonly context: number;
  readonly batch: number;
  readonly kv: KvCacheType;
  readonly runtime: RuntimeId;
  readonly selectedModel: ScenarioModel;
  readonly selectedPool: ScenarioPool;
  readonly baseline: ScenarioPool | null;
  /** System RAM the runtime may keep weights in, and its words ("64 GB at 89.6 GB/s"). */
  readonly host: HostSystem;
  readonly hostLabel: string;
  /** The catalogue CPU that set the RAM bandwidth, if one was chosen. */
  readonly cpu: CpuEntry | null;
  /** Layers whose experts stay in RAM (llama.cpp --cpu-moe: "all"), or null. */
  readonly cpuMoe: 'all' | number | null;
}

const GPU_BY_ID = new Map(GPUS.map((g) => [g.id, g]));
const MODEL_BY_ID = new Map(MODELS.map((m) => [m.id, m]));

export function isCatalogModel(id: string): boolean {
  return MODEL_BY_ID.has(id);
}

export function isCatalogGpu(id: string): boolean {
  return GPU_BY_ID.has(id);
}

const CPU_BY_ID = new Map(CPUS.map((c) => [c.id, c]));

export function isCatalogCpu(id: string): boolean {
  return CPU_BY_ID.has(id);
}

/** The link's RAM fields as the estimator's host: a chosen CPU sets the bandwidth. */
export function resolveHost(h: HostState): { host: HostSystem; cpu: CpuEntry | null } {
  const cpu = h.cpu === null ? null : (CPU_BY_ID.get(h.cpu) ?? null);
  return {
    cpu,
    host: {
      memoryBytes: h.ramGb === null ? DEFAULT_HOST.memoryBytes : h.ramGb * 1024 ** 3,
      bandwidthBytesPerSecond: cpu
        ? cpu.bandwidthGBps * 1e9
        : h.bandwidthGbps === null
          ? DEFAULT_HOST.bandwidthBytesPerSecond
          : h.bandwidthGbps * 1e9,
    },
  };
}

function bareModel(key: string): ScenarioModel | null {
  const size = parseBareSize(key);
  if (!size?.ok) return null;
  const arch = fallbackArchitecture(size.count);
  const p = countParameters(arch);
  return {
    key,
    name: `Custom ${formatParams(size.count)}`,
    family: 'Custom',
    arch,
    contextLimit: BARE_SIZE_CONTEXT,
    scaledContextLimit: BARE_SIZE_CONTEXT,
    ropeScaling: undefined,
    totalParams: p.total,
    activeParams: p.active,
    moe: false,
    source: null,
    custom: true,
  };
}

function configModel(json: string): ScenarioModel | null {
  const parsed = parseHfConfig(json);
  if (!parsed.ok) return null;
  const p = countParameters(parsed.value.arch);
  return {
    key: 'config',
    name: `Your config.json (${parsed.value.modelType}, ${formatParams(p.total)})`,
    family: 'Custom',
    arch: parsed.value.arch,
    contextLimit: parsed.value.contextLength,
    scaledContextLimit: scaledContextLimit(parsed.value.contextLength, parsed.value.ropeScaling),
    ropeScaling: parsed.value.ropeScaling,
    totalParams: p.total,
    activeParams: p.active,
    moe: parsed.value.arch.moe !== undefined,
    source: null,
    custom: true,
  };
}

export function resolveModel(key: string, config: string | null): ScenarioModel | null {
  const entry = MODEL_BY_ID.get(key);
  if (entry) {
    const p = countParameters(entry.arch);
    return {
      key,
      name: entry.name,
      family: entry.family,
      arch: entry.arch,
      contextLimit: entry.contextLength,
      scaledContextLimit: scaledContextLimit(entry.contextLength, entry.ropeScaling),
      ropeScaling: entry.ropeScaling,
      totalParams: p.total,
      activeParams: p.active,
      moe: entry.arch.moe !== undefined,
      source: entry.source,
      custom: false,
    };
  }
  if (key === 'config') return config ? configModel(config) : null;
  return bareModel(key);
}

export function resolvePool(pool: ShareState['pools'][number]): ScenarioPool | null {
  const gpus: GpuEntry[] = [];
  const devices: Device[] = [];
  const labels: string[] = [];
  const short: string[] = [];
  for (const part of pool.parts) {
    const gpu = GPU_BY_ID.get(part.id);
    if (!gpu) return null;
    gpus.push(gpu);
    for (let i = 0; i < part.count; i++) devices.push(gpuDevice(gpu));
    labels.push(part.count > 1 ? `${part.count} × ${gpuLabel(gpu)}` : gpuLabel(gpu));
    short.push(part.count > 1 ? `${part.count}× ${gpu.shortName}` : gpu.shortName);
  }
  return { key: poolKey(pool), label: labels.join(' + '), shortLabel: short.join(' + '), devices, gpus };
}

export function resolvePoolKey(key: string): ScenarioPool | null {
  const parts = key.split('_').map((part) => {
    const [id = '', count = '1'] = part.split('*');
    return { id, count: Number(count) };
  });
  if (parts.some((p) => !Number.isInteger(p.count) || p.count < 1)) return null;
  return resolvePool({ parts });
}

export function buildScenario(state: ShareState, asyncModels: AsyncModels = () => undefined): Scenario {
  const models: ScenarioModel[] = [];
  const pendingModels: PendingModel[] = [];
  for (const key of state.models) {
    const sync = resolveModel(key, state.config);
    const resolution: ModelResolution | undefined = sync ? { status: 'ready', model: sync } : asyncModels(key);
    if (resolution?.status === 'ready') models.push(resolution.model);
    else if (resolution) pendingModels.push(resolution);
  }
  const pools = state.pools.map(resolvePool).filter((p): p is ScenarioPool => p !== null);
  const formats = state.formats.map(weightFormatById).filter((f): f is WeightFormat => f !== null);
  const fallbackModel = models[0] ?? resolveModel('llama-3-1-8b', null);
  const fallbackPool = pools.find((p) => p.key === 'rtx-4090') ?? pools[0] ?? resolvePoolKey('rtx-4090');
  const fallbackFormat = weightFormatById('Q4_K_M');
  if (!fallbackModel || !fallbackPool || !fallbackFormat) throw new Error('the catalogue lost its default entries');
  const selectedModel = models.find((m) => m.key === state.selected?.model) ?? fallbackModel;
  const selectedPool = pools.find((p) => p.key === state.selected?.pool) ?? fallbackPool;
  const { host, cpu } = resolveHost(state.host);
  return {
    host,
    hostLabel: `${hostWords(host)}${cpu ? ` (${cpu.name})` : ''}`,
    cpu,
    cpuMoe: state.host.cpuMoe,
    models: models.length > 0 ? models : [fallbackModel],
    pendingModels,
    pools: pools.length > 0 ? pools : [fallbackPool],
    formats: formats.length > 0 ? formats : [fallbackFormat],
    context: state.context,
    batch: state.batch,
    kv: state.kv,
    runtime: state.runtime,
    selectedModel,
    selectedPool,
    baseline: state.baseline ? resolvePoolKey(state.baseline) : null,
  };
}

/** Context for a model: the chosen context, capped at the model's limit with its RoPE scaling on. */
export function contextFor(s: Scenario, model: ScenarioModel): number {
  return Math.min(s.context, model.scaledContextLimit);
}

/** Layers whose experts stay in RAM for this model, where the runtime can keep them there. */
export function cpuMoeLayersFor(s: Scenario, model: ScenarioModel): number | undefined {
  if (s.cpuMoe === null || !model.arch.moe || RUNTIMES[s.runtime].expertOffload !== true) return undefined;
  return s.cpuMoe === 'all' ? model.arch.layers : Math.min(s.cpuMoe, model.arch.layers);
}

export function estimateInput(
  s: Scenario,
  model: ScenarioModel,
  pool: ScenarioPool,
  format: WeightFormat,
): EstimateInput {
  const m = model.measured;
  const asStored = m !== undefined && (m.fixedFormat || m.format.id === format.id);
  return {
    arch: model.arch,
    format: asStored ? m.format : format,
    tensors: asStored ? m.tensors : undefined,
    contextTokens: contextFor(s, model),
    sequences: s.batch,
    kvCacheType: s.kv,
    runtime: s.runtime,
    devices: pool.devices,
    host: s.host,
    cpuMoeLayers: cpuMoeLayersFor(s, model),
  };
}

export function estimateFor(
  s: Scenario,
  model: ScenarioModel,
  pool: ScenarioPool,
  format: WeightFormat,
): EstimateResult {
  return estimate(estimateInput(s, model, pool, format));
}
