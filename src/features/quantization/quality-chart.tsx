import {
  CartesianGrid,
  Legend,
  ReferenceLine,
  ResponsiveContainer,
  Scatter,
  ScatterChart,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { formatSig3 } from '../../view-models/format-units';
import type { QualityPoint, QuantQualityView } from '../../view-models/quant-quality';
import { AXIS_TICK, LEGEND_STYLE, bottomAxisLabel, leftAxisLabel } from '../../components/chart-style';

export const QUALITY_CHART_HEIGHT = 320;
// The log axis from 0.001 (below every published figure but a released format's zero) in 1-3 steps.
const LOSS_FLOOR = 0.001;
const LOSS_TICKS = [0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3];

/**
 * Published quality loss against weight size, log scale: the Pareto front of formats (no smaller
 * one loses less), the threshold as a line and the picked format as a star. Loaded lazily.
 */
export default function QualityChart({ view }: { readonly view: QuantQualityView }) {
  const front = view.points.filter((p) => p.pareto);
  const others = view.points.filter((p) => !p.pareto);
  const picked = view.points.filter((p) => p.recommended);
  const top = LOSS_TICKS.find((t) => view.points.every((p) => p.loss <= t)) ?? 3;
  return (
    <ResponsiveContainer width="100%" height={QUALITY_CHART_HEIGHT}>
      <ScatterChart margin={{ top: 16, right: 24, bottom: 16, left: 8 }}>
        <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" />
        <XAxis
          type="number"
          dataKey="sizeGiB"
          name="weights"
          domain={['auto', 'auto']}
          tickFormatter={(v: number) => formatSig3(v)}
          tick={AXIS_TICK}
          label={bottomAxisLabel('weights (GiB)')}
        />
        <YAxis
          type="number"
          dataKey="loss"
          name="loss"
          scale="log"
          domain={[LOSS_FLOOR, top]}
          ticks={LOSS_TICKS.filter((t) => t <= top)}
          allowDataOverflow
          tickFormatter={(v: number) => String(v)}
          tick={AXIS_TICK}
          label={leftAxisLabel('loss (KLD)')}
        />
        <ReferenceLine
          y={view.maxLoss}
          stroke="var(--series-2)"
          strokeDasharray="6 4"
          label={{
            value: `threshold ${view.maxLoss}`,
            position: 'insideTopRight',
            fill: 'var(--text-muted)',
            fontSize: 12,
          }}
        />
        <Tooltip
          isAnimationActive={false}
          content={({ active, payload }) => {
            const p = active ? (payload[0]?.payload as QualityPoint | undefined) : undefined;
            if (!p) return null;
            return (
              <div className="chart-tooltip">
                <div className="tooltip-title">{p.label}</div>
                <div>
                  {p.sizeLabel} · {p.published}
                  {p.fitsWithMargin ? '' : ' · does not fit with room to spare'}
                </div>
              </div>
            );
          }}
        />
        <Legend wrapperStyle={LEGEND_STYLE} />
        <Scatter name="other formats" data={others} fill="var(--mem-overhead)" isAnimationActive={false} />
        <Scatter
          name="least loss for its size (Pareto front)"
          data={front}
          fill="var(--series-1)"
          line={{ stroke: 'var(--series-1)' }}
          isAnimationActive={false}
        />
        <Scatter name="picked format" data={picked} fill="var(--series-2)" shape="star" isAnimationActive={false} />
      </ScatterChart>
    </ResponsiveContainer>
  );
}
