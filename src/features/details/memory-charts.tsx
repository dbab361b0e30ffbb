import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ReferenceLine,
  Tooltip,
  XAxis,
  YAxis,
  ResponsiveContainer,
} from 'recharts';
import { formatContext, formatSig3 } from '../../view-models/format-units';
import type { MemoryBreakdownView, MemoryContextView } from '../../view-models/memory-view';
import { AXIS_TICK, leftAxisLabel } from '../../components/chart-style';

/** Recharts part of the Details view, loaded lazily. Colours come from the theme's CSS variables. */

const SERIES_COLOURS = [
  'var(--series-1)',
  'var(--series-2)',
  'var(--series-3)',
  'var(--series-4)',
  'var(--series-5)',
  'var(--series-6)',
];

const gib = (v: unknown) => `${formatSig3(Number(v))} GiB`;

export function MemoryBreakdownChart({
  view,
  height,
}: {
  readonly view: MemoryBreakdownView;
  readonly height: number;
}) {
  return (
    <ResponsiveContainer width="100%" height={height}>
      <BarChart
        data={view.bars.map((b) => ({ format: b.format, ...b.values, host: b.hostWeights }))}
        margin={{ top: 24, right: 24, bottom: 8, left: 8 }}
      >
        <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" vertical={false} />
        <XAxis dataKey="format" tick={{ fill: 'var(--text)', fontSize: 13 }} />
        <YAxis
          domain={[0, view.maxGiB]}
          tickFormatter={(v: number) => formatSig3(v)}
          tick={AXIS_TICK}
          label={leftAxisLabel('GiB')}
        />
        <Tooltip
          formatter={gib}
          contentStyle={{ background: 'var(--surface)', border: '1px solid var(--border)' }}
          isAnimationActive={false}
        />
        <Legend wrapperStyle={{ fontSize: 13 }} />
        {view.series.map((c) => (
          <Bar key={c.id} dataKey={c.id} name={c.label} stackId="memory" fill={c.colour} isAnimationActive={false} />
        ))}
        {view.host && (
          <defs>
            <pattern id="host-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
              <rect width="6" height="6" fill="var(--surface)" />
              <rect width="3" height="6" fill={view.host.colour} />
            </pattern>
          </defs>
        )}
        {view.host && (
          <Bar
            dataKey="host"
            name={view.host.label}
            stackId="host"
            fill="url(#host-hatch)"
            stroke={view.host.colour}
            isAnimationActive={false}
          />
        )}
        <ReferenceLine
          y={view.capacity}
          stroke="var(--capacity)"
          strokeDasharray="6 4"
          strokeWidth={2}
          label={{ value: view.capacityLabel, position: 'insideTopRight', fill: 'var(--text)', fontSize: 12 }}
        />
      </BarChart>
    </ResponsiveContainer>
  );
}

export function MemoryContextChart({
  view,
  height,
  xLabel = 'context per sequence (tokens, log scale)',
}: {
  readonly view: MemoryContextView;
  readonly height: number;
  readonly xLabel?: string | undefined;
}) {
  return (
    <ResponsiveContainer width="100%" height={height}>
      <LineChart data={[...view.points]} margin={{ top: 24, right: 24, bottom: 8, left: 8 }}>
        <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" />
        <XAxis
          dataKey="context"
          scale="log"
          domain={['dataMin', 'dataMax']}
          type="number"
          ticks={view.points.map((p) => p['context'] ?? 0)}
          tickFormatter={(v: number) => formatContext(v)}
          tick={AXIS_TICK}
          label={{
            value: xLabel,
            position: 'insideBottom',
            offset: -4,
            fill: 'var(--text-muted)',
            fontSize: 12,
          }}
          height={44}
        />
        <YAxis tickFormatter={(v: number) => formatSig3(v)} tick={AXIS_TICK} label={leftAxisLabel('GiB on GPUs')} />
        <Tooltip
          formatter={gib}
          labelFormatter={(v) => `${formatContext(Number(v))} tokens`}
          contentStyle={{ background: 'var(--surface)', border: '1px solid var(--border)' }}
          isAnimationActive={false}
        />
        <Legend wrapperStyle={{ fontSize: 13, paddingTop: 12 }} />
        {view.series.map((s, i) => (
          <Line
            key={s.key}
            dataKey={s.key}
            name={s.label}
            stroke={SERIES_COLOURS[i % SERIES_COLOURS.length] ?? 'var(--series-1)'}
            strokeWidth={2}
            dot={{ r: 2 }}
            isAnimationActive={false}
          />
        ))}
        <ReferenceLine
          y={view.capacity}
          stroke="var(--capacity)"
          strokeDasharray="6 4"
          strokeWidth={2}
          label={{ value: 'usable memory', position: 'insideTopLeft', fill: 'var(--text)', fontSize: 12 }}
        />
        {view.series
          .filter((s) => s.maxContext > 0 && s.maxContext < view.limit)
          .map((s) => (
            <ReferenceLine key={`max-${s.key}`} x={s.maxContext} stroke="var(--text-muted)" strokeDasharray="2 3" />
          ))}
      </LineChart>
    </ResponsiveContainer>
  );
}
