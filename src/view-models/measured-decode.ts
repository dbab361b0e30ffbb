import type { Measurement } from '../catalog/measurement-schema';
import type { RuntimeId } from '../core/runtimes/registry';
import { formatSig3 } from './format-units';

/** The configuration on screen, as a published decode measurement would record it. */
export interface MeasuredQuery {
  readonly model: string;
  readonly format: string;
  readonly runtime: RuntimeId;
  readonly gpu: string;
  readonly gpuCount: number;
  readonly batch: number;
}

export interface MeasuredNote {
  readonly text: string;
  readonly source: string;
}

/** The newest decode speed published for exactly this model, format, runtime, GPUs and batch. */
export function measuredDecode(q: MeasuredQuery, measurements: readonly Measurement[]): MeasuredNote | null {
  let best: Measurement | undefined;
  for (const m of measurements) {
    if (
      m.quantity === 'decode_tps' &&
      !m.excluded &&
      m.model === q.model &&
      m.format === q.format &&
      m.runtime === q.runtime &&
      m.gpu === q.gpu &&
      m.gpuCount === q.gpuCount &&
      (m.batch ?? 1) === q.batch &&
      (!best || m.date > best.date)
    )
      best = m;
  }
  if (!best) return null;
  const test = `tg${best.generatedTokens ?? ''}${best.contextDepth ? ` at depth ${best.contextDepth}` : ''}`;
  return {
    text: `measured ${formatSig3(best.value)} tok/s (${test}, ${best.build}, ${best.date})`,
    source: best.source,
  };
}
