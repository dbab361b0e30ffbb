import systemsJson from '../../data/systems.json';
import type { ClusterLinks, Link } from '../core/serving/links';
import type { GpuEntry, SystemsCatalog } from './schema';

/** Links between GPUs for serving layouts, from data/systems.json and each GPU's interconnect. */
export const SYSTEMS = systemsJson as unknown as SystemsCatalog;

export type FabricEntry = SystemsCatalog['fabrics'][number];

export const FABRICS: readonly FabricEntry[] = SYSTEMS.fabrics;

export const DEFAULT_FABRIC = 'infiniband-ndr';

export function fabricById(id: string): FabricEntry | null {
  return FABRICS.find((f) => f.id === id) ?? null;
}

const nodeLinkEntry = (id: 'nvlink' | 'pcie') => {
  const entry = SYSTEMS.nodeLinks.find((l) => l.id === id);
  if (!entry) throw new Error(`data/systems.json lost its ${id} entry`);
  return entry;
};

/**
 * PCIe bandwidth per direction: GT/s per lane (3.0: 8, 4.0: 16, 5.0: 32, 6.0: 64) × lanes ×
 * 128/130 encoding ÷ 8 bits (https://pcisig.com/specifications; 6.0's FLIT mode is close to the
 * same efficiency). 4.0 x16: 31.5 GB/s.
 */
export function pcieBytesPerSecond(gen: number, lanes: number): number {
  const rate = 8 * 2 ** (Math.min(Math.max(gen, 3), 6) - 3);
  return (rate * 1e9 * lanes * 128) / 130 / 8;
}

/**
 * How the GPUs of one machine talk. Server GPUs on NVLink or Infinity Fabric switches (SXM, OAM)
 * reach every peer at their peer bandwidth, half of the two-way figure in each direction; bridges
 * on PCIe cards join pairs only, so more than two such cards talk over PCIe.
 */
export function nodeLink(gpu: GpuEntry, gpusPerNode: number): Link {
  const ic = gpu.interconnect;
  const switched = gpu.class === 'datacenter' && !/pcie|nvl/i.test(gpu.id);
  if (ic?.peerGBps !== undefined && (switched || gpusPerNode <= 2)) {
    return {
      name: ic.peerLink ?? 'peer link',
      bytesPerSecond: (ic.peerGBps / 2) * 1e9,
      latencySeconds: nodeLinkEntry('nvlink').latencyMicroseconds * 1e-6,
    };
  }
  const gen = ic?.pcieGen ?? 4;
  const lanes = ic?.pcieLanes ?? 16;
  return {
    name: `PCIe ${gen}.0 x${lanes}`,
    bytesPerSecond: pcieBytesPerSecond(gen, lanes),
    latencySeconds: nodeLinkEntry('pcie').latencyMicroseconds * 1e-6,
  };
}

export function fabricLink(fabric: FabricEntry): Link {
  return {
    name: fabric.name,
    bytesPerSecond: (fabric.gbitsPerGpu * 1e9) / 8,
    latencySeconds: fabric.latencyMicroseconds * 1e-6,
  };
}

/** The links of `nodes` machines of `gpusPerNode` of this GPU over `fabric`. */
export function clusterLinks(gpu: GpuEntry, gpusPerNode: number, nodes: number, fabric: FabricEntry): ClusterLinks {
  return { intraNode: nodeLink(gpu, gpusPerNode), interNode: nodes > 1 ? fabricLink(fabric) : null };
}
