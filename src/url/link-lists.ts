import { quoteInput } from '../core/input-text';

/**
 * Comma-separated lists in a link (models, formats, GPU pools, hardware classes): each entry is
 * kept, or named in a notice as unknown, refused, repeated or beyond the list's limit. Many
 * entries of one kind share one notice that names the first few.
 */

/** How one entry of a list reads: its value and identity, or why it is left out. */
export type EntryRead<T> =
  { readonly value: T; readonly key: string } | { readonly unknown: true } | { readonly problem: string };

export interface ListRule<T> {
  /** "model", "format", "GPU": used in "unknown model 'x'". */
  readonly noun: string;
  readonly nouns: string;
  /** What an unknown entry is called when it differs ("unknown GPU" in a list of GPU configurations). */
  readonly unknownNoun?: readonly [string, string];
  readonly max: number;
  readonly read: (token: string) => EntryRead<T>;
}

/** Names shown in one notice before "and N more". */
const NAMED = 5;

export function splitList(raw: string): string[] {
  return raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** "'a', 'b' and 3 more". */
export function nameSome(tokens: readonly string[]): string {
  const shown = tokens.slice(0, NAMED).map((t) => quoteInput(t));
  const rest = tokens.length - shown.length;
  if (rest > 0) return `${shown.join(', ')} and ${rest} more`;
  if (shown.length <= 1) return shown.join('');
  return `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1] ?? ''}`;
}

export function readList<T>(raw: string, rule: ListRule<T>, notices: string[]): T[] {
  const values: T[] = [];
  const seen = new Set<string>();
  const unknown: string[] = [];
  const repeated: string[] = [];
  const cut: string[] = [];
  for (const token of splitList(raw)) {
    const read = rule.read(token);
    if ('unknown' in read) unknown.push(token);
    else if ('problem' in read) notices.push(`Ignored ${rule.noun} ${quoteInput(token)}: ${read.problem}.`);
    else if (seen.has(read.key)) repeated.push(token);
    else if (values.length >= rule.max) cut.push(token);
    else {
      seen.add(read.key);
      values.push(read.value);
    }
  }
  const [one, many] = rule.unknownNoun ?? [rule.noun, rule.nouns];
  if (unknown.length === 1) notices.push(`Ignored unknown ${one} ${nameSome(unknown)}.`);
  if (unknown.length > 1) notices.push(`Ignored ${unknown.length} unknown ${many}: ${nameSome(unknown)}.`);
  if (repeated.length > 0)
    notices.push(`Ignored the repeated ${repeated.length === 1 ? rule.noun : rule.nouns} ${nameSome(repeated)}.`);
  if (cut.length > 0)
    notices.push(`Kept the first ${rule.max} ${rule.nouns}, the most a link carries; left out ${nameSome(cut)}.`);
  return values;
}
