import { useState } from 'react';
import type { TrainingCanRunRow, TrainingCanRunView as ViewModel } from '../../view-models/training-plan-view';
import { SortButtons } from '../../components/sort-buttons';

const SORTS: readonly [string, string, (a: TrainingCanRunRow, b: TrainingCanRunRow) => number][] = [
  ['size', 'Largest model', (a, b) => b.paramsCount - a.paramsCount],
  ['speed', 'Fastest', (a, b) => b.tps - a.tps],
  ['seq', 'Longest sequence', (a, b) => b.seqTokens - a.seqTokens],
];

/** "What can I fine-tune?": every catalogue model on the selected GPUs with the heaviest method that fits. */
export function TrainingCanRunView({ view }: { readonly view: ViewModel }) {
  const [sort, setSort] = useState('size');
  const compare = SORTS.find(([id]) => id === sort)?.[2] ?? SORTS[0]?.[2];
  const rows = compare ? [...view.rows].sort(compare) : view.rows;
  return (
    <section className="view" aria-labelledby="training-canrun-title">
      <h2 id="training-canrun-title">{view.title}</h2>
      <p className="view-intro">
        Each catalogue model with full fine-tuning if it fits, else LoRA, else QLoRA (or the method chosen on the left),
        the time for the dataset and the longest sequence that fits. Choose the GPUs by selecting a cell in the fit
        matrix or adding a configuration on the left.
      </p>
      <SortButtons sorts={SORTS} sort={sort} onSort={setSort} />
      <div className="table-wrap" tabIndex={0} role="region" aria-label="Models these GPUs can fine-tune">
        <table className="data-table" data-testid="training-canrun-table">
          <thead>
            <tr>
              <th scope="col">Model</th>
              <th scope="col" className="num">
                Parameters
              </th>
              <th scope="col">Method that fits</th>
              <th scope="col" className="num">
                Peak / GPU
              </th>
              <th scope="col" className="num">
                Tokens/s
              </th>
              <th scope="col" className="num">
                Time
              </th>
              <th scope="col" className="num">
                Longest sequence
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.modelId}>
                <th scope="row">{r.name}</th>
                <td className="num">{r.params}</td>
                <td>{r.method}</td>
                <td className="num">{r.peak}</td>
                <td className="num">{r.speed}</td>
                <td className="num">{r.time}</td>
                <td className="num">{r.maxSeq}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {view.cannot.length > 0 && (
        <p className="footnote">Cannot be fine-tuned on these GPUs: {view.cannot.join(', ')}.</p>
      )}
    </section>
  );
}
