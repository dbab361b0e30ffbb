import { lazy, Suspense } from 'react';
import { VerdictBadge } from '../../components/verdict-badge';
import type { ShareState } from '../../url/share-state';
import type { FitSuggestionRow } from '../../view-models/fit-suggestion-rows';

// The published quality costs (~100 KB of data) stay out of the first paint's JavaScript.
const FitQualityNote = lazy(() => import('./fit-quality-note'));

export type ApplyPatch = (patch: (current: ShareState) => Partial<ShareState>) => void;

/** "What would make it fit": each change with its new numbers and a button that applies it to the link. */
export function FitSuggestions({
  rows,
  tight,
  onApply,
}: {
  readonly rows: readonly FitSuggestionRow[];
  /** The run fits with under 10% to spare: the changes give it room rather than make it fit. */
  readonly tight: boolean;
  readonly onApply: ApplyPatch;
}) {
  if (rows.length === 0) return null;
  return (
    <div className="fit-fixes" data-testid="fit-suggestions">
      <h3 className="fit-fixes-title">{tight ? 'What would leave room to spare' : 'What would make it fit'}</h3>
      <ul className="fit-fixes-list">
        {rows.map(({ key, suggestion, quality, apply }) => (
          <li key={key} className="fit-fix">
            <div className="fit-fix-text">
              <span className="fit-fix-title">{suggestion.title}</span>
              <span className="fit-fix-numbers">
                <VerdictBadge verdict={suggestion.verdict} /> <span className="num">{suggestion.numbers}</span>
              </span>
              <span className="fit-fix-cost">
                {suggestion.cost}
                {quality && (
                  <Suspense fallback={null}>
                    <FitQualityNote model={quality.model} format={quality.format} />
                  </Suspense>
                )}
              </span>
            </div>
            <button
              type="button"
              className="btn btn-small fit-fix-apply"
              aria-label={`Apply: ${suggestion.title}`}
              onClick={() => onApply(apply)}
            >
              Apply
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
