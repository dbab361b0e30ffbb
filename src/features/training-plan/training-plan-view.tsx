import { lazy, Suspense } from 'react';
import { ChartPlaceholder } from '../../components/chart-placeholder';
import { NumberField } from '../../components/number-field';
import type { PlanNeeds } from '../../url/share-state';
import type { TrainingPlanView as TrainingPlanViewModel } from '../../view-models/training-plan-view';
import { PurchaseLimits } from '../../components/purchase-limits';

const Chart = lazy(() => import('./training-plan-chart'));
const CHART_HEIGHT = 320;

interface Props {
  readonly view: TrainingPlanViewModel;
  readonly needs: PlanNeeds;
  readonly maxHours: number | null;
  readonly onNeeds: (patch: Partial<PlanNeeds>) => void;
  readonly onMaxHours: (hours: number | null) => void;
}

/** "What should I buy to fine-tune it?": the cheapest hardware on which the run fits, in time if asked. */
export function TrainingPlanView({ view, needs, maxHours, onNeeds, onMaxHours }: Props) {
  return (
    <section className="view" aria-labelledby="training-plan-title">
      <h2 id="training-plan-title">What to buy: {view.title}</h2>
      <p className="view-intro">
        Ranked by launch price (sourced, dated), with the fine-tuning settings and dataset chosen on the left. Several
        GPUs share the model by FSDP unless you choose otherwise.
      </p>
      <div className="plan-controls">
        <NumberField
          label="Most hours for the run"
          value={maxHours}
          min={1}
          max={1000000}
          emptyLabel="no limit"
          onChange={onMaxHours}
        />
        <PurchaseLimits needs={needs} onNeeds={onNeeds} />
      </div>
      {view.rows.length === 0 ? (
        <div className="empty-state" role="status">
          <strong>
            {view.noPrices
              ? 'No hardware of these classes has a sourced launch price in the catalogue.'
              : 'Nothing in the catalogue meets these needs.'}
          </strong>
          {view.closestMisses.length > 0 && (
            <ul>
              {view.closestMisses.map((m) => (
                <li key={m}>{m}</li>
              ))}
            </ul>
          )}
        </div>
      ) : (
        <>
          <Suspense fallback={<ChartPlaceholder height={CHART_HEIGHT} label="price against training time" />}>
            <Chart rows={view.rows} />
          </Suspense>
          <div
            className="table-wrap"
            tabIndex={0}
            role="region"
            aria-label="Hardware options for fine-tuning, cheapest first"
          >
            <table className="data-table" data-testid="training-plan-table">
              <thead>
                <tr>
                  <th scope="col">#</th>
                  <th scope="col">Hardware</th>
                  <th scope="col" className="num">
                    Launch price
                  </th>
                  <th scope="col" className="num">
                    Peak / GPU
                  </th>
                  <th scope="col" className="num">
                    Speed
                  </th>
                  <th scope="col" className="num">
                    Time for the dataset
                  </th>
                  <th scope="col" className="num">
                    Power
                  </th>
                  <th scope="col">Cheaper option rejected</th>
                </tr>
              </thead>
              <tbody>
                {view.rows.map((r, i) => (
                  <tr key={r.key}>
                    <td className="num">{i + 1}</td>
                    <th scope="row">
                      {r.hardware}
                      {r.pareto && <span className="tag pareto-tag">Pareto</span>}
                    </th>
                    <td className="num">{r.price}</td>
                    <td className="num">{r.peak}</td>
                    <td className="num">{r.speed}</td>
                    <td className="num">{r.time}</td>
                    <td className="num">{r.power}</td>
                    <td className="cell-wrap">{r.cheaperRejected || '–'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p className="footnote">
            {view.rejectedCount} configurations were rejected (too small, too slow, over budget or power). Memory and
            time are estimates; prices are launch list prices, not today&apos;s street prices.
          </p>
        </>
      )}
    </section>
  );
}
