import { lazy, Suspense } from 'react';
import { ChartPlaceholder } from '../../components/chart-placeholder';
import { VerdictBadge } from '../../components/verdict-badge';
import type { QuantView as QuantViewModel } from '../../view-models/quant-view';

const QualityChart = lazy(() => import('./quality-chart'));
const CHART_HEIGHT = 320;

interface Props {
  readonly view: QuantViewModel;
  readonly onToggle: (formatId: string) => void;
}

/** Every format of the runtime side by side: size, memory, speed and published quality cost. */
export function QuantView({ view, onToggle }: Props) {
  return (
    <section className="view" aria-labelledby="quant-title">
      <h2 id="quant-title">Quantization: {view.title}</h2>
      <p className="view-intro">
        Quality cost is the published loss against the 16-bit model: mean KL divergence, perplexity increase or
        benchmark score kept. Where this model was not measured, a figure from its family or from Llama 3 8B is used and
        named next to it; “unknown” means none was found.
      </p>
      <p className="format-why" data-testid="quant-why">
        {view.quality.recommendation}
        {view.quality.recommendationSource && (
          <>
            {' '}
            <a href={view.quality.recommendationSource} target="_blank" rel="noreferrer">
              Source
            </a>
          </>
        )}
      </p>
      {view.quality.points.length > 0 && (
        <figure className="quality-figure">
          <Suspense fallback={<ChartPlaceholder height={CHART_HEIGHT} label="quality loss against size" />}>
            <QualityChart view={view.quality} />
          </Suspense>
          <figcaption className="footnote">
            Published loss on the mean-KLD scale (perplexity as ln of its ratio, benchmark scores as points lost ÷ 100)
            against the weights&apos; size; the 16-bit weights{' '}
            {view.quality.baselineLabel && `(${view.quality.baselineLabel}) `}are the zero it is measured from.
          </figcaption>
        </figure>
      )}
      <div className="table-wrap">
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">Format</th>
              <th scope="col" className="num">
                Bits/weight
              </th>
              <th scope="col" className="num">
                Weights
              </th>
              <th scope="col" className="num">
                Needed
              </th>
              <th scope="col">Verdict</th>
              <th scope="col" className="num">
                Decode
              </th>
              <th scope="col">Quality cost</th>
              <th scope="col">Compare</th>
            </tr>
          </thead>
          <tbody>
            {view.rows.map((r) => (
              <tr key={r.formatId} className={r.chosen ? 'row-chosen' : undefined}>
                <th scope="row">{r.label}</th>
                <td className="num">{r.bitsLabel}</td>
                <td className="num">{r.fileSizeLabel}</td>
                <td className="num">{r.memoryLabel}</td>
                <td>
                  <VerdictBadge verdict={r.verdict} />
                </td>
                <td className="num">{r.decodeLabel}</td>
                <td>
                  <span className="num">{r.qualityLabel}</span>
                  <span className="cell-detail">
                    {r.qualityDetail}
                    {r.qualitySource && (
                      <>
                        {' · '}
                        <a href={r.qualitySource} target="_blank" rel="noreferrer">
                          source
                        </a>
                      </>
                    )}
                  </span>
                </td>
                <td>
                  <label className="check">
                    <input type="checkbox" checked={r.chosen} onChange={() => onToggle(r.formatId)} />
                    <span className="visually-hidden">Compare {r.label}</span>
                  </label>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
