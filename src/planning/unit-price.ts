import type { PriceRow } from '../catalog/price-schema';
import type { GpuEntry } from '../catalog/schema';

/**
 * Which price the buying guide ranks by: the launch list price (data/gpus.json), the latest new or
 * used price people pay (data/prices.json), or the cheaper of those two, falling back to the launch
 * price where neither is known.
 */
export const PRICE_CHOICES = ['launch', 'new', 'used', 'cheapest'] as const;
export type PriceChoice = (typeof PRICE_CHOICES)[number];
export const DEFAULT_PRICE_CHOICE: PriceChoice = 'cheapest';

/** One device's price as the guide uses it, with where and when it was stated. */
export interface UnitPrice {
  readonly gpuId: string;
  readonly usd: number;
  /** YYYY-MM or YYYY-MM-DD. */
  readonly date: string;
  readonly kind: 'launch' | 'new' | 'used' | 'cloud-hour';
  readonly source: string;
  readonly provider?: string | undefined;
  readonly note?: string | undefined;
}

const unit = (row: PriceRow): UnitPrice => ({
  gpuId: row.gpu,
  usd: row.usd,
  date: row.date,
  kind: row.kind,
  source: row.source,
  provider: row.provider,
  note: row.note,
});

/** The most recent row of a kind for a GPU (the cheaper of rows of the same date), or null. */
function latest(gpuId: string, kind: 'new' | 'used', prices: readonly PriceRow[]): UnitPrice | null {
  let best: PriceRow | null = null;
  for (const row of prices) {
    if (row.gpu !== gpuId || row.kind !== kind) continue;
    // ISO dates order as text; a month sorts before the days in it.
    if (!best || row.date > best.date || (row.date === best.date && row.usd < best.usd)) best = row;
  }
  return best ? unit(best) : null;
}

function launch(gpu: GpuEntry): UnitPrice | null {
  const p = gpu.launchPrice;
  return p ? { gpuId: gpu.id, usd: p.usd, date: p.date, kind: 'launch', source: p.source } : null;
}

/** What buying one of this device costs under the chosen price, or null when no public price is known. */
export function purchasePrice(gpu: GpuEntry, choice: PriceChoice, prices: readonly PriceRow[]): UnitPrice | null {
  if (choice === 'launch') return launch(gpu);
  if (choice === 'new' || choice === 'used') return latest(gpu.id, choice, prices);
  const known = [latest(gpu.id, 'new', prices), latest(gpu.id, 'used', prices)].filter(
    (p): p is UnitPrice => p !== null,
  );
  if (known.length === 0) return launch(gpu);
  return known.reduce((a, b) => (b.usd < a.usd ? b : a));
}

/** The cheapest on-demand rental of one of this GPU per hour across providers, or null when none is listed. */
export function rentalPrice(gpu: GpuEntry, prices: readonly PriceRow[]): UnitPrice | null {
  let best: PriceRow | null = null;
  for (const row of prices) {
    if (row.gpu !== gpu.id || row.kind !== 'cloud-hour') continue;
    if (!best || row.usd < best.usd || (row.usd === best.usd && row.date > best.date)) best = row;
  }
  return best ? unit(best) : null;
}

/** "used, 2026-05", "launch price, 2022-09", "on demand per GPU-hour, RunPod, 2026-09-25". */
export function priceWords(p: UnitPrice): string {
  if (p.kind === 'cloud-hour') return `on demand per GPU-hour, ${p.provider ? `${p.provider}, ` : ''}${p.date}`;
  return `${p.kind === 'launch' ? 'launch price' : p.kind}, ${p.date}`;
}
