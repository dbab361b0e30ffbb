import { lazy, Suspense } from 'react';
import { ChartPlaceholder } from '../../components/chart-placeholder';
import type { TableState } from '../../url/table-state';
import type { ComparisonRow } from '../../view-models/table-rows';

const ComparisonTable = lazy(() => import('./comparison-table'));

interface Props {
  readonly rows: readonly ComparisonRow[];
  readonly state: TableState;
  readonly onState: (next: TableState) => void;
  /** The Serve task's floor and request, for the max-users column; null in the Run task. */
  readonly serving: { readonly floor: number; readonly note: string } | null;
}

export function TableView({ rows, state, onState, serving }: Props) {
  return (
    <section className="view" aria-labelledby="table-title">
      <h2 id="table-title">Every combination</h2>
      <p className="view-intro">
        One row per model × GPUs × format. Click a header to sort; filter columns, hide them, or export what you see as
        CSV.
        {serving &&
          ` Max users: the most concurrent users who each get at least ${serving.floor} tok/s (${serving.note}).`}
      </p>
      <Suspense fallback={<ChartPlaceholder height={560} label="comparison table" />}>
        <ComparisonTable rows={rows} state={state} onState={onState} servingFloor={serving?.floor ?? null} />
      </Suspense>
    </section>
  );
}
