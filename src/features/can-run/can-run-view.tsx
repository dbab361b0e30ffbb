import { useState } from 'react';
import type { CanRunView as CanRunViewModel, CanRunViewRow } from '../../view-models/plan-view';
import { SortButtons } from '../../components/sort-buttons';

const SORTS: readonly [string, string, (a: CanRunViewRow, b: CanRunViewRow) => number][] = [
  ['size', 'Largest model', (a, b) => b.paramsCount - a.paramsCount],
  ['speed', 'Fastest', (a, b) => b.tps - a.tps],
  ['context', 'Longest context', (a, b) => b.contextTokens - a.contextTokens],
];

/** "What can I run?": every catalogue model on the selected GPUs at the best format that fits. */
export function CanRunView({ view }: { readonly view: CanRunViewModel }) {
  const [sort, setSort] = useState('size');
  const compare = SORTS.find(([id]) => id === sort)?.[2] ?? SORTS[0]?.[2];
  const rows = compare ? [...view.rows].sort(compare) : view.rows;
  return (
    <section className="view" aria-labelledby="canrun-title">
      <h2 id="canrun-title">{view.title}</h2>
      <p className="view-intro">
        Each catalogue model at the best-quality format (at least 4 bits) that fits, with the context that still fits
        and its speed; a mixture-of-experts model that fits at no format may keep the experts of some layers in{' '}
        {view.hostLabel} of system RAM. Choose the GPUs by selecting a cell in the fit matrix or adding a configuration
        on the left.
      </p>
      <SortButtons sorts={SORTS} sort={sort} onSort={setSort} />
      <div className="table-wrap" tabIndex={0} role="region" aria-label="Models that fit, with their format and speed">
        <table className="data-table" data-testid="canrun-table">
          <thead>
            <tr>
              <th scope="col">Model</th>
              <th scope="col" className="num">
                Parameters
              </th>
              <th scope="col">Best format that fits</th>
              <th scope="col" className="num">
                Decode
              </th>
              <th scope="col" className="num">
                Max context
              </th>
              <th scope="col">Where</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.modelId}>
                <th scope="row">{r.name}</th>
                <td className="num">{r.params}</td>
                <td>{r.format}</td>
                <td className="num">{r.speed}</td>
                <td className="num">{r.maxContext}</td>
                <td>{r.where}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {view.cannot.length > 0 && <p className="footnote">Does not fit at 4 bits or more: {view.cannot.join(', ')}.</p>}
    </section>
  );
}
