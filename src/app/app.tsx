import { useMemo } from 'react';
import { GPUS, MODELS, gpuDevice } from '../catalog/catalog';
import { gpuLabel } from '../catalog/lookup';
import { estimate } from '../core/estimate';
import { weightFormatById } from '../core/formats/weight-formats';
import { formatGiB, formatTokensPerSecond } from '../view-models/format-units';
import { VERDICT_LABEL } from '../view-models/verdict';

const FORMAT = weightFormatById('Q4_K_M');

/** First page: which catalogue models fit on each catalogue GPU at Q4_K_M with 8K context. */
export function App() {
  const rows = useMemo(
    () =>
      MODELS.map((m) => ({
        model: m,
        cells: GPUS.map((g) => {
          if (!FORMAT) return null;
          const r = estimate({
            arch: m.arch,
            format: FORMAT,
            contextTokens: Math.min(8192, m.contextLength),
            sequences: 1,
            kvCacheType: 'f16',
            runtime: 'llama.cpp',
            devices: [gpuDevice(g)],
          });
          return r.ok ? r.value : null;
        }),
      })),
    [],
  );
  return (
    <main>
      <h1>Headroom</h1>
      <p>
        Will this model fit on this GPU, at which precision, and how fast will it run? Q4_K_M, 8K context, llama.cpp.
      </p>
      <table>
        <thead>
          <tr>
            <th scope="col">Model</th>
            {GPUS.map((g) => (
              <th scope="col" key={g.id}>
                {gpuLabel(g)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map(({ model, cells }) => (
            <tr key={model.id}>
              <th scope="row">{model.name}</th>
              {cells.map((e, i) => (
                <td key={GPUS[i]?.id ?? i} title={e ? `needs ${formatGiB(e.memory.deviceBytes)}` : ''}>
                  {e
                    ? `${VERDICT_LABEL[e.fit.verdict]} · ${formatTokensPerSecond(e.speed.decodeTokensPerSecond)}`
                    : '–'}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </main>
  );
}
