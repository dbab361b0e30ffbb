import { METHOD_LABEL, trainingVerdictWords } from './training-words';
import { formatDuration, formatDurationShort } from './format-duration';
import { formatGiB } from './format-units';
import type { MatrixCell, MatrixView } from './matrix-view';
import { matrixAxes } from './matrix-axes';
import type { Scenario } from './scenario';
import { trainingEstimateFor, trainingInputFor } from './training-scenario';
import { formatTrainingSpeed } from './training-range';
import type { TrainingLinkState } from '../url/training-state';

/**
 * The fit matrix for fine-tuning: each cell the verdict of the run on that GPU pool and the time
 * of one epoch over the dataset (DESIGN: "hours per epoch").
 */
export function trainingMatrixView(s: Scenario, t: TrainingLinkState): MatrixView {
  const { rows, columns } = matrixAxes(s);
  const first = s.models[0];
  const firstPool = s.pools[0];
  const method = first && firstPool ? trainingInputFor(t, first, firstPool).settings.method : 'lora';
  const capped = s.models.filter((m) => m.contextLimit < t.seqTokens).map((m) => m.name);
  const cells = s.models.map((m) =>
    s.pools.map((p): MatrixCell => {
      const r = trainingEstimateFor(t, m, p);
      const title = `${m.name} · ${METHOD_LABEL[method]} on ${p.label}`;
      if (!r.ok) {
        return {
          modelKey: m.key,
          poolKey: p.key,
          verdict: 'error',
          speedLabel: '',
          decodeTokensPerSecond: null,
          ariaLabel: `${m.name} on ${p.label}: ${r.error}`,
          memory: null,
          title,
          verdictText: r.error,
          speedText: '',
        };
      }
      const e = r.value;
      const runs = e.fit.verdict === 'fits' || e.fit.verdict === 'tight';
      const epochSeconds = runs && e.time ? e.time.totalSeconds / t.epochs : null;
      const label = epochSeconds === null ? '' : formatDurationShort(epochSeconds);
      return {
        modelKey: m.key,
        poolKey: p.key,
        verdict: e.fit.verdict,
        speedLabel: label,
        decodeTokensPerSecond: e.time && runs ? e.time.tokensPerSecond : null,
        // The cell's own text ("16.2h") is part of its name, as accessible-name rules ask.
        ariaLabel: `${m.name} on ${p.label}: ${trainingVerdictWords(e)}${epochSeconds === null ? '' : `, ${label} per epoch`}`,
        memory: null,
        title,
        verdictText: `${trainingVerdictWords(e)} (peak ${formatGiB(e.memory.peakPerDeviceBytes)} per GPU)`,
        speedText:
          epochSeconds === null || !e.time
            ? ''
            : `${formatTrainingSpeed(e.time.tokensPerSecond)} · ${formatDuration(epochSeconds)} per epoch`,
      };
    }),
  );
  return {
    title: 'Which models can be fine-tuned on which GPUs',
    cellMeaning: 'the time one epoch over the dataset takes',
    legend: null,
    formatLabel: METHOD_LABEL[method],
    contextNote: capped.length > 0 ? `Sequence capped at the model's context for ${capped.join(', ')}.` : '',
    rows,
    columns,
    cells,
  };
}
