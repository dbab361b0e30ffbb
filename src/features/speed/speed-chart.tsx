import {
  Bar,
  CartesianGrid,
  ComposedChart,
  Legend,
  ResponsiveContainer,
  Scatter,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { formatSig3 } from '../../view-models/format-units';
import type { SpeedRow } from '../../view-models/speed-view';
import { speedChartHeight } from './speed-size';
import { AXIS_TICK } from '../../components/chart-style';

/** Decode tok/s per GPU pool, with the bandwidth upper bound as a tick. Loaded lazily. */
export default function SpeedChart({ rows }: { readonly rows: readonly SpeedRow[] }) {
  return (
    <ResponsiveContainer width="100%" height={speedChartHeight(rows.length)}>
      <ComposedChart layout="vertical" data={[...rows]} margin={{ top: 8, right: 32, bottom: 8, left: 8 }}>
        <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" horizontal={false} />
        <XAxis
          type="number"
          tickFormatter={(v: number) => formatSig3(v)}
          tick={AXIS_TICK}
          label={{
            value: 'tokens/s',
            position: 'insideBottomRight',
            offset: -4,
            fill: 'var(--text-muted)',
            fontSize: 12,
          }}
        />
        <YAxis type="category" dataKey="label" width={170} tick={{ fill: 'var(--text)', fontSize: 13 }} interval={0} />
        <Tooltip
          formatter={(v: unknown) => `${formatSig3(Number(v))} tok/s`}
          contentStyle={{ background: 'var(--surface)', border: '1px solid var(--border)' }}
          isAnimationActive={false}
        />
        <Legend wrapperStyle={{ fontSize: 13 }} />
        <Bar dataKey="decode" name="estimated decode" fill="var(--series-1)" barSize={16} isAnimationActive={false} />
        <Scatter
          dataKey="upperBound"
          name="physical upper bound (bandwidth ÷ bytes)"
          fill="var(--text)"
          isAnimationActive={false}
          shape={(raw: unknown) => {
            const p = raw as { cx?: number; cy?: number };
            return <rect x={(p.cx ?? 0) - 1.5} y={(p.cy ?? 0) - 10} width={3} height={20} fill="var(--text)" />;
          }}
        />
      </ComposedChart>
    </ResponsiveContainer>
  );
}
