import gpusJson from '../../data/gpus.json';
import modelsJson from '../../data/models.json';
import cpusJson from '../../data/cpus.json';
import { architectureFrom, type ModelArchitecture } from '../core/architecture';
import { pcieBytesPerSecond, type Device } from '../core/devices';
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

/**
 * A peer link the machine always has: SXM and OAM modules carry NVLink or Infinity Fabric on the
 * board, while the NVLink of consumer, workstation and PCIe datacenter cards needs an optional
 * bridge, so their GPUs are taken to talk over PCIe. The catalogue's peerGBps counts both
 * directions.
 */
function peerLink(gpu: GpuEntry): number | undefined {
  const peer = gpu.interconnect?.peerGBps;
  if (peer === undefined || gpu.class !== 'datacenter' || /-pcie$/.test(gpu.id)) return undefined;
  return (peer / 2) * 1e9;
}

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
      pcieBytesPerSecond:
        gpu.interconnect?.pcieGen === undefined
          ? undefined
          : pcieBytesPerSecond(gpu.interconnect.pcieGen, gpu.interconnect.pcieLanes ?? 16),
      peerBytesPerSecond: peerLink(gpu),
    });
    devices.set(gpu, device);
  }
  return device;
}
