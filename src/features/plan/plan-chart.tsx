import { CartesianGrid, Legend, ResponsiveContainer, Scatter, ScatterChart, Tooltip, XAxis, YAxis } from 'recharts';
import { formatSig3 } from '../../view-models/format-units';
import type { RentalRow } from '../../view-models/plan-prices-view';
import type { PlanRow } from '../../view-models/plan-view';
import { AXIS_TICK, LEGEND_STYLE, bottomAxisLabel, leftAxisLabel } from '../../components/chart-style';

export const PLAN_CHART_HEIGHT = 320;

interface Props {
  readonly rows: readonly PlanRow[];
  /** Rentals, placed at what renting them the same hours over the same years costs. */
  readonly rentals: readonly RentalRow[];
  readonly years: number;
}

/**
 * Price against decode speed; the Pareto frontier and the cheapest option stand out, and cloud
 * rentals are a second series at their rent over the purchase's years. Loaded lazily.
 */
export default function PlanChart({ rows, rentals, years }: Props) {
  const frontier = rows.filter((r) => r.pareto).sort((a, b) => a.priceUsd - b.priceUsd);
  const others = rows.filter((r) => !r.pareto);
  const chosen = rows.slice(0, 1);
  return (
    <ResponsiveContainer width="100%" height={PLAN_CHART_HEIGHT}>
      <ScatterChart margin={{ top: 16, right: 24, bottom: 16, left: 8 }}>
        <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" />
        <XAxis
          type="number"
          dataKey="priceUsd"
          name="price"
          domain={['auto', 'auto']}
          tickFormatter={(v: number) => `$${formatSig3(v)}`}
          tick={AXIS_TICK}
          label={bottomAxisLabel(`price (USD); rentals: rent over ${years} years of the same use`)}
        />
        <YAxis
          type="number"
          dataKey="tps"
          name="decode"
          tickFormatter={(v: number) => formatSig3(v)}
          tick={AXIS_TICK}
          label={leftAxisLabel('tok/s')}
        />
        <Tooltip
          isAnimationActive={false}
          content={({ active, payload }) => {
            const row = active ? (payload[0]?.payload as PlanRow | RentalRow | undefined) : undefined;
            if (!row) return null;
            return (
              <div className="chart-tooltip">
                <div className="tooltip-title">{row.hardware}</div>
                <div>
                  {row.price} · {row.format} · {row.speed}
                </div>
              </div>
            );
          }}
        />
        <Legend wrapperStyle={LEGEND_STYLE} />
        <Scatter name="other options" data={others} fill="var(--mem-overhead)" isAnimationActive={false} />
        <Scatter
          name="best price for its speed (Pareto frontier)"
          data={frontier}
          fill="var(--series-1)"
          line={{ stroke: 'var(--series-1)' }}
          isAnimationActive={false}
        />
        <Scatter
          name="cheapest that meets the needs"
          data={chosen}
          fill="var(--series-2)"
          shape="star"
          isAnimationActive={false}
        />
        <Scatter
          name="cloud rentals (rent over the same years)"
          data={rentals}
          fill="var(--series-3)"
          shape="triangle"
          isAnimationActive={false}
        />
      </ScatterChart>
    </ResponsiveContainer>
  );
}
