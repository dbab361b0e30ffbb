import { Explain } from '../../components/explain';
import { VerdictBadge } from '../../components/verdict-badge';
import type { TrainingSummaryView } from '../../view-models/training-summary-view';

/** The selected fine-tuning run in one line, each number with its formula, and what the framework changes. */
export function TrainingBanner({ view }: { readonly view: TrainingSummaryView }) {
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
      </p>
      {view.parts.length > 0 && (
        <dl className="banner-parts">
          {view.parts.map((part) => (
            <div key={part.key} className="banner-part">
              <dt>{part.label}</dt>
              <dd>
                <span className="num">{part.value}</span>
                <Explain explanation={part.explanation} label={`How is ${part.label.toLowerCase()} computed?`} />
              </dd>
            </div>
          ))}
        </dl>
      )}
      <details className="banner-traits">
        <summary>What {view.frameworkLabel} changes in memory</summary>
        <ul>
          {view.traits.map((t) => (
            <li key={t.text}>
              {t.text}{' '}
              <a href={t.source} target="_blank" rel="noreferrer">
                source
              </a>
            </li>
          ))}
        </ul>
      </details>
    </section>
  );
}
