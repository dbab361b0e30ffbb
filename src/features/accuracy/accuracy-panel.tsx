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
import { MOE_GROUP, type AccuracyPoint } from '../../calibration/accuracy';
import { formatSig3 } from '../../view-models/format-units';
import { accuracyData } from './accuracy-data';
import { KeptAndSources } from './kept-and-sources';
import { AXIS_TICK } from '../../components/chart-style';

const QUANTITY_LABEL: Record<string, string> = {
  decode_tps: 'Decode tok/s',
  prefill_tps: 'Prefill tok/s',
  weights_bytes: 'Weights',
  kv_bytes: 'KV cache',
  peak_memory_bytes: 'Total memory',
  compute_buffer_bytes: 'Compute buffer',
  output_throughput_tps: 'Total output tok/s',
  kv_pool_bytes: 'KV pool (bytes)',
  kv_pool_tokens: 'KV pool (tokens)',
  max_concurrency: 'Max concurrency',
  activation_peak_bytes: 'Activation peak',
  non_torch_bytes: 'Non-torch memory',
};

const BACKEND_LABEL: Record<string, string> = {
  all: 'all backends',
  [MOE_GROUP]: 'mixture-of-experts models, all backends',
};

const pct = (x: number) => (Number.isFinite(x) ? `${(x * 100).toFixed(1)}%` : '–');

/** Estimated against measured, on measurements the constants were not fitted to. Loaded lazily. */
export default function AccuracyPanel() {
  const data = useMemo(() => accuracyData(), []);
  const series = (quantity: AccuracyPoint['quantity'], moe: boolean) =>
    data.points.filter((p) => p.quantity === quantity && p.moe === moe);
  const [lo, hi] = data.axis.domain;
  // Measured and estimated share one log scale, so the diagonal marks an exact estimate.
  const logAxis = {
    type: 'number' as const,
    scale: 'log' as const,
    ticks: [...data.axis.ticks],
    domain: [lo, hi],
    allowDataOverflow: true,
    tickFormatter: (v: number) => formatSig3(v),
    tick: AXIS_TICK,
  };
  return (
    <>
      <p className="view-intro">
        {data.total} published measurements ({data.note}); the table and plot use only the held-out evaluation split.
        Error is |estimated − measured| ÷ measured; points on the dashed diagonal are exact.
      </p>
      <ResponsiveContainer width="100%" height={360}>
        <ScatterChart margin={{ top: 12, right: 24, bottom: 20, left: 24 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" />
          <XAxis
            {...logAxis}
            dataKey="measured"
            name="measured"
            label={{ value: 'measured tok/s (log)', position: 'insideBottom', offset: -10, ...AXIS_TICK }}
          />
          <YAxis
            {...logAxis}
            dataKey="predicted"
            name="estimated"
            label={{
              value: 'estimated tok/s (log)',
              angle: -90,
              position: 'insideLeft',
              style: { textAnchor: 'middle' },
              ...AXIS_TICK,
            }}
          />
          <Tooltip
            isAnimationActive={false}
            content={({ active, payload }) => {
              const p = active ? (payload[0]?.payload as AccuracyPoint | undefined) : undefined;
              if (!p) return null;
              return (
                <div className="chart-tooltip">
                  <div className="tooltip-title">{p.label}</div>
                  <div className="tooltip-hint">{p.build}</div>
                  <div>
                    measured {formatSig3(p.measured)}, estimated {formatSig3(p.predicted)}
                  </div>
                </div>
              );
            }}
          />
          <ReferenceLine
            segment={[
              { x: lo, y: lo },
              { x: hi, y: hi },
            ]}
            stroke="var(--text-muted)"
            strokeDasharray="4 4"
            ifOverflow="hidden"
          />
          <Legend wrapperStyle={{ fontSize: 13, paddingTop: 12 }} />
          <Scatter name="decode" data={series('decode_tps', false)} fill="var(--series-1)" isAnimationActive={false} />
          <Scatter
            name="decode, mixture of experts"
            data={series('decode_tps', true)}
            fill="var(--series-1)"
            shape="triangle"
            isAnimationActive={false}
          />
          <Scatter
            name="prefill"
            data={series('prefill_tps', false)}
            fill="var(--series-2)"
            isAnimationActive={false}
          />
          <Scatter
            name="prefill, mixture of experts"
            data={series('prefill_tps', true)}
            fill="var(--series-2)"
            shape="triangle"
            isAnimationActive={false}
          />
        </ScatterChart>
      </ResponsiveContainer>
      <div className="table-wrap" tabIndex={0} role="region" aria-label="Accuracy by quantity and backend">
        <table className="data-table" data-testid="accuracy-table">
          <thead>
            <tr>
              <th scope="col">Quantity</th>
              <th scope="col">Backend</th>
              <th scope="col" className="num">
                N
              </th>
              <th scope="col" className="num">
                Median error
              </th>
              <th scope="col" className="num">
                <abbr title="90th percentile of the error">p90</abbr>
              </th>
              <th scope="col" className="num">
                <abbr title="Spearman rank correlation of estimated and measured">Rank corr.</abbr>
              </th>
              <th scope="col">Worst case</th>
            </tr>
          </thead>
          <tbody>
            {data.rows.map((r) => (
              <tr key={`${r.quantity}|${r.backend}`}>
                <th scope="row">{QUANTITY_LABEL[r.quantity] ?? r.quantity}</th>
                <td>{BACKEND_LABEL[r.backend] ?? r.backend}</td>
                <td className="num">{r.n}</td>
                <td className="num">{pct(r.median)}</td>
                <td className="num">{pct(r.p90)}</td>
                <td className="num">{Number.isFinite(r.spearman) ? r.spearman.toFixed(2) : '–'}</td>
                <td className="worst-case">
                  {pct(r.worst)}: {r.worstLabel}
                  <span className="worst-build" title={r.worstBuild}>
                    {r.worstBuild}
                  </span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <KeptAndSources excluded={data.excluded} sources={data.sources} />
    </>
  );
}
