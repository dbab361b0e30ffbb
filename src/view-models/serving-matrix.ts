import { RUNTIMES } from '../core/runtimes/registry';
import type { ServingState } from '../url/serving-state';
import { formatContext, formatGiB, formatSig3 } from './format-units';
import { matrixAxes } from './matrix-axes';
import type { MatrixCell, MatrixView } from './matrix-view';
import type { Scenario } from './scenario';
import { servingFor } from './serving-for';

const count = (n: number) => n.toLocaleString('en-US');

/**
 * The Serve task's matrix: each cell holds the most concurrent users who each get the floor, on
 * the pool the engine builds. Fits: at least the users asked for (one when the question is "how
 * many"); tight: some, but fewer; no: the engine would not start, or not even one user gets it.
 */
export function servingMatrixView(s: Scenario, serving: ServingState): MatrixView {
  const format = s.formats[0];
  if (!format) throw new Error('no format chosen');
  const { rows, columns, capped } = matrixAxes(s);
  const wanted = serving.users ?? 1;
  const floor = formatSig3(serving.minTps);
  const engine = RUNTIMES[s.runtime].label;
  const cells = s.models.map((m) =>
    s.pools.map((p): MatrixCell => {
      const title = `${m.name} · ${format.label} on ${serving.nodes > 1 ? `${serving.nodes} × ` : ''}${p.label}`;
      const base = { modelKey: m.key, poolKey: p.key, decodeTokensPerSecond: null, memory: null, title };
      const r = servingFor(s, serving, m, p, format, 'summary');
      if (!r.ok) {
        return {
          ...base,
          verdict: 'error',
          speedLabel: '',
          ariaLabel: `${m.name} on ${p.label}: ${r.error}`,
          verdictText: r.error,
          speedText: '',
        };
      }
      const e = r.value;
      if (!e.pool.startsUp) {
        const text = `${engine} would not start: the longest request its pool holds is ${count(e.pool.maxRequestTokens)} tokens`;
        return {
          ...base,
          verdict: 'no',
          speedLabel: '',
          ariaLabel: `${m.name} on ${p.label}: ${text}`,
          verdictText: text,
          speedText: '',
        };
      }
      const users = e.maxUsersAtFloor ?? 0;
      const verdict = users >= wanted ? 'fits' : users > 0 ? 'tight' : 'no';
      const verdictText =
        users > 0 ? `serves ${count(users)} users at ≥ ${floor} tok/s each` : `not even one user gets ${floor} tok/s`;
      const speedText = `pool ${formatGiB(e.perGpu.kvPoolBytes)}${e.layout.gpus > 1 ? '/GPU' : ''}, ${count(e.pool.maxConcurrentSequences)} at once`;
      return {
        ...base,
        verdict,
        speedLabel: formatSig3(users),
        ariaLabel: `${m.name} on ${p.label}: ${verdictText}; ${speedText}`,
        verdictText,
        speedText,
      };
    }),
  );
  return {
    title: 'How many users each configuration serves',
    cellMeaning: `the most concurrent users who each get at least ${floor} tok/s, with ${formatContext(s.context)} per request and ${count(serving.output)}-token answers on ${engine}`,
    legend:
      serving.users === null
        ? [
            ['fits', 'serves users at the floor'],
            ['no', 'does not start, or no user gets the floor'],
          ]
        : [
            ['fits', `serves ${count(serving.users)} users or more at the floor`],
            ['tight', `serves fewer than ${count(serving.users)}`],
            ['no', 'does not start, or no user gets the floor'],
          ],
    formatLabel: format.label,
    contextNote: capped.length > 0 ? `Context capped at the model's limit for ${capped.join(', ')}.` : '',
    rows,
    columns,
    cells,
  };
}
