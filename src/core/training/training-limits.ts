import type { Verdict } from '../fit';
import { estimateTrainingUnchecked, type TrainingInput } from './estimate-training';

const runs = (v: Verdict) => v === 'fits' || v === 'tight';

/**
 * The largest value of one setting (≤ limit) at which the run still fits (fits or tight), 0 if
 * none: memory grows with the sequence and the micro-batch, so a binary search finds it.
 */
function largest(input: TrainingInput, limit: number, at: (n: number) => TrainingInput): number {
  const fitsAt = (n: number) => runs(estimateTrainingUnchecked(at(n)).fit.verdict);
  if (limit < 1 || !fitsAt(1)) return 0;
  if (fitsAt(limit)) return limit;
  let lo = 1;
  let hi = limit;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (fitsAt(mid)) lo = mid;
    else hi = mid;
  }
  return lo;
}

/** Longest sequence per micro-batch that fits. */
export function maxTrainingSeq(input: TrainingInput, limit: number): number {
  return largest(input, limit, (seqTokens) => ({ ...input, settings: { ...input.settings, seqTokens } }));
}

/** Largest micro-batch of this sequence length that fits. */
export function maxMicroBatch(input: TrainingInput, limit: number): number {
  return largest(input, limit, (microBatch) => ({ ...input, settings: { ...input.settings, microBatch } }));
}
