import { GPUS } from '../catalog/catalog';
import type { GpuEntry } from '../catalog/schema';

/**
 * Hardware configurations the buying guide considers: 1, 2, 4 or 8 identical GPUs (consumer cards
 * up to 4, the most a desktop board takes; workstation and server chassis hold 8), mixed pairs of same-vendor consumer cards with at least 12 GB each, and Apple
 * machines as sold (one chip). Only entries with a sourced launch price can be priced.
 */
export type HardwareClass = GpuEntry['class'];
export const HARDWARE_CLASSES: readonly HardwareClass[] = ['consumer', 'workstation', 'datacenter', 'apple', 'unified'];

export interface Candidate {
  /** Share-link pool key, e.g. "rtx-3090*2" or "rtx-5090_rtx-3090"; with "~n2" for 2 machines of it. */
  readonly key: string;
  /** The GPUs of one machine. */
  readonly parts: readonly { readonly gpu: GpuEntry; readonly count: number }[];
  /** Machines of those GPUs (a serving cluster); 1 for a single machine. */
  readonly nodes: number;
  readonly priceUsd: number;
  /** Month of the newest price used. */
  readonly priceDate: string;
  readonly powerWatts: number | null;
}

const COUNTS = [1, 2, 4, 8];

function candidate(parts: { gpu: GpuEntry; count: number }[]): Candidate | null {
  let price = 0;
  let power: number | null = 0;
  let date = '';
  for (const { gpu, count } of parts) {
    if (!gpu.launchPrice) return null;
    price += gpu.launchPrice.usd * count;
    date = gpu.launchPrice.date > date ? gpu.launchPrice.date : date;
    power = power === null || gpu.tdpWatts === null ? null : power + gpu.tdpWatts * count;
  }
  const key = parts.map((p) => (p.count > 1 ? `${p.gpu.id}*${p.count}` : p.gpu.id)).join('_');
  return { key, parts, nodes: 1, priceUsd: price, priceDate: date, powerWatts: power };
}

/** `nodes` machines of a single-machine candidate: GPU prices and power times the machines (no network gear). */
function cluster(c: Candidate, nodes: number): Candidate {
  return {
    ...c,
    key: `${c.key}~n${nodes}`,
    nodes,
    priceUsd: c.priceUsd * nodes,
    powerWatts: c.powerWatts === null ? null : c.powerWatts * nodes,
  };
}

// Serving clusters the planner tries: 2 and 4 machines of 8 datacenter GPUs each (DGX/HGX nodes).
const CLUSTER_NODES = [2, 4];

/**
 * Every configuration the planner tries; with `clusters`, also 2 and 4 machines of 8 of each
 * datacenter GPU, for engines that serve across machines.
 */
export function hardwareCandidates(
  allowed: readonly HardwareClass[],
  gpus: readonly GpuEntry[] | undefined = GPUS,
  clusters = false,
): Candidate[] {
  const out: Candidate[] = [];
  const usable = gpus.filter((g) => allowed.includes(g.class) && g.launchPrice);
  for (const gpu of usable) {
    // A desktop board takes at most four consumer cards; eight need a server chassis.
    const counts =
      gpu.class === 'apple' || gpu.class === 'unified'
        ? [1]
        : gpu.class === 'consumer'
          ? COUNTS.filter((n) => n <= 4)
          : COUNTS;
    for (const count of counts) {
      const c = candidate([{ gpu, count }]);
      if (c) out.push(c);
      if (c && clusters && gpu.class === 'datacenter' && count === 8)
        for (const n of CLUSTER_NODES) out.push(cluster(c, n));
    }
  }
  // Serving engines run identical GPUs only: mixed pairs are for llama.cpp and transformers.
  const pairable = clusters ? [] : usable.filter((g) => g.class === 'consumer' && g.memoryGiB >= 12);
  for (let i = 0; i < pairable.length; i++) {
    for (let j = i + 1; j < pairable.length; j++) {
      const a = pairable[i];
      const b = pairable[j];
      // One vendor per machine: mixing drivers (CUDA with ROCm or oneAPI) is not a sensible build.
      if (!a || !b || a.vendor !== b.vendor) continue;
      // Bigger card first: llama.cpp puts the output layer on the last device.
      const [big, small] = a.memoryGiB >= b.memoryGiB ? [a, b] : [b, a];
      const c = candidate([
        { gpu: big, count: 1 },
        { gpu: small, count: 1 },
      ]);
      if (c) out.push(c);
    }
  }
  return out;
}
