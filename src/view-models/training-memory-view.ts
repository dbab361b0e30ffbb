import type { MemoryComponentId } from '../core/estimate';
import { estimateTraining, trainingMemoryComponents } from '../core/training/estimate-training';
import { maxTrainingSeq } from '../core/training/training-limits';
import { TRAINING_METHODS, type TrainingMethod } from '../core/training/training-settings';
import type { TrainingLinkState } from '../url/training-state';
import { formatContext, formatGiB } from './format-units';
import { MEMORY_PARTS } from './memory-parts';
import { contextSamples, type BreakdownBar, type MemoryBreakdownView, type MemoryContextView } from './memory-view';
import type { Scenario } from './scenario';
import { trainingInputFor } from './training-scenario';
import { METHOD_LABEL } from './training-words';

/**
 * Memory of the selected model on the selected GPUs for each fine-tuning method side by side
 * (the chosen one first), per GPU at the peak, against what one GPU can use; and memory against the
 * sequence length with the longest sequence that fits.
 */

const GiB = 1024 ** 3;

/** Stacking order, bottom up: what the model needs, then what training adds, then the overhead. */
const TRAINING_PARTS: readonly MemoryComponentId[] = [
  'weights',
  'gradients',
  'optimizer',
  'activations',
  'logits',
  'overhead',
];

/** Samples stop once every method needs more than this many times what a GPU can use. */
const BEYOND_CAPACITY = 3;

/** The chosen method first, then the others in the order full, LoRA, QLoRA. */
export function methodsToCompare(chosen: TrainingMethod): TrainingMethod[] {
  return [chosen, ...TRAINING_METHODS.filter((m) => m !== chosen)];
}

export function trainingBreakdownView(s: Scenario, t: TrainingLinkState): MemoryBreakdownView {
  const m = s.selectedModel;
  const p = s.selectedPool;
  const chosen = trainingInputFor(t, m, p).settings.method;
  let capacity = 0;
  let tallest = 0;
  const bars: BreakdownBar[] = [];
  const present = new Set<MemoryComponentId>();
  for (const method of methodsToCompare(chosen)) {
    const r = estimateTraining(trainingInputFor(t, m, p, method));
    if (!r.ok) continue;
    const e = r.value;
    capacity = e.fit.usableBytes / GiB;
    const values: Partial<Record<MemoryComponentId, number>> = {};
    for (const c of trainingMemoryComponents(e.memory)) {
      values[c.id] = c.bytes / GiB;
      if (c.bytes > 0) present.add(c.id);
    }
    tallest = Math.max(tallest, e.memory.peakPerDeviceBytes / GiB);
    bars.push({
      format: `${METHOD_LABEL[method]}${method === chosen ? ' (chosen)' : ''}`,
      values,
      totalLabel: formatGiB(e.memory.peakPerDeviceBytes),
      // Offloaded optimizer states and parameters are in the parts' own bars (training offload).
      hostWeights: 0,
    });
  }
  const series = TRAINING_PARTS.filter((id) => present.has(id)).map((id) => ({
    id,
    label: MEMORY_PARTS[id].label,
    colour: MEMORY_PARTS[id].colour,
  }));
  tallest = Math.max(tallest, capacity);
  const perGpu = p.devices.length > 1 ? ' (per GPU)' : '';
  return {
    title: `${m.name} on ${p.label}, ${t.microBatch} × ${formatContext(Math.min(t.seqTokens, m.contextLimit))} tokens per GPU${perGpu}`,
    bars,
    series,
    host: null,
    capacity,
    capacityLabel: `usable ${formatGiB(capacity * GiB)}${perGpu}`,
    maxGiB: tallest * 1.08,
  };
}

export function trainingSeqView(s: Scenario, t: TrainingLinkState): MemoryContextView {
  const m = s.selectedModel;
  const p = s.selectedPool;
  const chosen = trainingInputFor(t, m, p).settings.method;
  const methods = methodsToCompare(chosen);
  const series = methods.map((method, i) => {
    const max = maxTrainingSeq(trainingInputFor(t, m, p, method), m.contextLimit);
    return {
      key: `s${i}`,
      label: METHOD_LABEL[method],
      maxContext: max,
      maxContextLabel: max > 0 ? `sequences of up to ${formatContext(max)} tokens fit` : 'does not fit at any length',
    };
  });
  let capacity = 0;
  const points: Record<string, number>[] = [];
  for (const seq of contextSamples(m.contextLimit)) {
    const point: Record<string, number> = { context: seq };
    let smallest = Infinity;
    methods.forEach((method, i) => {
      const r = estimateTraining(trainingInputFor({ ...t, seqTokens: seq }, m, p, method));
      if (!r.ok) return;
      capacity = r.value.fit.usableBytes / GiB;
      point[`s${i}`] = r.value.memory.peakPerDeviceBytes / GiB;
      smallest = Math.min(smallest, r.value.memory.peakPerDeviceBytes / GiB);
    });
    points.push(point);
    // Far past what fits, the curves only flatten the part of the chart that matters.
    if (points.length >= 3 && smallest > BEYOND_CAPACITY * capacity) break;
  }
  const limit = points[points.length - 1]?.['context'] ?? m.contextLimit;
  return { points, series, capacity, limit };
}
