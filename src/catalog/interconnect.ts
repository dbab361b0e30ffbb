import type { GpuEntry } from './schema';

/**
 * GPU-to-GPU bandwidth per direction for data-parallel training, bytes/s. Datacenter and
 * workstation parts with NVLink use it (the catalogue's peerGBps counts both directions); consumer
 * cards talk over PCIe (an NVLink bridge is an extra part that is rarely fitted; RTX 40-series
 * cards have none). PCIe per direction: 0.985 GB/s per lane at gen 3, doubling each generation
 * (PCI-SIG, https://pcisig.com/specifications): 15.75, 31.5 and 63 GB/s for x16.
 */
const PCIE_LANE_GBPS: Readonly<Record<number, number>> = { 3: 0.985, 4: 1.969, 5: 3.938, 6: 7.877 };

export function gpuInterconnectBytesPerSecond(gpu: GpuEntry): number {
  const link = gpu.interconnect;
  if (link?.peerGBps !== undefined && gpu.class !== 'consumer') return (link.peerGBps / 2) * 1e9;
  const perLane = PCIE_LANE_GBPS[link?.pcieGen ?? 4] ?? PCIE_LANE_GBPS[4] ?? 1.969;
  return perLane * (link?.pcieLanes ?? 16) * 1e9;
}

/** The slowest link of a pool (a mixed pool runs at the pace of its slowest card). */
export function poolInterconnectBytesPerSecond(gpus: readonly GpuEntry[]): number {
  let slowest = Infinity;
  for (const g of gpus) slowest = Math.min(slowest, gpuInterconnectBytesPerSecond(g));
  return Number.isFinite(slowest) ? slowest : 31.5e9;
}
