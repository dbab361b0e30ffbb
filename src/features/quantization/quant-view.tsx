import { VerdictBadge } from '../../components/verdict-badge';
import type { QuantView as QuantViewModel } from '../../view-models/quant-view';

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
        Quality cost is the published perplexity increase over the 16-bit model (wikitext-2) and mean KL divergence;
        where no measurement exists for this model the closest published one is named, and “unknown” means none was
        found.
      </p>
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
