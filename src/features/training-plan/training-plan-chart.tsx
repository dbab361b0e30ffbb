import { CartesianGrid, Legend, ResponsiveContainer, Scatter, ScatterChart, Tooltip, XAxis, YAxis } from 'recharts';
import { formatSig3 } from '../../view-models/format-units';
import type { TrainingPlanRow } from '../../view-models/training-plan-view';
import { AXIS_TICK, bottomAxisLabel } from '../../components/chart-style';

export const TRAINING_PLAN_CHART_HEIGHT = 320;

/** Price against the time the run takes; the frontier (fastest for its price) stands out. Loaded lazily. */
export default function TrainingPlanChart({ rows }: { readonly rows: readonly TrainingPlanRow[] }) {
  const timed = rows.filter((r) => r.hours > 0);
  const frontier = timed.filter((r) => r.pareto).sort((a, b) => a.priceUsd - b.priceUsd);
  const others = timed.filter((r) => !r.pareto);
  return (
    <ResponsiveContainer width="100%" height={TRAINING_PLAN_CHART_HEIGHT}>
      <ScatterChart margin={{ top: 16, right: 24, bottom: 16, left: 8 }}>
        <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" />
        <XAxis
          type="number"
          dataKey="priceUsd"
          name="price"
          domain={['auto', 'auto']}
          tickFormatter={(v: number) => `$${formatSig3(v)}`}
          tick={AXIS_TICK}
          label={bottomAxisLabel('launch price (USD)')}
        />
        <YAxis
          type="number"
          dataKey="hours"
          name="time"
          scale="log"
          domain={['auto', 'auto']}
          tickFormatter={(v: number) => formatSig3(v)}
          tick={AXIS_TICK}
          label={{
            value: 'hours for the dataset (log)',
            angle: -90,
            position: 'insideLeft',
            fill: 'var(--text-muted)',
            fontSize: 12,
          }}
        />
        <Tooltip
          isAnimationActive={false}
          content={({ active, payload }) => {
            const row = active ? (payload[0]?.payload as TrainingPlanRow | undefined) : undefined;
            if (!row) return null;
            return (
              <div className="chart-tooltip">
                <div className="tooltip-title">{row.hardware}</div>
                <div>
                  {row.price} · {row.time} · {row.speed}
                </div>
              </div>
            );
          }}
        />
        <Legend wrapperStyle={{ fontSize: 13, paddingTop: 12 }} />
        <Scatter name="other options" data={others} fill="var(--mem-overhead)" isAnimationActive={false} />
        <Scatter
          name="fastest for its price (Pareto frontier)"
          data={frontier}
          fill="var(--series-1)"
          line={{ stroke: 'var(--series-1)' }}
          isAnimationActive={false}
        />
      </ScatterChart>
    </ResponsiveContainer>
  );
}
