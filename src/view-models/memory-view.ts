import { maxContext } from '../core/estimate';
import { formatContext, formatGiB } from './format-units';
import { contextFor, estimateFor, estimateInput, type Scenario } from './scenario';

/** Memory breakdown per format and memory against context, for the selected model × GPU pool. */

const GiB = 1024 ** 3;

export interface BreakdownBar {
  readonly format: string;
  /** GiB, for the chart axis. */
  readonly weights: number;
  readonly kvCache: number;
  readonly activations: number;
  readonly overhead: number;
  readonly totalLabel: string;
}

export interface MemoryBreakdownView {
  readonly title: string;
  readonly bars: readonly BreakdownBar[];
  /** Usable memory of the pool, GiB. */
  readonly capacity: number;
  readonly capacityLabel: string;
  readonly maxGiB: number;
}

export function memoryBreakdownView(s: Scenario): MemoryBreakdownView {
  const m = s.selectedModel;
  const p = s.selectedPool;
  let capacity = 0;
  const bars: BreakdownBar[] = [];
  for (const f of s.formats) {
    const r = estimateFor(s, m, p, f);
    if (!r.ok) continue;
    const e = r.value;
    capacity = e.fit.usableBytes / GiB;
    // The device share of weights: llama.cpp leaves the input embedding in system RAM.
    const weights = (e.memory.weightsBytes - e.memory.hostWeightsBytes) / GiB;
    const total = weights + (e.memory.kvCacheBytes + e.memory.activationBytes + e.memory.overheadBytes) / GiB;
    bars.push({
      format: f.label,
      weights,
      kvCache: e.memory.kvCacheBytes / GiB,
      activations: e.memory.activationBytes / GiB,
      overhead: e.memory.overheadBytes / GiB,
      totalLabel: formatGiB(total * GiB),
    });
  }
  const tallest = Math.max(capacity, ...bars.map((b) => b.weights + b.kvCache + b.activations + b.overhead));
  return {
    title: `${m.name} on ${p.label}, ${formatContext(contextFor(s, m))} context × ${s.batch}`,
    bars,
    capacity,
    capacityLabel: `usable ${formatGiB(capacity * GiB)}`,
    maxGiB: tallest * 1.08,
  };
}

export interface ContextSeries {
  readonly key: string;
  readonly label: string;
  readonly maxContext: number;
  readonly maxContextLabel: string;
}

export interface MemoryContextView {
  readonly points: readonly Record<string, number>[];
  readonly series: readonly ContextSeries[];
  readonly capacity: number;
  readonly limit: number;
}

/** Context sampled on a log scale from 512 tokens to the model's limit. */
export function contextSamples(limit: number): number[] {
  const out: number[] = [];
  for (let ctx = 512; ctx < limit; ctx *= 2) out.push(ctx);
  out.push(limit);
  return out;
}

export function memoryContextView(s: Scenario): MemoryContextView {
  const m = s.selectedModel;
  const p = s.selectedPool;
  const samples = contextSamples(m.contextLimit);
  const series: ContextSeries[] = s.formats.map((f, i) => {
    const max = maxContext(estimateInput(s, m, p, f), m.contextLimit);
    return {
      key: `s${i}`,
      label: f.label,
      maxContext: max,
      maxContextLabel: max > 0 ? `up to ${formatContext(max)} tokens fit` : 'does not fit at any context',
    };
  });
  let capacity = 0;
  const points = samples.map((ctx) => {
    const point: Record<string, number> = { context: ctx };
    s.formats.forEach((f, i) => {
      const r = estimateFor({ ...s, context: ctx }, m, p, f);
      if (!r.ok) return;
      capacity = r.value.fit.usableBytes / GiB;
      point[`s${i}`] = r.value.memory.deviceBytes / GiB;
    });
    return point;
  });
  return { points, series, capacity, limit: m.contextLimit };
}
