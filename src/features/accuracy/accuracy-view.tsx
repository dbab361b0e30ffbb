import { lazy, Suspense } from 'react';
import { ChartPlaceholder } from '../../components/chart-placeholder';

const AccuracyPanel = lazy(() => import('./accuracy-panel'));

/** How far to trust the numbers: the estimator against published measurements. */
export function AccuracyView() {
  return (
    <section className="view" aria-labelledby="accuracy-title">
      <h2 id="accuracy-title">Accuracy against published measurements</h2>
      <Suspense fallback={<ChartPlaceholder height={360} label="accuracy" />}>
        <AccuracyPanel />
      </Suspense>
    </section>
  );
}
