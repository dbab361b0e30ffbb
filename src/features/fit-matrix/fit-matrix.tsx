import { VerdictLegend } from '../../components/verdict-legend';
import type { MatrixView } from '../../view-models/matrix-view';
import { FitMatrixGrid } from './fit-matrix-grid';

interface Props {
  readonly view: MatrixView;
  readonly selected: { readonly model: string; readonly pool: string };
  readonly onSelect: (model: string, pool: string) => void;
  /** The heading and what a cell's number means, where the matrix answers another task (fine-tuning). */
  readonly title?: string;
  readonly cellMeaning?: string;
}

export function FitMatrix({ view, selected, onSelect, title, cellMeaning }: Props) {
  return (
    <section className="view" aria-labelledby="matrix-title">
      <h2 id="matrix-title">{title ?? view.title}</h2>
      <p className="view-intro">
        {cellMeaning ?? `${view.formatLabel} weights. Each cell shows the verdict and ${view.cellMeaning}.`} Click a
        cell (or focus it and press Enter; arrow keys move) to see its details. {view.contextNote}
      </p>
      <VerdictLegend {...(view.legend ? { items: view.legend } : {})} />
      <FitMatrixGrid view={view} selected={selected} onSelect={onSelect} />
    </section>
  );
}
