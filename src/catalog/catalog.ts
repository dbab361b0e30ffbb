import gpusJson from '../../data/gpus.json';
import modelsJson from '../../data/models.json';
import cpusJson from '../../data/cpus.json';
import { architectureFrom, type ModelArchitecture } from '../core/architecture';
import type { Device } from '../core/devices';
import {
  cpuCatalogSchema,
  gpuCatalogSchema,
  modelCatalogSchema,
  type CpuEntry,
  type GpuEntry,
  type ModelEntry,
} from './schema';

export interface CatalogModel extends ModelEntry {
  /** The architecture with defaults filled, ready for the estimator. */
  readonly arch: ModelArchitecture;
}

function validated<T>(
  label: string,
  result:
    | { success: true; data: T }
    | { success: false; error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] } },
): T {
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const where = issue ? issue.path.map(String).join('.') : '?';
  throw new Error(`${label} is invalid at ${where}: ${issue?.message ?? 'unknown problem'}`);
}

export const CPUS: readonly CpuEntry[] = validated('data/cpus.json', cpuCatalogSchema.safeParse(cpusJson));

export const GPUS: readonly GpuEntry[] = validated('data/gpus.json', gpuCatalogSchema.safeParse(gpusJson));

export const MODELS: readonly CatalogModel[] = validated(
  'data/models.json',
  modelCatalogSchema.safeParse(modelsJson),
).map((m) => ({ ...m, arch: architectureFrom(m.architecture) }));

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
      unifiedMemory: gpu.vendor === 'apple',
    });
    devices.set(gpu, device);
  }
  return device;
}
