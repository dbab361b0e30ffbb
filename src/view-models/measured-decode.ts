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

const key = (q: MeasuredQuery) => `${q.model}|${q.format}|${q.runtime}|${q.gpu}|${q.gpuCount}|${q.batch}`;

// The newest scored decode row per configuration, built once per measurement list.
const indexes = new WeakMap<readonly Measurement[], Map<string, Measurement>>();

function decodeIndex(measurements: readonly Measurement[]): Map<string, Measurement> {
  let index = indexes.get(measurements);
  if (index) return index;
  index = new Map();
  for (const m of measurements) {
    if (m.quantity !== 'decode_tps' || m.excluded || m.gpu === null) continue;
    const k = key({
      model: m.model,
      format: m.format,
      runtime: m.runtime,
      gpu: m.gpu,
      gpuCount: m.gpuCount,
      batch: m.batch ?? 1,
    });
    const before = index.get(k);
    if (!before || m.date > before.date) index.set(k, m);
  }
  indexes.set(measurements, index);
  return index;
}

/** The newest decode speed published for exactly this model, format, runtime, GPUs and batch. */
export function measuredDecode(q: MeasuredQuery, measurements: readonly Measurement[]): MeasuredNote | null {
  const best = decodeIndex(measurements).get(key(q));
  if (!best) return null;
  const test = `tg${best.generatedTokens ?? ''}${best.contextDepth ? ` at depth ${best.contextDepth}` : ''}`;
  return {
    text: `measured ${formatSig3(best.value)} tok/s (${test}, ${best.build}, ${best.date})`,
    source: best.source,
  };
}
