import { VerdictBadge } from '../../components/verdict-badge';
import type { ShareState } from '../../url/share-state';
import type { FitSuggestionRow } from '../../view-models/fit-suggestion-rows';

export type ApplyPatch = (patch: (current: ShareState) => Partial<ShareState>) => void;

/** "What would make it fit": each change with its new numbers and a button that applies it to the link. */
export function FitSuggestions({
  rows,
  onApply,
}: {
  readonly rows: readonly FitSuggestionRow[];
  readonly onApply: ApplyPatch;
}) {
  if (rows.length === 0) return null;
  return (
    <div className="fit-fixes" data-testid="fit-suggestions">
      <h3 className="fit-fixes-title">What would make it fit</h3>
      <ul className="fit-fixes-list">
        {rows.map(({ key, suggestion, apply }) => (
          <li key={key} className="fit-fix">
            <div className="fit-fix-text">
              <span className="fit-fix-title">{suggestion.title}</span>
              <span className="fit-fix-numbers">
                <VerdictBadge verdict={suggestion.verdict} /> <span className="num">{suggestion.numbers}</span>
              </span>
              <span className="fit-fix-cost">{suggestion.cost}</span>
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
