import { lazy, Suspense } from 'react';
import { ChartPlaceholder } from '../../components/chart-placeholder';
import { NumberField } from '../../components/number-field';
import { PRICE_CHOICE_IDS, PRICE_LINK_LIMITS } from '../../url/price-state';
import { QUALITY_LOSS_LIMITS } from '../../url/link-limits';
import type { PlanNeeds } from '../../url/share-state';
import type { PlanView as PlanViewModel } from '../../view-models/plan-view';
import { PurchaseLimits } from '../../components/purchase-limits';

const PlanChart = lazy(() => import('./plan-chart'));
const CHART_HEIGHT = 320;

interface Props {
  readonly view: PlanViewModel;
  readonly needs: PlanNeeds;
  /** Receives only the fields that changed; the app merges them into the current needs. */
  readonly onNeeds: (patch: Partial<PlanNeeds>) => void;
}

const PRICE_LABEL = {
  cheapest: 'Cheapest known (new or used, else launch)',
  new: 'New, latest price people pay',
  used: 'Used, latest market price',
  launch: 'Launch list price',
} as const;
const formatMode = (v: string): PlanNeeds['formats'] => (v === 'chosen' || v === 'quality' ? v : 'best');

/** "What should I buy?": the cheapest hardware that runs the selected model the way the user needs. */
export function PlanView({ view, needs, onNeeds }: Props) {
  return (
    <section className="view" aria-labelledby="plan-title">
      <h2 id="plan-title">What to buy: {view.title}</h2>
      <p className="view-intro">
        Ranked by {view.priceNote}; every price shows its kind and date, and prices age. Uses the model, context, users,
        KV cache and runtime chosen on the left.
      </p>
      <div className="plan-controls">
        <NumberField
          label="Minimum tok/s per user"
          value={needs.minTps}
          min={1}
          max={100000}
          onChange={(v) => onNeeds({ minTps: v ?? needs.minTps })}
        />
        <PurchaseLimits needs={needs} onNeeds={onNeeds} />
        <div className="field">
          <label htmlFor="plan-prices">Price</label>
          <select
            id="plan-prices"
            value={needs.prices}
            onChange={(e) => {
              const found = PRICE_CHOICE_IDS.find((c) => c === e.target.value);
              if (found) onNeeds({ prices: found });
            }}
          >
            {PRICE_CHOICE_IDS.map((c) => (
              <option key={c} value={c}>
                {PRICE_LABEL[c]}
              </option>
            ))}
          </select>
        </div>
        <NumberField
          label="Hours a day of use"
          value={needs.hoursPerDay}
          decimals
          {...PRICE_LINK_LIMITS.hoursPerDay}
          onChange={(v) => onNeeds({ hoursPerDay: v ?? needs.hoursPerDay })}
        />
        <NumberField
          label="Years to spread the price over"
          value={needs.years}
          decimals
          {...PRICE_LINK_LIMITS.years}
          onChange={(v) => onNeeds({ years: v ?? needs.years })}
        />
        <NumberField
          label="Electricity (USD/kWh)"
          value={needs.usdPerKwh}
          decimals
          {...PRICE_LINK_LIMITS.usdPerKwh}
          onChange={(v) => onNeeds({ usdPerKwh: v ?? needs.usdPerKwh })}
        />
        <div className="field">
          <label htmlFor="plan-formats">Formats</label>
          <select
            id="plan-formats"
            value={needs.formats}
            onChange={(e) => onNeeds({ formats: formatMode(e.target.value) })}
          >
            <option value="best">Best quality that fits (≥ 4 bits)</option>
            <option value="quality">Smallest within a quality threshold</option>
            <option value="chosen">Only the formats chosen on the left</option>
          </select>
        </div>
        {needs.formats === 'quality' && (
          <NumberField
            label="Quality threshold (mean KLD vs 16-bit)"
            value={needs.maxLoss}
            min={QUALITY_LOSS_LIMITS.min}
            max={QUALITY_LOSS_LIMITS.max}
            decimals
            onChange={(v) => onNeeds({ maxLoss: v ?? QUALITY_LOSS_LIMITS.default })}
          />
        )}
      </div>
      {view.rows.length === 0 ? (
        <div className="empty-state" role="status">
          <strong>Nothing in the catalogue meets these needs.</strong>
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
          <Suspense fallback={<ChartPlaceholder height={CHART_HEIGHT} label="price against speed" />}>
            <PlanChart rows={view.rows} rentals={view.rentals} years={needs.years} />
          </Suspense>
          {view.why && (
            <p className="format-why" data-testid="plan-why">
              {view.why}
            </p>
          )}
          <div className="table-wrap" tabIndex={0} role="region" aria-label="Hardware options, cheapest first">
            <table className="data-table" data-testid="plan-table">
              <thead>
                <tr>
                  <th scope="col">#</th>
                  <th scope="col">Hardware</th>
                  <th scope="col" className="num">
                    Price (kind, date)
                  </th>
                  <th scope="col">Format</th>
                  <th scope="col" className="num">
                    Decode
                  </th>
                  <th scope="col" className="num">
                    $ per tok/s
                  </th>
                  <th scope="col" className="num">
                    Spare
                  </th>
                  <th scope="col" className="num">
                    Max context
                  </th>
                  <th scope="col" className="num">
                    Users at floor
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
                    <td>{r.format}</td>
                    <td className="num">{r.speed}</td>
                    <td className="num">{r.pricePerTps}</td>
                    <td className="num">{r.spare}</td>
                    <td className="num">{r.maxContext}</td>
                    <td className="num">{r.served}</td>
                    <td className="num">{r.power}</td>
                    <td className="cell-wrap">{r.cheaperRejected || '–'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p className="footnote">
            {view.rejectedCount} configurations were rejected (too small, too slow, over budget or power). Speeds are
            estimates; prices are dated and age.
          </p>
          {view.hostNote && <p className="footnote">{view.hostNote}</p>}
        </>
      )}
      {view.unpricedNote && (
        <p className="footnote" data-testid="plan-unpriced">
          {view.unpricedNote}
        </p>
      )}
      <RentSection view={view} />
    </section>
  );
}

/** Cloud rentals that meet the same needs, and the cheapest purchase against the cheapest rental. */
function RentSection({ view }: { readonly view: PlanViewModel }) {
  return (
    <section className="plan-rent" aria-labelledby="plan-rent-title">
      <h3 id="plan-rent-title">Rent instead</h3>
      {view.rentBuy ? (
        <p className="plan-rent-verdict" data-testid="plan-rent-vs-buy">
          At {view.terms}: buying {view.rentBuy.buy} costs <strong>{view.rentBuy.buyPerMillion}</strong> per million
          generated tokens ({view.rentBuy.buyPerHour}); renting {view.rentBuy.rent} ({view.rentBuy.rentPerHour}) costs{' '}
          <strong>{view.rentBuy.rentPerMillion}</strong>. Buying breaks even {view.rentBuy.breakEven}.
        </p>
      ) : (
        <p className="footnote">
          {view.rentals.length === 0
            ? 'No rental in the price list meets these needs.'
            : 'No purchase meets these needs, so there is nothing to compare the rentals with.'}
        </p>
      )}
      {view.rentals.length > 0 && (
        <div className="table-wrap" tabIndex={0} role="region" aria-label="Cloud rentals, cheapest per hour first">
          <table className="data-table" data-testid="plan-rentals">
            <thead>
              <tr>
                <th scope="col">GPUs</th>
                <th scope="col" className="num">
                  Price (on demand, provider, date)
                </th>
                <th scope="col">Format</th>
                <th scope="col" className="num">
                  Decode
                </th>
                <th scope="col" className="num">
                  $ per M tokens
                </th>
              </tr>
            </thead>
            <tbody>
              {view.rentals.map((r) => (
                <tr key={r.key}>
                  <th scope="row">{r.hardware}</th>
                  <td className="num">{r.price}</td>
                  <td>{r.format}</td>
                  <td className="num">{r.speed}</td>
                  <td className="num">{r.costPerMillion}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
