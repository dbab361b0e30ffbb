import type { Verdict } from '../core/fit';
import { estimateTraining, trainingMemoryComponents } from '../core/training/estimate-training';
import type { TrainingLinkState } from '../url/training-state';
import type { Explanation } from './explain';
import { formatDuration, formatTokens } from './format-duration';
import { formatContext, formatGiB, formatParams } from './format-units';
import { MEMORY_PARTS } from './memory-parts';
import type { Scenario } from './scenario';
import { explainTraining } from './training-explain';
import { frameworkOf, trainingInputFor } from './training-scenario';
import { formatTrainingSpeed } from './training-range';
import { methodLine, trainingVerdictWords } from './training-words';

/** The one-line verdict for fine-tuning the selected model on the selected GPUs, and its numbers. */
export interface TrainingSummaryView {
  readonly heading: string;
  readonly verdict: Verdict | 'error';
  readonly sentence: string;
  readonly parts: readonly {
    readonly key: string;
    readonly label: string;
    readonly value: string;
    readonly explanation: Explanation;
  }[];
  /** What the framework preset changes, with sources. */
  readonly traits: readonly { readonly text: string; readonly source: string }[];
  readonly frameworkLabel: string;
}

export function trainingSummaryView(s: Scenario, t: TrainingLinkState): TrainingSummaryView {
  const m = s.selectedModel;
  const p = s.selectedPool;
  const input = trainingInputFor(t, m, p);
  const framework = frameworkOf(t);
  const base = {
    traits: framework.traits,
    frameworkLabel: framework.label,
  };
  const r = estimateTraining(input);
  const heading = `Fine-tune ${m.name} on ${p.label}`;
  if (!r.ok) return { ...base, heading, verdict: 'error', sentence: r.error, parts: [] };
  const e = r.value;
  const ex = explainTraining(input, framework, e);
  const runs = e.fit.verdict === 'fits' || e.fit.verdict === 'tight';
  const time =
    e.time && runs
      ? `, ${formatTrainingSpeed(e.time.tokensPerSecond)}, ${formatDuration(e.time.totalSeconds)} for ${formatTokens(t.datasetTokens)} tokens × ${t.epochs}`
      : '';
  const cost =
    e.time && runs && t.gpuHourUsd !== null
      ? ` (~$${Math.round((e.time.totalSeconds / 3600) * p.devices.length * t.gpuHourUsd).toLocaleString('en-US')} at $${t.gpuHourUsd}/GPU-hour)`
      : '';
  return {
    ...base,
    heading: `${heading} · ${methodLine(input.settings, e.params.trainable, e.params.total)}`,
    verdict: e.fit.verdict,
    sentence: `${trainingVerdictWords(e)}${time}${cost}`,
    parts: [
      ...trainingMemoryComponents(e.memory)
        .filter((c) => c.bytes > 0 || c.id === 'gradients')
        .map((c) => ({
          key: c.id,
          label: MEMORY_PARTS[c.id].label,
          // Gradients that replace activations in the backward pass are shown at their size, marked.
          value:
            c.id === 'gradients' && c.bytes < e.memory.gradientBytes
              ? `${formatGiB(e.memory.gradientBytes)}, not at the peak`
              : formatGiB(c.bytes),
          explanation: ex[c.id],
        })),
      {
        key: 'verdict',
        label: 'Peak / usable per GPU',
        value: `${formatGiB(e.memory.peakPerDeviceBytes)} / ${formatGiB(e.fit.usableBytes)}`,
        explanation: ex.verdict,
      },
      {
        key: 'speed',
        label: 'Speed',
        value: e.time && runs ? formatTrainingSpeed(e.time.tokensPerSecond) : '–',
        explanation: ex.speed,
      },
      {
        key: 'params',
        label: 'Trainable',
        value: `${formatParams(e.params.trainable)} of ${formatParams(e.params.total)}`,
        explanation: ex.weights,
      },
      {
        key: 'seq',
        label: 'Tokens per GPU',
        value: `${input.settings.microBatch} × ${formatContext(input.settings.seqTokens)}`,
        explanation: ex.activations,
      },
    ],
  };
}
