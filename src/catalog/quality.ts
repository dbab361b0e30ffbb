import qualityJson from '../../data/quality.json';
import type { QualityEntry } from './schema';

/** Published quality cost of weight formats (data/quality.json, validated at build: data-files.ts). */
export const QUALITY = (qualityJson as unknown as { readonly entries: readonly QualityEntry[] }).entries;

export interface QualityCost {
  /** Perplexity increase over the 16-bit model, percent. */
  readonly pplIncreasePct: number | null;
  readonly meanKld: number | null;
  /** Share of the 16-bit model's benchmark score kept, percent. */
  readonly recoveryPct: number | null;
  /** The model it was measured on (may differ from the one on screen). */
  readonly measuredOn: string;
  readonly source: string;
  readonly software: string;
}

const REFERENCE_MODELS = ['llama-3-8b', 'llama-3-1-8b', 'llama-2-7b', 'llama-7b'];

/**
 * The published cost of `format`, measured on `model` when available, else on the reference
 * models in REFERENCE_MODELS order. Rows without an importance matrix and without variants are
 * preferred: they describe the plain file type.
 */
export function qualityCost(model: string, format: string): QualityCost | null {
  const candidates = QUALITY.filter((e) => e.format === format && e.variant === undefined);
  for (const m of [model, ...REFERENCE_MODELS]) {
    const rows = candidates.filter((e) => e.model === m);
    if (rows.length === 0) continue;
    const plain = rows.filter((e) => e.imatrix === null);
    const pick = (metric: QualityEntry['metric']) =>
      plain.find((e) => e.metric === metric) ?? rows.find((e) => e.metric === metric) ?? null;
    const ppl = pick('ppl-wikitext2');
    const ratio = pick('ppl-ratio');
    const delta = pick('ppl-delta-pct');
    const kld = pick('kld-mean');
    const recovery = pick('openllm-v1-recovery-pct');
    let pplIncreasePct: number | null = null;
    if (ppl?.baseline) pplIncreasePct = (ppl.value / ppl.baseline - 1) * 100;
    else if (ratio) pplIncreasePct = (ratio.value - 1) * 100;
    else if (delta) pplIncreasePct = delta.value;
    const first = ppl ?? ratio ?? delta ?? kld ?? recovery;
    if (!first) continue;
    return {
      pplIncreasePct,
      meanKld: kld?.value ?? null,
      recoveryPct: recovery?.value ?? null,
      measuredOn: m,
      source: first.source,
      software: first.software,
    };
  }
  return null;
}
