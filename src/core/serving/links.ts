/**
 * How the GPUs of a serving layout talk: within a machine over NVLink or PCIe, between machines
 * over InfiniBand or Ethernet (the catalogue's data/systems.json gives the speeds). Collectives
 * are costed as a fixed latency per call plus the bytes each GPU sends over its own link.
 */
export interface Link {
  readonly name: string;
  /** Bytes per second one GPU sends in one direction. */
  readonly bytesPerSecond: number;
  /** Fixed time of one collective or transfer of a small message, seconds. */
  readonly latencySeconds: number;
}

export interface ClusterLinks {
  /** Between the GPUs of one machine. */
  readonly intraNode: Link;
  /** Between machines; null for a single machine. */
  readonly interNode: Link | null;
}

/**
 * Ring all-reduce of `bytes` over `ranks` GPUs: each sends 2 (n − 1) / n of the message
 * (Patarasuk & Yuan 2009, https://doi.org/10.1016/j.jpdc.2008.09.002; NCCL's bus bandwidth
 * convention, https://github.com/NVIDIA/nccl-tests/blob/master/doc/PERFORMANCE.md).
 */
export function allReduceSeconds(bytes: number, ranks: number, link: Link): number {
  if (ranks <= 1) return 0;
  return link.latencySeconds + ((2 * (ranks - 1)) / ranks) * (bytes / link.bytesPerSecond);
}

/** All-to-all of `bytes` per GPU over `ranks` GPUs: (n − 1) / n of it leaves the GPU. */
export function allToAllSeconds(bytes: number, ranks: number, link: Link): number {
  if (ranks <= 1) return 0;
  return link.latencySeconds + (((ranks - 1) / ranks) * bytes) / link.bytesPerSecond;
}

/** One point-to-point transfer (a pipeline stage handing its activations to the next). */
export function sendSeconds(bytes: number, link: Link): number {
  return link.latencySeconds + bytes / link.bytesPerSecond;
}
