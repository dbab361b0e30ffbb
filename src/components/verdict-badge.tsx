import type { Verdict } from '../core/fit';
import { VERDICT_LABEL } from '../view-models/verdict';

/** Icon + word, never colour alone. */
export const VERDICT_ICON: Record<Verdict | 'error', string> = {
  fits: '✓',
  tight: '◐',
  offload: '⇅',
  no: '✕',
  error: '!',
};

export function VerdictBadge({ verdict }: { readonly verdict: Verdict | 'error' }) {
  return (
    <span className={`badge badge-${verdict}`}>
      <span aria-hidden="true">{VERDICT_ICON[verdict]}</span> {verdict === 'error' ? 'error' : VERDICT_LABEL[verdict]}
    </span>
  );
}
