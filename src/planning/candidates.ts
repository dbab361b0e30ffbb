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
  /** Share-link pool key, e.g. "rtx-3090*2" or "rtx-5090_rtx-3090". */
  readonly key: string;
  readonly parts: readonly { readonly gpu: GpuEntry; readonly count: number }[];
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
  return { key, parts, priceUsd: price, priceDate: date, powerWatts: power };
}

export function hardwareCandidates(allowed: readonly HardwareClass[], gpus: readonly GpuEntry[] = GPUS): Candidate[] {
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
    }
  }
  const pairable = usable.filter((g) => g.class === 'consumer' && g.memoryGiB >= 12);
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
