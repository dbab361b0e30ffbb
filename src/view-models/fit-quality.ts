import { MODELS } from '../catalog/catalog';
import { qualityCost } from '../catalog/quality';
import { formatSig3 } from './format-units';

/**
 * The published quality cost of a weight format for a model, in words: "perplexity +3.1% over
 * 16-bit, measured on Llama 3 8B" (catalog/quality.ts picks the row and the reference model).
 */
export function formatQualityWords(modelKey: string, format: string): string {
  const q = qualityCost(modelKey, format);
  if (!q) return 'no published quality measurement for this format';
  const on =
    q.measuredOn === modelKey
      ? 'measured on this model'
      : `measured on ${MODELS.find((m) => m.id === q.measuredOn)?.name ?? q.measuredOn}`;
  if (q.pplIncreasePct !== null) return `perplexity +${formatSig3(Math.max(0, q.pplIncreasePct))}% over 16-bit, ${on}`;
  if (q.recoveryPct !== null) return `keeps ${formatSig3(q.recoveryPct)}% of the 16-bit score, ${on}`;
  if (q.meanKld !== null) return `mean KL divergence ${formatSig3(q.meanKld)} from 16-bit, ${on}`;
  return 'no published quality measurement for this format';
}
