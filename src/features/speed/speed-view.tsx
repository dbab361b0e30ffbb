import { lazy, Suspense, useId } from 'react';
import { ChartPlaceholder } from '../../components/chart-placeholder';
import type { SpeedView as SpeedViewModel } from '../../view-models/speed-view';
import { speedChartHeight, speedFormatsChartHeight } from './speed-size';

const SpeedChart = lazy(() => import('./speed-chart'));
const SpeedFormatsChart = lazy(() => import('./speed-formats-chart'));

interface Props {
  readonly view: SpeedViewModel;
  readonly baselineOptions: readonly { readonly key: string; readonly label: string }[];
  readonly baseline: string | null;
  readonly onBaseline: (key: string | null) => void;
}

export function SpeedView({ view, baselineOptions, baseline, onBaseline }: Props) {
  const id = useId();
  return (
    <section className="view" aria-labelledby="speed-title">
      <h2 id="speed-title">Speed: {view.title}</h2>
      <p className="view-intro">
        Estimated decode speed (bars) and the physical upper bound of memory bandwidth ÷ bytes read per token (ticks).
      </p>
      <Suspense fallback={<ChartPlaceholder height={speedChartHeight(view.rows.length)} label="speed chart" />}>
        <SpeedChart rows={view.rows} />
      </Suspense>
      <div className="inline baseline-picker">
        <label htmlFor={id}>Compare with</label>
        <select
          id={id}
          value={baseline ?? ''}
          onChange={(e) => onBaseline(e.target.value === '' ? null : e.target.value)}
        >
          <option value="">no baseline</option>
          {baselineOptions.map((o) => (
            <option key={o.key} value={o.key}>
              {o.label}
            </option>
          ))}
        </select>
      </div>
      <div className="table-wrap">
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">GPUs</th>
              <th scope="col">Verdict</th>
              <th scope="col" className="num">
                Decode
              </th>
              <th scope="col" className="num">
                Prefill
              </th>
              <th scope="col" className="num">
                First token
              </th>
              {view.baselineLabel && (
                <th scope="col" className="num">
                  vs {view.baselineLabel}
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {view.rows.map((r) => (
              <tr key={r.poolKey}>
                <th scope="row">{r.label}</th>
                <td>{r.verdict}</td>
                <td className="num">{r.decodeLabel}</td>
                <td className="num">{r.prefillLabel}</td>
                <td className="num">{r.ttftLabel}</td>
                {view.baselineLabel && <td className="num">{r.relative || '–'}</td>}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {view.skipped.length > 0 && <p className="footnote">Does not run on: {view.skipped.join(', ')}.</p>}
      {view.byFormat.series.length > 1 && (
        <figure className="speed-formats" data-testid="speed-formats">
          <h3>Decode speed per format</h3>
          <Suspense
            fallback={
              <ChartPlaceholder
                height={speedFormatsChartHeight(view.byFormat.rows.length, view.byFormat.series.length)}
                label="speed per format"
              />
            }
          >
            <SpeedFormatsChart view={view.byFormat} />
          </Suspense>
          <figcaption className="footnote">
            Each format chosen on the left, estimated for one sequence on each GPU pool; a missing bar means the format
            does not run there. Add formats to compare in the Quantization view.
          </figcaption>
          <ul className="visually-hidden">
            {view.byFormat.rows.map((r) => (
              <li key={r.poolKey}>
                {r.label}: {r.summary}
              </li>
            ))}
          </ul>
        </figure>
      )}
      <p className="footnote">
        First token: time to process the whole context as a prompt. Offloaded layers are read from system RAM at 89.6
        GB/s (dual-channel DDR5-5600).
      </p>
    </section>
  );
}
