import type { Device } from './devices';

/**
 * Devices for core tests, from the vendors' datasheets:
 * RTX 4090 24 GB, 1,008 GB/s, 165.2 TFLOPS (NVIDIA Ada whitepaper),
 * RTX 3090 24 GB, 936 GB/s, 71 TFLOPS (NVIDIA Ampere GA102 whitepaper),
 * RTX 5090 32 GB, 1,792 GB/s, 209.5 TFLOPS (NVIDIA Blackwell whitepaper),
 * M2 Ultra 192 GB, 800 GB/s, 27.2 TFLOPS (Apple Mac Pro tech specs).
 */
const GiB = 1024 ** 3;

export const RTX_4090: Device = {
  name: 'RTX 4090',
  vendor: 'nvidia',
  memoryBytes: 24 * GiB,
  bandwidthBytesPerSecond: 1008e9,
  fp16FlopsPerSecond: 165.2e12,
  unifiedMemory: false,
};

export const RTX_3090: Device = {
  ...RTX_4090,
  name: 'RTX 3090',
  bandwidthBytesPerSecond: 936e9,
  fp16FlopsPerSecond: 71e12,
};

export const RTX_5090: Device = {
  ...RTX_4090,
  name: 'RTX 5090',
  memoryBytes: 32 * GiB,
  bandwidthBytesPerSecond: 1792e9,
  fp16FlopsPerSecond: 209.5e12,
};

export const M2_ULTRA_192: Device = {
  name: 'M2 Ultra',
  vendor: 'apple',
  memoryBytes: 192 * GiB,
  bandwidthBytesPerSecond: 800e9,
  fp16FlopsPerSecond: 27.2e12,
  unifiedMemory: true,
};

/** H100 SXM 80 GB: 3,350 GB/s, 989.5 TFLOPS dense FP16 (NVIDIA H100 datasheet). */
export const H100_SXM: Device = {
  name: 'H100 SXM',
  vendor: 'nvidia',
  memoryBytes: 80 * GiB,
  bandwidthBytesPerSecond: 3350e9,
  fp16FlopsPerSecond: 989.5e12,
  unifiedMemory: false,
};

/** DGX Spark: 128 GB LPDDR5X at 273 GB/s of which CUDA reports 119.7 GiB (NVIDIA; catalogue entry dgx-spark). */
export const DGX_SPARK: Device = {
  name: 'DGX Spark',
  vendor: 'nvidia',
  memoryBytes: 128 * GiB,
  gpuMemoryBytes: 119.7 * GiB,
  bandwidthBytesPerSecond: 273e9,
  fp16FlopsPerSecond: 125e12,
  unifiedMemory: true,
};
