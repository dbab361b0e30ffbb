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

/** "Llama 3.1 70B" → llama, 3, 1, 70, b: words and numbers, split where letters meet digits. */
function tokens(s: string): string[] {
  return s.toLowerCase().match(/[a-z]+|\d+/g) ?? [];
}

/** Whether every query token appears in `key`, in order (whole tokens, gaps allowed). */
function subsequence(query: readonly string[], key: readonly string[]): boolean {
  let i = 0;
  for (const t of key) if (t === query[i]) i++;
  return i === query.length;
}

function tokenMatches<T extends Named>(entries: readonly T[], query: readonly string[]): T[] {
  if (query.length === 0) return [];
  return entries.filter((e) =>
    [e.id, e.name, e.shortName ?? ''].filter(Boolean).some((k) => subsequence(query, tokens(k))),
  );
}

/**
 * By exact id or name, else by the query's words in order ("h100 sxm", "llama 70b"), so a
 * fragment never silently lands on an entry that merely contains it ("llama70b" is ambiguous
 * between the Llama 70B models and the R1 distill, not the distill). Among several matches that
 * are one name with words added, the one that ends with the fragment wins ("3090" is the RTX
 * 3090, not the 3090 Ti).
 */
export function lookupEntry<T extends Named>(entries: readonly T[], query: string): Lookup<T> {
  const q = normalise(query);
  if (q.length === 0) return { kind: 'unknown', suggestions: [] };
  const exact = entries.filter((e) => keys(e).includes(q));
  if (exact.length === 1 && exact[0]) return { kind: 'found', entry: exact[0] };
  const words = tokens(query);
  const partial = exact.length > 1 ? exact : tokenMatches(entries, words);
  if (partial.length === 1 && partial[0]) return { kind: 'found', entry: partial[0] };
  // "3090": the RTX 3090 wins over the RTX 3090 Ti, whose id is the same with a word added.
  const suffix = partial.filter((e) => keys(e).some((k) => k.endsWith(q)));
  const winner = suffix.length === 1 ? suffix[0] : undefined;
  if (winner) {
    const base = tokens(winner.id);
    const extend = (e: T) => e === winner || tokens(e.id).slice(0, base.length).join(' ') === base.join(' ');
    if (partial.every(extend)) return { kind: 'found', entry: winner };
  }
  if (partial.length > 1) return { kind: 'ambiguous', candidates: partial };
  return { kind: 'unknown', suggestions: suggestions(entries, q, words) };
}

/**
 * Close entries for a name that matches none: the entries matching the query with its last words
 * dropped ("4090ti" → the RTX 4090), else the nearest by edit distance.
 */
function suggestions<T extends Named>(entries: readonly T[], q: string, words: readonly string[]): T[] {
  for (let n = words.length - 1; n >= 1; n--) {
    const shorter = tokenMatches(entries, words.slice(0, n));
    if (shorter.length > 0 && shorter.length <= 3) return shorter;
    if (shorter.length > 3) break;
  }
  const scored = entries
    .map((e) => ({ e, d: Math.min(...keys(e).map((k) => editDistance(q, k))) }))
    .sort((a, b) => a.d - b.d);
  const best = scored[0]?.d ?? Infinity;
  const limit = Math.max(2, Math.ceil(q.length / 3));
  return scored
    .filter((s) => s.d <= Math.max(best, limit) && s.d <= q.length)
    .slice(0, 3)
    .map((s) => s.e);
}

/** "RTX 4090 24 GB": the marketing name with its memory size, once. */
export function gpuLabel(gpu: GpuEntry): string {
  const sized = gpu.shortName.replace(/(\d+)\s?GB/, '$1 GB');
  return sized === gpu.shortName ? `${gpu.shortName} ${gpu.memoryGiB} GB` : sized;
}
