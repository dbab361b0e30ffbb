import { lazy, Suspense } from 'react';
import { ChartPlaceholder } from '../../components/chart-placeholder';
import type { ServingState } from '../../url/serving-state';
import type { ServingViewModel } from '../../view-models/serving-view';
import { ServingControls } from './serving-controls';
import { SERVING_CHART_HEIGHT } from './serving-size';

const ServingChart = lazy(() => import('./serving-chart'));

interface Props {
  readonly view: ServingViewModel;
  readonly serving: ServingState;
  /** Receives only the fields that changed; the app merges them into the current settings. */
  readonly onServing: (patch: Partial<ServingState>) => void;
}

/** "How many people can it serve, how fast, on what": the KV pool, the users and the speed under load. */
export function ServingView({ view, serving, onServing }: Props) {
  return (
    <section className="view" aria-labelledby="serving-title">
      <h2 id="serving-title">Serving: {view.title}</h2>
      <p className="view-intro">
        {view.engine} builds its KV cache pool at start-up and shares it between requests; {view.requestNote}. Choose
        the engine, format, context and GPUs on the left.
      </p>
      <ServingControls serving={serving} view={view} onServing={onServing} />
      {view.error ? (
        <div className="empty-state" role="alert">
          <strong>Cannot lay this out:</strong> {view.error}.
        </div>
      ) : (
        <>
          {view.notStarting && (
            <div className="notice" role="alert" data-testid="serving-refusal">
              {view.notStarting}
            </div>
          )}
          <dl className="serving-facts" data-testid="serving-facts">
            {view.facts.map((f) => (
              <div key={f.label} className="serving-fact">
                <dt>{f.label}</dt>
                <dd>
                  <strong>{f.value}</strong>
                  <span className="fact-detail">{f.detail}</span>
                </dd>
              </div>
            ))}
          </dl>
          {view.chart.points.length > 1 && (
            <>
              <Suspense fallback={<ChartPlaceholder height={SERVING_CHART_HEIGHT} label="speed against users" />}>
                <ServingChart chart={view.chart} />
              </Suspense>
              <div className="table-wrap" tabIndex={0} role="region" aria-label="Speed against concurrent users">
                <table className="data-table" data-testid="serving-table">
                  <thead>
                    <tr>
                      <th scope="col" className="num">
                        Users
                      </th>
                      <th scope="col" className="num">
                        Per user tok/s
                      </th>
                      <th scope="col" className="num">
                        Total tok/s
                      </th>
                      <th scope="col" className="num">
                        First token
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {view.rows.map((r) => (
                      <tr key={r.users}>
                        <th scope="row" className="num">
                          {r.users}
                        </th>
                        <td className="num">{r.perUser}</td>
                        <td className="num">{r.total}</td>
                        <td className="num">{r.ttft}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          )}
          <p className="footnote">
            Estimates: speeds at the average context a request holds (its prompt and half its answer); total output
            includes the prompts of arriving requests; users beyond what the pool holds wait for a slot.
          </p>
        </>
      )}
    </section>
  );
}
