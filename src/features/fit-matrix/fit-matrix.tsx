import { VerdictLegend } from '../../components/verdict-legend';
import type { MatrixView } from '../../view-models/matrix-view';
import { FitMatrixGrid } from './fit-matrix-grid';

interface Props {
  readonly view: MatrixView;
  readonly selected: { readonly model: string; readonly pool: string };
  readonly onSelect: (model: string, pool: string) => void;
}

export function FitMatrix({ view, selected, onSelect }: Props) {
  return (
    <section className="view" aria-labelledby="matrix-title">
      <h2 id="matrix-title">{view.title}</h2>
      <p className="view-intro">
        {view.formatLabel} weights. Each cell shows the verdict and {view.cellMeaning}. Click a cell (or focus it and
        press Enter; arrow keys move) to see its details. {view.contextNote}
      </p>
      <VerdictLegend {...(view.legend ? { items: view.legend } : {})} />
      <FitMatrixGrid view={view} selected={selected} onSelect={onSelect} />
    </section>
  );
}
