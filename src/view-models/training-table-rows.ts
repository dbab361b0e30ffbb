import type { Verdict } from '../core/fit';
import { estimateTraining } from '../core/training/estimate-training';
import { maxTrainingSeq } from '../core/training/training-limits';
import { TRAINING_METHODS, type TrainingMethod } from '../core/training/training-settings';
import type { TrainingLinkState } from '../url/training-state';
import type { Scenario } from './scenario';
import { trainingInputFor } from './training-scenario';
import { METHOD_LABEL } from './training-words';

/** One row per model × GPU pool × method, raw numbers for sorting and CSV. */
export interface TrainingRow {
  readonly id: string;
  readonly model: string;
  readonly gpu: string;
  readonly method: string;
  readonly verdict: Verdict;
  readonly trainable: number;
  readonly weightsGiB: number;
  readonly optimizerGiB: number;
  readonly activationsGiB: number;
  readonly peakGiB: number;
  readonly usableGiB: number;
  readonly tokensPerSecond: number | null;
  /** The dataset × epochs, seconds. */
  readonly totalSeconds: number | null;
  readonly maxSeqTokens: number | null;
}

const GiB = 1024 ** 3;

export function trainingRows(s: Scenario, t: TrainingLinkState, withMaxSeq = false): TrainingRow[] {
  const rows: TrainingRow[] = [];
  const methods: readonly TrainingMethod[] = t.method ? [t.method] : TRAINING_METHODS;
  for (const m of s.models) {
    for (const p of s.pools) {
      for (const method of methods) {
        const input = trainingInputFor(t, m, p, method);
        const r = estimateTraining(input);
        if (!r.ok) continue;
        const e = r.value;
        const runs = e.fit.verdict === 'fits' || e.fit.verdict === 'tight';
        rows.push({
          id: `${m.key}|${p.key}|${method}`,
          model: m.name,
          gpu: p.shortLabel,
          method: METHOD_LABEL[method],
          verdict: e.fit.verdict,
          trainable: e.params.trainable,
          weightsGiB: e.memory.weightsBytes / GiB,
          optimizerGiB: e.memory.optimizerBytes / GiB,
          activationsGiB: (e.memory.activationBytes + e.memory.logitsBytes) / GiB,
          peakGiB: e.memory.peakPerDeviceBytes / GiB,
          usableGiB: e.fit.usableBytes / GiB,
          tokensPerSecond: runs && e.time ? e.time.tokensPerSecond : null,
          totalSeconds: runs && e.time ? e.time.totalSeconds : null,
          maxSeqTokens: withMaxSeq ? maxTrainingSeq(input, m.contextLimit) : null,
        });
      }
    }
  }
  return rows;
}

const CSV: readonly [string, (r: TrainingRow) => string | number | null][] = [
  ['model', (r) => r.model],
  ['gpu', (r) => r.gpu],
  ['method', (r) => r.method],
  ['verdict', (r) => r.verdict],
  ['trainable_params', (r) => r.trainable],
  ['weights_gib', (r) => r.weightsGiB.toFixed(2)],
  ['optimizer_gib', (r) => r.optimizerGiB.toFixed(2)],
  ['activations_logits_gib', (r) => r.activationsGiB.toFixed(2)],
  ['peak_gib_per_gpu', (r) => r.peakGiB.toFixed(2)],
  ['usable_gib_per_gpu', (r) => r.usableGiB.toFixed(2)],
  ['tokens_per_s', (r) => (r.tokensPerSecond === null ? null : r.tokensPerSecond.toFixed(0))],
  ['hours', (r) => (r.totalSeconds === null ? null : (r.totalSeconds / 3600).toFixed(2))],
];

function cell(v: string | number | null): string {
  if (v === null) return '';
  const text = String(v);
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** RFC 4180 CSV of the given rows. */
export function trainingRowsToCsv(rows: readonly TrainingRow[]): string {
  return `${[CSV.map(([n]) => n).join(','), ...rows.map((r) => CSV.map(([, get]) => cell(get(r))).join(','))].join('\r\n')}\r\n`;
}
