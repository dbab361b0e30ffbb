import { useState, type ReactNode } from 'react';
import { VerdictBadge } from '../../components/verdict-badge';
import { formatDuration } from '../../view-models/format-duration';
import { formatParams, formatSig3 } from '../../view-models/format-units';
import { trainingRowsToCsv, type TrainingRow } from '../../view-models/training-table-rows';

const VERDICT_ORDER = { fits: 0, tight: 1, offload: 2, no: 3 } as const;

const COLUMNS: readonly {
  readonly id: string;
  readonly label: string;
  readonly numeric: boolean;
  readonly value: (r: TrainingRow) => string | number | null;
  readonly show: (r: TrainingRow) => ReactNode;
}[] = [
  { id: 'model', label: 'Model', numeric: false, value: (r) => r.model, show: (r) => r.model },
  { id: 'gpu', label: 'GPUs', numeric: false, value: (r) => r.gpu, show: (r) => r.gpu },
  { id: 'method', label: 'Method', numeric: false, value: (r) => r.method, show: (r) => r.method },
  {
    id: 'verdict',
    label: 'Verdict',
    numeric: false,
    value: (r) => VERDICT_ORDER[r.verdict],
    show: (r) => <VerdictBadge verdict={r.verdict} />,
  },
  {
    id: 'trainable',
    label: 'Trainable',
    numeric: true,
    value: (r) => r.trainable,
    show: (r) => formatParams(r.trainable),
  },
  {
    id: 'weights',
    label: 'Weights GiB',
    numeric: true,
    value: (r) => r.weightsGiB,
    show: (r) => r.weightsGiB.toFixed(1),
  },
  {
    id: 'optimizer',
    label: 'Optimizer GiB',
    numeric: true,
    value: (r) => r.optimizerGiB,
    show: (r) => r.optimizerGiB.toFixed(1),
  },
  {
    id: 'activations',
    label: 'Activations + logits GiB',
    numeric: true,
    value: (r) => r.activationsGiB,
    show: (r) => r.activationsGiB.toFixed(1),
  },
  { id: 'peak', label: 'Peak / GPU GiB', numeric: true, value: (r) => r.peakGiB, show: (r) => r.peakGiB.toFixed(1) },
  {
    id: 'speed',
    label: 'Tokens/s',
    numeric: true,
    value: (r) => r.tokensPerSecond,
    show: (r) => (r.tokensPerSecond === null ? '–' : formatSig3(r.tokensPerSecond)),
  },
  {
    id: 'time',
    label: 'Time',
    numeric: true,
    value: (r) => r.totalSeconds,
    show: (r) => (r.totalSeconds === null ? '–' : formatDuration(r.totalSeconds)),
  },
];

function compare(a: string | number | null, b: string | number | null): number {
  if (a === null) return b === null ? 0 : 1;
  if (b === null) return -1;
  return typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b));
}

/** Every model × GPUs × method of the fine-tuning settings; click a heading to sort, export CSV. */
export function TrainingTableView({ rows }: { readonly rows: readonly TrainingRow[] }) {
  const [sort, setSort] = useState<{ id: string; desc: boolean } | null>(null);
  const column = COLUMNS.find((c) => c.id === sort?.id);
  const sorted = column
    ? [...rows].sort((a, b) => compare(column.value(a), column.value(b)) * (sort?.desc ? -1 : 1))
    : rows;
  const download = () => {
    const url = URL.createObjectURL(new Blob([trainingRowsToCsv(sorted)], { type: 'text/csv' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = 'headroom-fine-tuning.csv';
    a.click();
    URL.revokeObjectURL(url);
  };
  return (
    <section className="view" aria-labelledby="training-table-title">
      <h2 id="training-table-title">Every combination</h2>
      <p className="view-intro">
        One row per model × GPUs × fine-tuning method with the settings on the left; memory is per GPU at the peak.
        Click a heading to sort.
      </p>
      <div className="inline">
        <button type="button" className="btn btn-small" onClick={download}>
          Export CSV
        </button>
        <span className="field-help">{rows.length} rows</span>
      </div>
      <div className="table-wrap" tabIndex={0} role="region" aria-label="Fine-tuning combinations">
        <table className="data-table" data-testid="training-table">
          <thead>
            <tr>
              {COLUMNS.map((c) => (
                <th
                  key={c.id}
                  scope="col"
                  className={c.numeric ? 'num' : undefined}
                  aria-sort={sort?.id === c.id ? (sort.desc ? 'descending' : 'ascending') : 'none'}
                >
                  <button
                    type="button"
                    className="sort-button"
                    onClick={() =>
                      setSort(sort?.id === c.id ? { id: c.id, desc: !sort.desc } : { id: c.id, desc: c.numeric })
                    }
                  >
                    {c.label}
                    {sort?.id === c.id && <span className="sort-mark">{sort.desc ? ' ▼' : ' ▲'}</span>}
                  </button>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {sorted.map((r) => (
              <tr key={r.id}>
                {COLUMNS.map((c) =>
                  c.id === 'model' ? (
                    <th key={c.id} scope="row">
                      {c.show(r)}
                    </th>
                  ) : (
                    <td key={c.id} className={c.numeric ? 'num' : undefined}>
                      {c.show(r)}
                    </td>
                  ),
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
