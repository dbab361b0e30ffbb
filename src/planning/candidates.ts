import { GPUS } from '../catalog/catalog';
import type { PriceRow } from '../catalog/price-schema';
import { PRICES } from '../catalog/prices';
import type { GpuEntry } from '../catalog/schema';
import { purchasePrice, rentalPrice, type PriceChoice, type UnitPrice } from './unit-price';

/**
 * Hardware configurations the buying guide considers: 1, 2, 4 or 8 identical GPUs (consumer cards
 * up to 4, the most a desktop board takes; workstation and server chassis hold 8), mixed pairs of same-vendor consumer cards with at least 12 GB each, and Apple
 * machines as sold (one chip). Each is priced by the chosen price (unit-price.ts); one with a
 * device of no public price is kept, unpriced, so the guide can say it could not price it.
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
  /** Purchase price in USD; for a rental (`priceKind` "cloud-hour"), USD per hour for all its GPUs. 0 when unpriced. */
  readonly priceUsd: number;
  /** Month of the newest price used ('' when unpriced). */
  readonly priceDate: string;
  readonly powerWatts: number | null;
  /** The kind of every price used, "mixed" when the parts differ, "none" when some part has no public price. */
  readonly priceKind: UnitPrice['kind'] | 'mixed' | 'none';
  /** The price of each part's device, in the order of `parts` (empty when unpriced). */
  readonly unitPrices: readonly UnitPrice[];
}

/** How candidates are priced: buying at a chosen price, or renting on demand per hour. */
export interface CandidatePricing {
  readonly choice: PriceChoice;
  readonly rent?: boolean | undefined;
  readonly prices?: readonly PriceRow[] | undefined;
}

export const LAUNCH_PRICING: CandidatePricing = { choice: 'launch' };

const COUNTS = [1, 2, 4, 8];

const unitPrice = (gpu: GpuEntry, pricing: CandidatePricing): UnitPrice | null =>
  pricing.rent
    ? rentalPrice(gpu, pricing.prices ?? PRICES)
    : purchasePrice(gpu, pricing.choice, pricing.prices ?? PRICES);

function candidate(parts: { gpu: GpuEntry; count: number }[], pricing: CandidatePricing): Candidate {
  let price = 0;
  let power: number | null = 0;
  let date = '';
  const units: UnitPrice[] = [];
  for (const { gpu, count } of parts) {
    const u = unitPrice(gpu, pricing);
    if (u) {
      units.push(u);
      price += u.usd * count;
      date = u.date > date ? u.date : date;
    }
    power = power === null || gpu.tdpWatts === null ? null : power + gpu.tdpWatts * count;
  }
  const key = parts.map((p) => (p.count > 1 ? `${p.gpu.id}*${p.count}` : p.gpu.id)).join('_');
  const kinds = new Set(units.map((u) => u.kind));
  const [only] = kinds;
  const priced = units.length === parts.length;
  return {
    key,
    parts,
    nodes: 1,
    priceUsd: priced ? price : 0,
    priceDate: priced ? date : '',
    powerWatts: power,
    priceKind: !priced ? 'none' : kinds.size === 1 && only ? only : 'mixed',
    unitPrices: priced ? units : [],
  };
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
 * datacenter GPU, for engines that serve across machines. Renting, only GPUs some provider lists
 * are tried (whatever their class), as 1, 2, 4 or 8 of them, and no mixed pairs; buying, a
 * configuration with a device of no public price comes back with `priceKind` "none".
 */
export function hardwareCandidates(
  allowed: readonly HardwareClass[],
  gpus: readonly GpuEntry[] | undefined = GPUS,
  clusters = false,
  pricing: CandidatePricing = LAUNCH_PRICING,
): Candidate[] {
  const out: Candidate[] = [];
  const usable = pricing.rent
    ? gpus.filter((g) => unitPrice(g, pricing) !== null)
    : gpus.filter((g) => allowed.includes(g.class));
  for (const gpu of usable) {
    // A desktop board takes at most four consumer cards; eight need a server chassis.
    const counts =
      gpu.class === 'apple' || gpu.class === 'unified'
        ? [1]
        : gpu.class === 'consumer' && !pricing.rent
          ? COUNTS.filter((n) => n <= 4)
          : COUNTS;
    for (const count of counts) {
      const c = candidate([{ gpu, count }], pricing);
      out.push(c);
      if (clusters && gpu.class === 'datacenter' && count === 8) for (const n of CLUSTER_NODES) out.push(cluster(c, n));
    }
  }
  // Serving engines run identical GPUs only: mixed pairs are for llama.cpp and transformers; a
  // pair is only tried where both cards have a price, as the pair adds nothing to say unpriced.
  const pairable =
    clusters || pricing.rent
      ? []
      : usable.filter((g) => g.class === 'consumer' && g.memoryGiB >= 12 && unitPrice(g, pricing) !== null);
  for (let i = 0; i < pairable.length; i++) {
    for (let j = i + 1; j < pairable.length; j++) {
      const a = pairable[i];
      const b = pairable[j];
      // One vendor per machine: mixing drivers (CUDA with ROCm or oneAPI) is not a sensible build.
      if (!a || !b || a.vendor !== b.vendor) continue;
      // Bigger card first: llama.cpp puts the output layer on the last device.
      const [big, small] = a.memoryGiB >= b.memoryGiB ? [a, b] : [b, a];
      out.push(
        candidate(
          [
            { gpu: big, count: 1 },
            { gpu: small, count: 1 },
          ],
          pricing,
        ),
      );
    }
  }
  return out;
}
