import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatSig3 } from '../../view-models/format-units';
import type { SpeedFormatsView } from '../../view-models/speed-formats';
import { speedFormatsChartHeight } from './speed-size';
import { AXIS_TICK } from '../../components/chart-style';

/** Decode tok/s of each chosen format on each GPU pool, one bar per format. Loaded lazily. */
export default function SpeedFormatsChart({ view }: { readonly view: SpeedFormatsView }) {
  const data = view.rows.map((r) => ({ label: r.label, ...r.values }));
  return (
    <ResponsiveContainer width="100%" height={speedFormatsChartHeight(view.rows.length, view.series.length)}>
      <BarChart layout="vertical" data={data} margin={{ top: 8, right: 32, bottom: 8, left: 8 }}>
        <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" horizontal={false} />
        <XAxis
          type="number"
          tickFormatter={(v: number) => formatSig3(v)}
          tick={AXIS_TICK}
          label={{
            value: 'decode tokens/s',
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
        {/* In the order the formats were chosen (keys f0, f1, …), not alphabetically. */}
        <Legend wrapperStyle={{ fontSize: 13 }} itemSorter={(item) => Number(String(item.dataKey ?? '').slice(1))} />
        {view.series.map((f) => (
          <Bar key={f.key} dataKey={f.key} name={f.label} fill={f.color} barSize={10} isAnimationActive={false} />
        ))}
      </BarChart>
    </ResponsiveContainer>
  );
}
