import { maxContext, memoryComponents, type MemoryComponentId } from '../core/estimate';
import { MEMORY_PARTS } from './memory-parts';
import { formatContext, formatGiB } from './format-units';
import { contextFor, estimateFor, estimateInput, type Scenario } from './scenario';

/** Memory breakdown per format and memory against context, for the selected model × GPU pool. */

const GiB = 1024 ** 3;

export interface BreakdownBar {
  readonly format: string;
  /** GiB on the devices per memory component id, for the chart axis. */
  readonly values: Readonly<Partial<Record<MemoryComponentId, number>>>;
  readonly totalLabel: string;
  /** GiB of weights kept in system RAM (the embedding table, experts of --cpu-moe), drawn beside. */
  readonly hostWeights: number;
}

export interface BreakdownSeries {
  readonly id: MemoryComponentId;
  readonly label: string;
  readonly colour: string;
}

export interface MemoryBreakdownView {
  readonly title: string;
  readonly bars: readonly BreakdownBar[];
  /** The components present, in stacking order. */
  readonly series: readonly BreakdownSeries[];
  /** Usable memory of the pool, GiB. */
  readonly capacity: number;
  readonly capacityLabel: string;
  readonly maxGiB: number;
  /** The hatched bar of weights in system RAM, in the weights' colour; null when none stay there. */
  readonly host: { readonly label: string; readonly colour: string } | null;
}

export function memoryBreakdownView(s: Scenario): MemoryBreakdownView {
  const m = s.selectedModel;
  const p = s.selectedPool;
  let capacity = 0;
  let tallest = 0;
  const bars: BreakdownBar[] = [];
  const present = new Set<MemoryComponentId>();
  for (const f of s.formats) {
    const r = estimateFor(s, m, p, f);
    if (!r.ok) continue;
    const e = r.value;
    capacity = e.fit.usableBytes / GiB;
    // The device share of each part (llama.cpp leaves the input embedding in system RAM).
    const values: Partial<Record<MemoryComponentId, number>> = {};
    for (const c of memoryComponents(e.memory)) {
      values[c.id] = (c.bytes - c.hostBytes) / GiB;
      present.add(c.id);
    }
    tallest = Math.max(tallest, e.memory.deviceBytes / GiB, e.memory.hostWeightsBytes / GiB);
    bars.push({
      format: f.label,
      values,
      totalLabel: formatGiB(e.memory.deviceBytes),
      hostWeights: e.memory.hostWeightsBytes / GiB,
    });
  }
  const series = (Object.keys(MEMORY_PARTS) as MemoryComponentId[])
    .filter((id) => present.has(id))
    .map((id) => ({ id, label: MEMORY_PARTS[id].label, colour: MEMORY_PARTS[id].colour }));
  tallest = Math.max(tallest, capacity);
  return {
    title: `${m.name} on ${p.label}, ${formatContext(contextFor(s, m))} context × ${s.batch}`,
    bars,
    series,
    capacity,
    capacityLabel: `usable ${formatGiB(capacity * GiB)}`,
    maxGiB: tallest * 1.08,
    host: bars.some((b) => b.hostWeights > 0)
      ? { label: `${MEMORY_PARTS.weights.label} in system RAM`, colour: MEMORY_PARTS.weights.colour }
      : null,
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
  const samples = contextSamples(m.scaledContextLimit);
  const series: ContextSeries[] = s.formats.map((f, i) => {
    const max = maxContext(estimateInput(s, m, p, f), m.scaledContextLimit);
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
  return { points, series, capacity, limit: m.scaledContextLimit };
}
