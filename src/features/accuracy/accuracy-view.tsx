import { lazy, Suspense } from 'react';
import { ChartPlaceholder } from '../../components/chart-placeholder';

const AccuracyPanel = lazy(() => import('./accuracy-panel'));
const TrainingAccuracyPanel = lazy(() => import('./training-accuracy-panel'));

/** How far to trust the numbers: the estimator against published measurements (of fine-tuning runs in the Fine-tune task). */
export function AccuracyView({ task = 'run' }: { readonly task?: 'run' | 'train' }) {
  return (
    <section className="view" aria-labelledby="accuracy-title">
      <h2 id="accuracy-title">
        {task === 'train' ? 'Fine-tuning accuracy against published runs' : 'Accuracy against published measurements'}
      </h2>
      <Suspense fallback={<ChartPlaceholder height={360} label="accuracy" />}>
        {task === 'train' ? <TrainingAccuracyPanel /> : <AccuracyPanel />}
      </Suspense>
    </section>
  );
}
