import { lazy, Suspense } from 'react';
import { Explain } from '../../components/explain';
import { VerdictBadge } from '../../components/verdict-badge';
import type { SummaryView } from '../../view-models/summary-view';
import { FitSuggestions, type ApplyPatch } from './fit-suggestions';

// The measurements (~30 KB gzipped) stay out of the first paint's JavaScript.
const MeasuredNote = lazy(() => import('./measured-note'));

/**
 * The selected pair in one line, what would make it fit when it does not (with `onApply`, which
 * changes the link), then each number with its formula one click away.
 */
export function VerdictBanner({ view, onApply }: { readonly view: SummaryView; readonly onApply?: ApplyPatch }) {
  return (
    <section className={`banner panel banner-${view.verdict}`} aria-labelledby="banner-title" aria-live="polite">
      <div className="banner-line">
        <VerdictBadge verdict={view.verdict} />
        <h2 id="banner-title" className="banner-heading">
          {view.heading}
        </h2>
      </div>
      <p className="banner-sentence" data-testid="verdict-sentence">
        {view.sentence}
        {view.measuredQuery && (
          <Suspense fallback={null}>
            <MeasuredNote query={view.measuredQuery} />
          </Suspense>
        )}
      </p>
      {onApply && <FitSuggestions rows={view.suggestions} tight={view.verdict === 'tight'} onApply={onApply} />}
      {view.explanations && (
        <dl className="banner-parts">
          {view.parts.map((part) => (
            <div key={part.key} className="banner-part">
              <dt>{part.label}</dt>
              <dd>
                <span className="num">{part.value}</span>
                {view.explanations && (
                  <Explain
                    explanation={view.explanations[part.key]}
                    label={`How is ${part.label.toLowerCase()} computed?`}
                  />
                )}
              </dd>
            </div>
          ))}
        </dl>
      )}
    </section>
  );
}
