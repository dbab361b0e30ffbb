import { useMemo } from 'react';
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
import type { TrainingAccuracyPoint } from '../../calibration/training-accuracy';
import { formatSig3 } from '../../view-models/format-units';
import { trainingAccuracyData } from './training-accuracy-data';
import { KeptAndSources } from './kept-and-sources';
import { AXIS_TICK } from '../../components/chart-style';

const QUANTITY_LABEL: Record<string, string> = {
  train_peak_memory_bytes: 'Peak memory per GPU',
  train_tokens_per_second: 'Tokens/s',
  train_step_seconds: 'Step time',
};

const pct = (x: number) => (Number.isFinite(x) ? `${(x * 100).toFixed(1)}%` : '–');
const GiB = 1024 ** 3;

/** The fine-tuning estimate against published runs it was not fitted on. Loaded lazily. */
export default function TrainingAccuracyPanel() {
  const data = useMemo(() => trainingAccuracyData(), []);
  const memory = data.points
    .filter((p) => p.quantity === 'train_peak_memory_bytes')
    .map((p) => ({ ...p, measuredGiB: p.measured / GiB, predictedGiB: p.predicted / GiB }));
  const top = Math.ceil(Math.max(1, ...memory.flatMap((p) => [p.measuredGiB, p.predictedGiB])) / 10) * 10;
  return (
    <>
      <p className="view-intro">
        {data.total} published fine-tuning measurements ({data.note}); the table and plot use only the held-out
        evaluation split. Error is |estimated − measured| ÷ measured; points on the dashed diagonal are exact.
      </p>
      <ResponsiveContainer width="100%" height={340}>
        <ScatterChart margin={{ top: 12, right: 24, bottom: 20, left: 24 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" />
          <XAxis
            type="number"
            dataKey="measuredGiB"
            name="measured"
            domain={[0, top]}
            tick={AXIS_TICK}
            tickFormatter={(v: number) => formatSig3(v)}
            label={{ value: 'measured peak GiB per GPU', position: 'insideBottom', offset: -10, ...AXIS_TICK }}
          />
          <YAxis
            type="number"
            dataKey="predictedGiB"
            name="estimated"
            domain={[0, top]}
            tick={AXIS_TICK}
            tickFormatter={(v: number) => formatSig3(v)}
            label={{ value: 'estimated GiB', angle: -90, position: 'insideLeft', ...AXIS_TICK }}
          />
          <ReferenceLine
            segment={[
              { x: 0, y: 0 },
              { x: top, y: top },
            ]}
            stroke="var(--text-muted)"
            strokeDasharray="5 4"
          />
          <Tooltip
            isAnimationActive={false}
            content={({ active, payload }) => {
              const p = active ? (payload[0]?.payload as TrainingAccuracyPoint | undefined) : undefined;
              if (!p) return null;
              return (
                <div className="chart-tooltip">
                  <div className="tooltip-title">{p.label}</div>
                  <div>
                    measured {formatSig3(p.measured / GiB)} GiB · estimated {formatSig3(p.predicted / GiB)} GiB
                  </div>
                  <div className="tooltip-hint">{p.framework}</div>
                </div>
              );
            }}
          />
          <Legend wrapperStyle={{ fontSize: 13, paddingTop: 12 }} />
          <Scatter
            name="peak memory, evaluation split"
            data={memory}
            fill="var(--series-1)"
            isAnimationActive={false}
          />
        </ScatterChart>
      </ResponsiveContainer>
      <div
        className="table-wrap"
        tabIndex={0}
        role="region"
        aria-label="Fine-tuning accuracy by quantity and framework"
      >
        <table className="data-table" data-testid="training-accuracy-table">
          <thead>
            <tr>
              <th scope="col">Quantity</th>
              <th scope="col">Framework</th>
              <th scope="col" className="num">
                N
              </th>
              <th scope="col" className="num">
                Median error
              </th>
              <th scope="col" className="num">
                90th pct.
              </th>
              <th scope="col" className="num">
                Worst
              </th>
              <th scope="col">Worst case</th>
            </tr>
          </thead>
          <tbody>
            {data.rows.map((r) => (
              <tr key={`${r.quantity}|${r.framework}`}>
                <th scope="row">{QUANTITY_LABEL[r.quantity] ?? r.quantity}</th>
                <td>{r.framework === 'all' ? 'all' : r.framework}</td>
                <td className="num">{r.n}</td>
                <td className="num">{pct(r.median)}</td>
                <td className="num">{pct(r.p90)}</td>
                <td className="num">{pct(r.worst)}</td>
                <td className="cell-wrap">{r.worstLabel}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <KeptAndSources excluded={data.excluded} sources={data.sources} />
    </>
  );
}
