import type { Verdict } from '../core/fit';
import { VERDICT_ICON } from './verdict-badge';

const ITEMS: readonly [Verdict, string][] = [
  ['fits', 'fits: at most 90% of usable memory'],
  ['tight', 'tight: 90–100%'],
  ['offload', 'offload: some layers in system RAM (slow)'],
  ['no', 'does not fit'],
];

/** The four verdicts with what each means; a view that uses them for another question passes its own words. */
export function VerdictLegend({ items = ITEMS }: { readonly items?: readonly (readonly [Verdict, string])[] }) {
  return (
    <ul className="legend" aria-label="Verdicts">
      {items.map(([v, text]) => (
        <li key={v}>
          <span className={`legend-swatch matrix-${v}`} aria-hidden="true">
            {VERDICT_ICON[v]}
          </span>
          {text}
        </li>
      ))}
    </ul>
  );
}
