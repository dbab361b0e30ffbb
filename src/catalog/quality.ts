import qualityJson from '../../data/quality.json';
import type { QualityEntry } from './schema';

/** Published quality cost of weight formats (data/quality.json, validated at build: data-files.ts). */
export const QUALITY = (qualityJson as unknown as { readonly entries: readonly QualityEntry[] }).entries;

const REFERENCE_MODELS = ['llama-3-8b', 'llama-3-1-8b', 'llama-2-7b', 'llama-7b'];

/**
 * One published figure turned into a single loss number on the scale of mean KL divergence from
 * the 16-bit model (nats), so that formats measured different ways can be held to one threshold:
 * - mean KLD: as published;
 * - perplexity: ln(PPL(quant)/PPL(16-bit)), which tracks mean KLD closely for llama.cpp's k-quants
 *   (https://github.com/ggml-org/llama.cpp/pull/5076, Mistral-7B), so +1% perplexity ≈ 0.01;
 * - benchmark averages: each point of the 16-bit score lost counts 0.01 (99% recovery ≈ 0.01), a
 *   convention, not an equivalence; a quantized model scoring higher counts as no loss.
 */
export interface QualityLoss {
  readonly loss: number;
  /** The figure as published, in words: "mean KLD 0.0055", "+0.89% perplexity". */
  readonly published: string;
  /** Catalogue id of the model it was measured on; null for 16-bit formats (no loss by definition). */
  readonly measuredOn: string | null;
  readonly source: string | null;
  readonly date: string | null;
}

const SIXTEEN_BIT = new Set(['f16', 'bf16', 'gguf-f16', 'gguf-bf16', 'f32', 'gguf-f32']);

const pct = (x: number) => `${Number(x.toPrecision(3))}%`;

function lossFrom(e: QualityEntry): { loss: number; published: string } | null {
  switch (e.metric) {
    case 'kld-mean':
      return { loss: e.value, published: `mean KLD ${Number(e.value.toPrecision(3))}` };
    case 'ln-ppl-ratio':
      return { loss: Math.max(0, e.value), published: `+${pct((Math.exp(e.value) - 1) * 100)} perplexity` };
    case 'ppl-wikitext2':
      if (!e.baseline) return null;
      return {
        loss: Math.max(0, Math.log(e.value / e.baseline)),
        published: `+${pct(Math.max(0, (e.value / e.baseline - 1) * 100))} perplexity`,
      };
    case 'ppl-ratio':
      return {
        loss: Math.max(0, Math.log(e.value)),
        published: `+${pct(Math.max(0, (e.value - 1) * 100))} perplexity`,
      };
    case 'ppl-delta-pct':
      return { loss: Math.max(0, Math.log1p(e.value / 100)), published: `+${pct(Math.max(0, e.value))} perplexity` };
    case 'benchmark-score':
      if (!e.baseline) return null;
      return recovery((e.value / e.baseline) * 100);
    case 'openllm-v1-recovery-pct':
      return recovery(e.value);
  }
}

function recovery(r: number): { loss: number; published: string } {
  return { loss: Math.max(0, (100 - r) / 100), published: `${pct(r)} of the 16-bit benchmark score` };
}

// Most direct first: KLD compares whole token distributions, perplexity one number of them,
// benchmark averages only right answers.
const METRIC_ORDER: readonly QualityEntry['metric'][] = [
  'kld-mean',
  'ln-ppl-ratio',
  'ppl-wikitext2',
  'ppl-ratio',
  'ppl-delta-pct',
  'benchmark-score',
  'openllm-v1-recovery-pct',
];

/**
 * The published loss of `format`: measured on the model itself, else on another catalogue model
 * of its family (`familyModels`, in catalogue order), else on the reference models; null when no
 * source measured it. Plain rows (no importance matrix) are preferred: they describe the plain file type.
 */
export function qualityLoss(model: string, familyModels: readonly string[], format: string): QualityLoss | null {
  if (SIXTEEN_BIT.has(format))
    return { loss: 0, published: 'the 16-bit weights', measuredOn: null, source: null, date: null };
  const candidates = QUALITY.filter((e) => e.format === format && e.variant === undefined);
  for (const m of [model, ...familyModels, ...REFERENCE_MODELS]) {
    const rows = candidates.filter((e) => e.model === m);
    if (rows.length === 0) continue;
    const ordered = [...rows.filter((e) => e.imatrix === null), ...rows.filter((e) => e.imatrix !== null)];
    for (const metric of METRIC_ORDER) {
      const row = ordered.find((e) => e.metric === metric);
      const l = row ? lossFrom(row) : null;
      if (row && l) return { ...l, measuredOn: m, source: row.source, date: row.date ?? null };
    }
  }
  return null;
}
