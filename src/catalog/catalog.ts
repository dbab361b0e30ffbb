import gpusJson from '../../data/gpus.json';
import modelsJson from '../../data/models.json';
import cpusJson from '../../data/cpus.json';
import { architectureFrom, type ModelArchitecture } from '../core/architecture';
import type { Device } from '../core/devices';
import type { CpuEntry, GpuEntry, ModelEntry } from './schema';

export interface CatalogModel extends ModelEntry {
  /** The architecture with defaults filled, ready for the estimator. */
  readonly arch: ModelArchitecture;
}

// data/*.json is checked against src/catalog/schema.ts when the app and CLI are built (the data
// plugin in vite.config.ts) and by the tests, so it is imported as it is: no validator ships.
export const CPUS = cpusJson as unknown as readonly CpuEntry[];

export const GPUS = gpusJson as unknown as readonly GpuEntry[];

// A checkpoint stored as MXFP4 (gpt-oss) ships its routed experts in it (architecture.ts, expertFormat).
const shippedExperts = (m: ModelEntry): ModelEntry['architecture'] =>
  m.nativeDtype === 'mxfp4' && m.architecture.moe
    ? { ...m.architecture, moe: { ...m.architecture.moe, expertFormat: 'mxfp4' } }
    : m.architecture;

export const MODELS: readonly CatalogModel[] = (modelsJson as unknown as readonly ModelEntry[]).map((m) => ({
  ...m,
  arch: architectureFrom(shippedExperts(m)),
}));

const GiB = 1024 ** 3;

/** A catalogue GPU in the estimator's units: bytes, bytes/s, FLOP/s. */
const devices = new WeakMap<GpuEntry, Device>();

/** One immutable Device per catalogue entry, so the estimator's per-device caches stay warm. */
export function gpuDevice(gpu: GpuEntry): Device {
  let device = devices.get(gpu);
  if (!device) {
    device = Object.freeze({
      name: gpu.shortName,
      vendor: gpu.vendor,
      memoryBytes: gpu.memoryGiB * GiB,
      bandwidthBytesPerSecond: gpu.bandwidthGBps * 1e9,
      fp16FlopsPerSecond: gpu.fp16Tflops * 1e12,
      unifiedMemory: gpu.vendor === 'apple' || gpu.class === 'unified',
      gpuMemoryBytes: gpu.unifiedMemory?.gpuMaxGiB === undefined ? undefined : gpu.unifiedMemory.gpuMaxGiB * GiB,
    });
    devices.set(gpu, device);
  }
  return device;
}
