import { DEVICE_BOUNDS, rangeProblem } from './bounds';

/** Who makes a device; 'cpu' is a CPU socket computing from its own RAM. */
export type Vendor = 'nvidia' | 'amd' | 'apple' | 'intel' | 'cpu';

/** One accelerator (or a CPU socket with its RAM), in bytes, bytes/s and FLOP/s. */
export interface Device {
  readonly name: string;
  readonly vendor: Vendor;
  readonly memoryBytes: number;
  readonly bandwidthBytesPerSecond: number;
  /** Dense FP16/BF16 matrix throughput; 0 when unknown (no prefill estimate then). */
  readonly fp16FlopsPerSecond: number;
  /** CPU and GPU share one pool (Apple silicon, DGX Spark, Ryzen AI Max): nothing to offload to. */
  readonly unifiedMemory: boolean;
  /**
   * On unified memory, how much the GPU may use when a source states it (a BIOS or driver limit);
   * absent: Apple's Metal share (appleGpuShare) on Apple devices, all of it elsewhere.
   */
  readonly gpuMemoryBytes?: number | undefined;
  /** The host link, bytes/s per direction; absent: PCIe 4.0 x16 (PCIE_BYTES_PER_SECOND). */
  readonly pcieBytesPerSecond?: number | undefined;
  /** A direct link to its peers (NVLink, Infinity Fabric), bytes/s per direction; absent: none. */
  readonly peerBytesPerSecond?: number | undefined;
}

/** System RAM that llama.cpp and transformers can spill layers into. */
export interface HostSystem {
  readonly memoryBytes: number;
  readonly bandwidthBytesPerSecond: number;
}

/**
 * A desktop with 64 GiB of dual-channel DDR5-5600: 2 channels × 8 bytes × 5,600 MT/s = 89.6 GB/s
 * (JEDEC JESD79-5 data rates; https://en.wikipedia.org/wiki/DDR5_SDRAM).
 */
export const DEFAULT_HOST: HostSystem = {
  memoryBytes: 64 * 1024 ** 3,
  bandwidthBytesPerSecond: 89.6e9,
};

/**
 * PCIe 4.0 x16 moves ~31.5 GB/s per direction (16 GT/s × 16 lanes, 128b/130b encoding;
 * https://pcisig.com/specifications): llama.cpp streams offloaded weights over it for prompt batches.
 */
const GiB = 1024 ** 3;

export const PCIE_BYTES_PER_SECOND = 31.5e9;

/**
 * One direction of a PCIe link: generations 3-5 signal at 8, 16 and 32 GT/s per lane with
 * 128b/130b encoding, generation 6 at 64 GT/s with FLIT mode's 242 of 256 bytes carrying data
 * (https://pcisig.com/specifications): gen 4 x16 = 31.5 GB/s, gen 5 x16 = 63.0 GB/s.
 */
export function pcieBytesPerSecond(generation: number, lanes: number): number {
  const gts = generation <= 1 ? 2.5 : generation === 2 ? 5 : 8 * 2 ** (generation - 3);
  const encoding = generation <= 2 ? 8 / 10 : generation <= 5 ? 128 / 130 : 242 / 256;
  return (gts * 1e9 * lanes * encoding) / 8;
}

/**
 * Share of unified memory macOS lets the GPU wire (Metal recommendedMaxWorkingSetSize): 2/3 on
 * machines up to 32 GB (10922.67 MB of 16 GB, https://github.com/ggml-org/llama.cpp/issues/2209;
 * 21845.34 MB of 32 GB, https://github.com/ggml-org/llama.cpp/pull/2011) and 3/4 above
 * (49152 MiB of 64 GB, https://github.com/ggml-org/llama.cpp/issues/1870; 73728 MB of 96 GB,
 * https://github.com/ggml-org/llama.cpp/issues/3213). `sysctl iogpu.wired_limit_mb` raises it.
 */
export function appleGpuShare(memoryBytes: number): number {
  return memoryBytes <= 32 * 1024 ** 3 ? 2 / 3 : 3 / 4;
}

/** Memory a runtime that fills `memoryFraction` of a device may use on it, bytes. */
export function usableBytes(device: Device, memoryFraction: number): number {
  if (device.gpuMemoryBytes !== undefined) return device.gpuMemoryBytes * memoryFraction;
  const share = device.unifiedMemory && device.vendor === 'apple' ? appleGpuShare(device.memoryBytes) : 1;
  return device.memoryBytes * share * memoryFraction;
}

/** Why a device cannot be estimated, or null: memory, bandwidth and throughput in range (bounds.ts). */
export function deviceProblem(d: Device): string | null {
  const b = DEVICE_BOUNDS;
  const problem =
    rangeProblem('memory', d.memoryBytes, b.memoryBytes, 'GiB', GiB) ??
    rangeProblem('bandwidth', d.bandwidthBytesPerSecond, b.bandwidthBytesPerSecond, 'GB/s', 1e9) ??
    (d.fp16FlopsPerSecond === 0
      ? null
      : rangeProblem(
          'FP16 throughput',
          d.fp16FlopsPerSecond,
          b.fp16FlopsPerSecond,
          'TFLOPS (or 0 when unknown)',
          1e12,
        ));
  if (problem) return `${d.name}: ${problem}`;
  const gpu = d.gpuMemoryBytes;
  if (gpu !== undefined && !(gpu > 0 && gpu <= d.memoryBytes)) {
    return `${d.name}: the GPU's share of unified memory must be positive and at most the memory`;
  }
  return null;
}

/** Why system RAM for offload cannot be estimated, or null. */
export function hostProblem(h: HostSystem): string | null {
  const b = DEVICE_BOUNDS;
  const problem =
    rangeProblem('memory', h.memoryBytes, b.memoryBytes, 'GiB', GiB) ??
    rangeProblem('bandwidth', h.bandwidthBytesPerSecond, b.bandwidthBytesPerSecond, 'GB/s', 1e9);
  return problem && `system RAM: ${problem}`;
}
