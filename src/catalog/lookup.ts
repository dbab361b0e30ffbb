import type { GpuEntry } from './schema';

/** Finds catalogue entries by id or by a name fragment users type ("4090", "h100 sxm"). */

export type Lookup<T> =
  | { readonly kind: 'found'; readonly entry: T }
  | { readonly kind: 'ambiguous'; readonly candidates: readonly T[] }
  | { readonly kind: 'unknown'; readonly suggestions: readonly T[] };

interface Named {
  readonly id: string;
  readonly name: string;
  readonly shortName?: string;
}

const normalise = (s: string) => s.toLowerCase().replace(/[^a-z0-9.]/g, '');

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const sub = (prev[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      row.push(Math.min(sub, (prev[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1));
    }
    prev = row;
  }
  return prev[b.length] ?? 0;
}

function keys(e: Named): string[] {
  return [e.id, e.name, e.shortName ?? ''].filter(Boolean).map(normalise);
}

export function lookupEntry<T extends Named>(entries: readonly T[], query: string): Lookup<T> {
  const q = normalise(query);
  if (q.length === 0) return { kind: 'unknown', suggestions: [] };
  const exact = entries.filter((e) => keys(e).includes(q));
  if (exact.length === 1 && exact[0]) return { kind: 'found', entry: exact[0] };
  const partial = exact.length > 1 ? exact : entries.filter((e) => keys(e).some((k) => k.includes(q)));
  if (partial.length === 1 && partial[0]) return { kind: 'found', entry: partial[0] };
  // "3090" means the RTX 3090, not the 3090 Ti: prefer the one name that ends with the fragment.
  const suffix = partial.filter((e) => keys(e).some((k) => k.endsWith(q)));
  if (suffix.length === 1 && suffix[0]) return { kind: 'found', entry: suffix[0] };
  if (partial.length > 1) return { kind: 'ambiguous', candidates: partial };
  const scored = entries
    .map((e) => ({ e, d: Math.min(...keys(e).map((k) => editDistance(q, k))) }))
    .sort((a, b) => a.d - b.d);
  const best = scored[0]?.d ?? Infinity;
  const limit = Math.max(2, Math.ceil(q.length / 3));
  return {
    kind: 'unknown',
    suggestions: scored
      .filter((s) => s.d <= Math.max(best, limit) && s.d <= q.length)
      .slice(0, 3)
      .map((s) => s.e),
  };
}

/** "RTX 4090 24 GB": the marketing name with its memory size, once. */
export function gpuLabel(gpu: GpuEntry): string {
  const sized = gpu.shortName.replace(/(\d+)\s?GB/, '$1 GB');
  return sized === gpu.shortName ? `${gpu.shortName} ${gpu.memoryGiB} GB` : sized;
}
