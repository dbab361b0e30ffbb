import {
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { formatSig3 } from '../../view-models/format-units';
import type { ServingViewModel } from '../../view-models/serving-view';
import { SERVING_CHART_HEIGHT } from './serving-size';
import { AXIS_TICK, bottomAxisLabel } from '../../components/chart-style';

/**
 * Per-user and total decode tok/s against concurrent users (log scale), with the speed floor on
 * the per-user axis and the most users that still get it. Loaded lazily.
 */
export default function ServingChart({ chart }: { readonly chart: ServingViewModel['chart'] }) {
  const max = chart.points[chart.points.length - 1]?.users ?? 1;
  return (
    <ResponsiveContainer width="100%" height={SERVING_CHART_HEIGHT}>
      <ComposedChart data={[...chart.points]} margin={{ top: 16, right: 8, bottom: 16, left: 8 }}>
        <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" />
        <XAxis
          type="number"
          dataKey="users"
          scale="log"
          domain={[1, Math.max(2, max)]}
          allowDataOverflow
          tickFormatter={(v: number) => formatSig3(v)}
          tick={AXIS_TICK}
          label={bottomAxisLabel('concurrent users')}
        />
        <YAxis
          yAxisId="user"
          tickFormatter={(v: number) => formatSig3(v)}
          tick={AXIS_TICK}
          label={{
            value: 'tok/s per user',
            angle: -90,
            position: 'insideLeft',
            fill: 'var(--text-muted)',
            fontSize: 12,
          }}
        />
        <YAxis
          yAxisId="total"
          orientation="right"
          tickFormatter={(v: number) => formatSig3(v)}
          tick={AXIS_TICK}
          label={{ value: 'tok/s total', angle: 90, position: 'insideRight', fill: 'var(--text-muted)', fontSize: 12 }}
        />
        <Tooltip
          isAnimationActive={false}
          formatter={(v: unknown, name: unknown) => [`${formatSig3(Number(v))} tok/s`, String(name)]}
          labelFormatter={(v: unknown) => `${formatSig3(Number(v))} users`}
          contentStyle={{ background: 'var(--surface)', border: '1px solid var(--border)' }}
        />
        <Legend wrapperStyle={{ fontSize: 13, paddingTop: 12 }} />
        <ReferenceLine
          yAxisId="user"
          y={chart.floor}
          stroke="var(--series-2)"
          strokeDasharray="6 4"
          label={{
            value: `floor ${formatSig3(chart.floor)} tok/s`,
            position: 'insideTopRight',
            fill: 'var(--text)',
            fontSize: 12,
          }}
        />
        {chart.atFloor !== null && chart.atFloor > 0 && (
          <ReferenceLine
            yAxisId="user"
            x={chart.atFloor}
            stroke="var(--series-3)"
            label={{
              value: `${formatSig3(chart.atFloor)} users`,
              position: 'insideTopLeft',
              fill: 'var(--text)',
              fontSize: 12,
            }}
          />
        )}
        {chart.knee !== null && (
          <ReferenceLine
            yAxisId="user"
            x={chart.knee}
            stroke="var(--text-muted)"
            strokeDasharray="2 4"
            label={{ value: 'knee', position: 'insideBottomLeft', fill: 'var(--text-muted)', fontSize: 12 }}
          />
        )}
        <Line
          yAxisId="user"
          dataKey="perUser"
          name="per user"
          stroke="var(--series-1)"
          strokeWidth={2}
          dot={false}
          isAnimationActive={false}
        />
        <Line
          yAxisId="total"
          dataKey="total"
          name="total, all users"
          stroke="var(--series-4)"
          strokeWidth={2}
          strokeDasharray="8 3"
          dot={false}
          isAnimationActive={false}
        />
      </ComposedChart>
    </ResponsiveContainer>
  );
}
