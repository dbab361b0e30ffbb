import { lazy, Suspense } from 'react';
import { ChartPlaceholder } from '../../components/chart-placeholder';
import { VerdictLegend } from '../../components/verdict-legend';
import type { MatrixView } from '../../view-models/matrix-view';
import { matrixHeight } from './matrix-layout';

const FitMatrixChart = lazy(() => import('./fit-matrix-chart'));

interface Props {
  readonly view: MatrixView;
  readonly selected: { readonly model: string; readonly pool: string };
  readonly onSelect: (model: string, pool: string) => void;
}

export function FitMatrix({ view, selected, onSelect }: Props) {
  return (
    <section className="view" aria-labelledby="matrix-title">
      <h2 id="matrix-title">Which models fit on which GPUs</h2>
      <p className="view-intro">
        {view.formatLabel} weights. Each cell shows the verdict and the estimated decode speed in tokens/s for one
        sequence. Click a cell (or focus it and press Enter; arrow keys move) to see its details. {view.contextNote}
      </p>
      <VerdictLegend />
      <Suspense fallback={<ChartPlaceholder height={matrixHeight(view.rows.length)} label="fit matrix" />}>
        <FitMatrixChart view={view} selected={selected} onSelect={onSelect} />
      </Suspense>
    </section>
  );
}
