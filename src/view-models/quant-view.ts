import { DEFAULT_MAX_LOSS, lossFor, measuredOnWords } from '../planning/format-choice';
import type { Verdict } from '../core/fit';
import { WEIGHT_FORMATS } from '../core/formats/weight-formats';
import { RUNTIMES } from '../core/runtimes/registry';
import { formatFixed, formatGiB, formatSig3 } from './format-units';
import { quantQualityView, type QuantQualityView } from './quant-quality';
import { estimateFor, type Scenario } from './scenario';

/** Every format the runtime loads, side by side, for the selected model on the selected GPUs. */

export interface QuantRow {
  readonly formatId: string;
  readonly label: string;
  readonly chosen: boolean;
  readonly bitsPerWeight: number;
  readonly bitsLabel: string;
  readonly fileSizeLabel: string;
  readonly memoryLabel: string;
  readonly verdict: Verdict;
  readonly decodeLabel: string;
  readonly qualityLabel: string;
  readonly qualityDetail: string;
  readonly qualitySource: string | null;
}

export interface QuantView {
  readonly title: string;
  readonly rows: readonly QuantRow[];
  /** Loss against size and the format the quality rule picks (the chart above the table). */
  readonly quality: QuantQualityView;
}

export function quantView(s: Scenario, maxLoss = DEFAULT_MAX_LOSS): QuantView {
  const m = s.selectedModel;
  const p = s.selectedPool;
  const families = RUNTIMES[s.runtime].formatFamilies;
  const chosen = new Set(s.formats.map((f) => f.id));
  // MXFP4 formats only differ from Q8_0/BF16 on mixture-of-experts models.
  const formats = WEIGHT_FORMATS.filter(
    (f) =>
      families.includes(f.family) &&
      f.id !== 'f32' &&
      f.id !== 'gguf-f32' &&
      (m.moe || (f.id !== 'MXFP4_MOE' && f.family !== 'mxfp4')),
  );
  const rows: QuantRow[] = [];
  for (const f of formats) {
    const r = estimateFor(s, m, p, f);
    if (!r.ok) continue;
    const e = r.value;
    // The model's own figure, else its family's, else the reference model's: named when borrowed.
    const q = lossFor({ key: m.key, family: m.family }, f);
    const from = q ? measuredOnWords({ key: m.key }, q) : '';
    const qualityLabel = q ? q.published : 'unknown';
    const detailParts = q
      ? [q.measuredOn === null ? '' : from || 'measured on this model', q.date ?? ''].filter(Boolean)
      : ['no published measurement'];
    rows.push({
      formatId: f.id,
      label: f.label,
      chosen: chosen.has(f.id),
      bitsPerWeight: e.weights.bitsPerWeight,
      bitsLabel: formatFixed(e.weights.bitsPerWeight, 2),
      fileSizeLabel: formatGiB(e.memory.weightsBytes),
      memoryLabel: formatGiB(e.memory.deviceBytes),
      verdict: e.fit.verdict,
      decodeLabel: e.fit.verdict === 'no' ? '–' : `${formatSig3(e.speed.decodeTokensPerSecond)} tok/s`,
      qualityLabel,
      qualityDetail: detailParts.join(', '),
      qualitySource: q?.source ?? null,
    });
  }
  rows.sort((a, b) => b.bitsPerWeight - a.bitsPerWeight);
  return { title: `${m.name} on ${p.label}`, rows, quality: quantQualityView(s, formats, maxLoss) };
}
