import { MODELS } from '../catalog/catalog';
import { weightFormatById } from '../core/formats/weight-formats';
import { lossFor } from '../planning/format-choice';

/**
 * The published quality cost of a weight format for a model, in words: "mean KLD 0.0044 against
 * 16-bit, measured on Llama 3 8B". The figure is the one the format choice uses (lossFor: the
 * model's own, else its family's, else a reference model's).
 */
export function formatQualityWords(modelKey: string, formatId: string): string {
  const format = weightFormatById(formatId);
  const q = format ? lossFor({ key: modelKey }, format) : null;
  if (!q) return 'no published quality measurement for this format';
  if (q.measuredOn === null) return q.published;
  const on =
    q.measuredOn === modelKey
      ? 'measured on this model'
      : `measured on ${MODELS.find((m) => m.id === q.measuredOn)?.name ?? q.measuredOn}`;
  return `${q.published}${q.published.includes('16-bit') ? '' : ' against 16-bit'}, ${on}`;
}
