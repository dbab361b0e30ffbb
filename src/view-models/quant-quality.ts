import type { WeightFormat } from '../core/formats/weight-formats';
import { explainChoice, formatsWithinLoss, hasMargin, lossFor, measuredOnWords } from '../planning/format-choice';
import { formatGiB } from './format-units';
import { estimateFor, type Scenario } from './scenario';

/** Quality loss against size for the selected model's formats, and the format the rule picks. */

export interface QualityPoint {
  readonly formatId: string;
  readonly label: string;
  /** Weights in memory, GiB (the chart's x). */
  readonly sizeGiB: number;
  readonly sizeLabel: string;
  /** Published loss on the mean-KLD scale (the chart's y; catalog/quality.ts). */
  readonly loss: number;
  /** "mean KLD 0.00545 (figure from Llama 3 8B)". */
  readonly published: string;
  /** No smaller format has a lower published loss. */
  readonly pareto: boolean;
  /** The format the rule picks for this model on the selected GPUs. */
  readonly recommended: boolean;
  /** Runs on the selected GPUs with the margin free. */
  readonly fitsWithMargin: boolean;
}

export interface QuantQualityView {
  readonly points: readonly QualityPoint[];
  readonly maxLoss: number;
  /** One sentence: the pick and why, or why there is none. */
  readonly recommendation: string;
  /** Where the pick's figure was published (shown as a link after the sentence). */
  readonly recommendationSource: string | null;
  /** The 16-bit size the losses are measured against. */
  readonly baselineLabel: string;
}

/**
 * Formats with a published figure, plotted by weight size against loss; 16-bit is the zero the
 * losses are measured from, so it is named in words instead of plotted (a log axis has no zero).
 */
export function quantQualityView(s: Scenario, formats: readonly WeightFormat[], maxLoss: number): QuantQualityView {
  const m = s.selectedModel;
  const p = s.selectedPool;
  const choiceModel = { key: m.key, family: m.family, name: m.name };
  let pick: { format: WeightFormat; sentence: string; source: string | null } | null = null;
  for (const f of formatsWithinLoss(s.runtime, [choiceModel], maxLoss)) {
    const r = estimateFor(s, m, p, f);
    const v = r.ok ? r.value.fit.verdict : 'no';
    if (r.ok && (v === 'fits' || v === 'tight') && hasMargin(r.value)) {
      pick = {
        format: f,
        sentence: explainChoice(choiceModel, f, maxLoss, r.value, false),
        source: lossFor(choiceModel, f)?.source ?? null,
      };
      break;
    }
  }
  const raw: Omit<QualityPoint, 'pareto'>[] = [];
  let baselineLabel = '';
  for (const f of formats) {
    const l = lossFor(choiceModel, f);
    const r = estimateFor(s, m, p, f);
    if (!l || !r.ok) continue;
    const e = r.value;
    if (l.loss === 0 && f.bits === 16) {
      baselineLabel ||= formatGiB(e.memory.weightsBytes);
      continue;
    }
    const from = measuredOnWords(choiceModel, l);
    raw.push({
      formatId: f.id,
      label: f.label,
      sizeGiB: e.memory.weightsBytes / 1024 ** 3,
      sizeLabel: formatGiB(e.memory.weightsBytes),
      // A lossless released format sits at the axis floor rather than at a zero the log scale cannot show.
      loss: Math.max(l.loss, 1e-3),
      published: from ? `${l.published} (${from})` : l.published,
      recommended: pick?.format.id === f.id,
      fitsWithMargin: (e.fit.verdict === 'fits' || e.fit.verdict === 'tight') && hasMargin(e),
    });
  }
  raw.sort((a, b) => a.sizeGiB - b.sizeGiB || a.loss - b.loss);
  let best = Infinity;
  const points = raw.map((q) => {
    const pareto = q.loss < best;
    if (pareto) best = q.loss;
    return { ...q, pareto };
  });
  return {
    points,
    maxLoss,
    recommendation:
      pick?.sentence ??
      `No format within ${maxLoss} KLD of 16-bit fits ${p.label} with 1 GiB and 5% of memory free; the chart shows what each format would cost.`,
    recommendationSource: pick?.source ?? null,
    baselineLabel,
  };
}
