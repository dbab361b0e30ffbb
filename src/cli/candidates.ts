/** Candidates a message names before "and N more": "--gpu nvidia" matches over a hundred GPUs. */
const SHOWN = 4;

/** "'a', 'b', 'c', 'd' and 43 more" (all of them when there are at most SHOWN + 1). */
export function candidateText<T>(items: readonly T[], show: (item: T) => string): string {
  const cut = items.length > SHOWN + 1 ? items.slice(0, SHOWN) : items;
  const text = cut.map(show);
  const rest = items.length - cut.length;
  if (rest > 0) return `${text.join(', ')} and ${rest} more`;
  return text.join(', ');
}
