import { lazy, Suspense } from 'react';
import { ChartPlaceholder } from '../../components/chart-placeholder';
import type { MemoryBreakdownView, MemoryContextView } from '../../view-models/memory-view';

const Charts = lazy(() => import('./memory-charts').then((m) => ({ default: m.MemoryBreakdownChart })));
const ContextChart = lazy(() => import('./memory-charts').then((m) => ({ default: m.MemoryContextChart })));

const HEIGHT = 320;

interface Props {
  readonly breakdown: MemoryBreakdownView;
  readonly context: MemoryContextView;
  /** Texts for another task's version of the view (fine-tuning: bars per method, memory against sequence). */
  readonly texts?: { readonly intro: string; readonly subhead: string; readonly xLabel: string };
}

export function DetailsView({ breakdown, context, texts }: Props) {
  return (
    <section className="view" aria-labelledby="details-title">
      <h2 id="details-title">Memory: {breakdown.title}</h2>
      <p className="view-intro">
        {texts?.intro ??
          'What takes the memory for each chosen format, against the memory the GPUs can use (dashed line).'}
      </p>
      <figure className="chart-figure">
        <Suspense fallback={<ChartPlaceholder height={HEIGHT} label="memory breakdown" />}>
          <Charts view={breakdown} height={HEIGHT} />
        </Suspense>
        <figcaption className="visually-hidden">
          {breakdown.bars.map((b) => `${b.format}: ${b.totalLabel}`).join('; ')}; {breakdown.capacityLabel}.
        </figcaption>
      </figure>
      <h3 className="subhead">{texts?.subhead ?? 'Memory as context grows'}</h3>
      <ul className="max-context-list">
        {context.series.map((s) => (
          <li key={s.key}>
            <strong>{s.label}</strong>: {s.maxContextLabel}
          </li>
        ))}
      </ul>
      <figure className="chart-figure">
        <Suspense fallback={<ChartPlaceholder height={HEIGHT} label="memory against context" />}>
          <ContextChart view={context} height={HEIGHT} xLabel={texts?.xLabel} />
        </Suspense>
      </figure>
    </section>
  );
}
