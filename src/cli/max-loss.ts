import type { WeightFormat } from '../core/formats/weight-formats';
import { DEFAULT_MAX_LOSS, lossFor, MAX_LOSS_RANGE, measuredOnWords } from '../planning/format-choice';
import { parseNumber } from './parse-values';

/** The --max-loss flag of plan and can-run: a mean-KLD threshold (planning/format-choice.ts). */
export const MAX_LOSS_OPTION = { 'max-loss': { type: 'string' } } as const;

export const MAX_LOSS_HELP = `  --max-loss <KLD>              pick the smallest format whose published quality loss is at most this
                                mean KL divergence from the 16-bit model, in nats (e.g. ${DEFAULT_MAX_LOSS}; ≈ +1%
                                perplexity or 99% of the benchmark score), from ${MAX_LOSS_RANGE.min} to ${MAX_LOSS_RANGE.max},
                                and keep at least 1 GiB and 5% of GPU memory free`;

/** The threshold, or undefined when the flag is absent (the largest format that fits is taken). */
export function parseMaxLoss(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  return parseNumber('--max-loss', raw, 'nats of mean KL divergence (e.g. 0.01)', { ...MAX_LOSS_RANGE, whole: false });
}

/** "mean KLD 0.00545, figure from Llama 3 8B": the published figure behind a chosen format. */
export function lossWords(modelKey: string, format: WeightFormat): string {
  const l = lossFor({ key: modelKey }, format);
  if (!l) return 'no published figure';
  const from = measuredOnWords({ key: modelKey }, l);
  return from ? `${l.published}, ${from}` : l.published;
}
