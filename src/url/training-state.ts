import { FRAMEWORK_IDS, type FrameworkId } from '../core/training/frameworks/framework-ids';
import { loraTargetsText, parseLoraTargets } from '../core/training/resolve-settings';
import {
  LOSS_MODES,
  MAX_MICRO_BATCH,
  MAX_RANK,
  MAX_SEQ_TOKENS,
  OFFLOAD_IDS,
  OPTIMIZER_IDS,
  SHARDING_IDS,
  TRAINING_METHODS,
  TRAINING_PRECISIONS,
  isOneOf,
  type LoraModule,
  type LossMode,
  type OffloadId,
  type OptimizerId,
  type ShardingId,
  type TrainingMethod,
  type TrainingPrecision,
} from '../core/training/training-settings';

/**
 * The fine-tuning settings in the link (keys `tr-…`, with task=train). A setting left unset means
 * "the framework preset's default", so a link keeps meaning what the sender saw even if they did
 * not choose it; the batch shape and the dataset have fixed defaults. Parsed field by field like
 * the rest of the link: a bad value is named in a notice and the rest is kept.
 */
export interface TrainingLinkState {
  readonly framework: FrameworkId;
  readonly method: TrainingMethod | null;
  readonly rank: number | null;
  readonly targets: readonly LoraModule[] | null;
  readonly dora: boolean;
  readonly optimizer: OptimizerId | null;
  readonly precision: TrainingPrecision | null;
  readonly masterWeights: boolean | null;
  /** On unless the link says off: the page starts from the usual fine-tuning setup. */
  readonly gradientCheckpointing: boolean;
  readonly flashAttention: boolean | null;
  readonly loss: LossMode | null;
  readonly sharding: ShardingId | null;
  readonly offload: OffloadId | null;
  readonly doubleQuant: boolean | null;
  readonly seqTokens: number;
  readonly microBatch: number;
  readonly gradAccum: number;
  /** Tokens in the dataset. */
  readonly datasetTokens: number;
  readonly epochs: number;
  /** Rental price per GPU-hour for the cost; null: no cost shown. */
  readonly gpuHourUsd: number | null;
  /** The buying guide's limit on one run's time, hours; null: none. */
  readonly maxHours: number | null;
}

export const DEFAULT_TRAINING: TrainingLinkState = {
  framework: 'hf',
  method: null,
  rank: null,
  targets: null,
  dora: false,
  optimizer: null,
  precision: null,
  masterWeights: null,
  gradientCheckpointing: true,
  flashAttention: null,
  loss: null,
  sharding: null,
  offload: null,
  doubleQuant: null,
  seqTokens: 2048,
  microBatch: 1,
  gradAccum: 1,
  datasetTokens: 100_000_000,
  epochs: 1,
  gpuHourUsd: null,
  maxHours: null,
};

export const MAX_DATASET_TOKENS = 1e14;
export const MAX_EPOCHS = 1000;

const ON_OFF: Readonly<Record<string, boolean>> = { on: true, off: false, '1': true, '0': false };

/** Reads the tr-… keys. */
export function parseTrainingState(params: URLSearchParams, notices: string[]): TrainingLinkState {
  const d = DEFAULT_TRAINING;
  const get = (key: string) => params.get(key) ?? undefined;
  const pick = <T extends string>(key: string, label: string, list: readonly T[]): T | null => {
    const raw = get(key);
    if (raw === undefined) return null;
    if (isOneOf(list, raw)) return raw;
    notices.push(`Ignored ${label} '${raw.slice(0, 40)}': use one of ${list.join(', ')}.`);
    return null;
  };
  const flag = (key: string, label: string): boolean | null => {
    const raw = get(key);
    if (raw === undefined) return null;
    if (Object.hasOwn(ON_OFF, raw)) return ON_OFF[raw] ?? null;
    notices.push(`Ignored ${label} '${raw.slice(0, 40)}': use on or off.`);
    return null;
  };
  const whole = (key: string, label: string, min: number, max: number): number | null => {
    const raw = get(key);
    if (raw === undefined) return null;
    const n = /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
    if (Number.isInteger(n) && n >= min && n <= max) return n;
    notices.push(
      `Ignored ${label} '${raw.slice(0, 40)}': it must be a whole number from ${min.toLocaleString('en-US')} to ${max.toLocaleString('en-US')}.`,
    );
    return null;
  };
  const positive = (key: string, label: string, max: number): number | undefined => {
    const raw = get(key);
    if (raw === undefined) return undefined;
    const n = /^\d+(?:\.\d+)?(?:e\d+)?$/i.test(raw) ? Number(raw) : Number.NaN;
    if (n > 0 && n <= max) return n;
    notices.push(
      `Ignored ${label} '${raw.slice(0, 40)}': it must be a number above 0 and at most ${max.toLocaleString('en-US')}.`,
    );
    return undefined;
  };
  let targets: LoraModule[] | null = null;
  const rawTargets = get('tr-t');
  if (rawTargets !== undefined) {
    const parsed = parseLoraTargets(rawTargets);
    if (parsed.ok) targets = parsed.modules;
    else
      notices.push(
        `Ignored LoRA targets '${rawTargets.slice(0, 40)}': unknown module ${parsed.unknown.join(', ').slice(0, 40)}.`,
      );
  }
  return {
    framework: pick('tr-fw', 'framework', FRAMEWORK_IDS) ?? d.framework,
    method: pick('tr-m', 'fine-tuning method', TRAINING_METHODS),
    rank: whole('tr-r', 'LoRA rank', 1, MAX_RANK),
    targets,
    dora: flag('tr-dora', 'DoRA') ?? d.dora,
    optimizer: pick('tr-o', 'optimizer', OPTIMIZER_IDS),
    precision: pick('tr-p', 'training precision', TRAINING_PRECISIONS),
    masterWeights: flag('tr-mw', 'master weights'),
    gradientCheckpointing: flag('tr-gc', 'gradient checkpointing') ?? d.gradientCheckpointing,
    flashAttention: flag('tr-fa', 'flash attention'),
    loss: pick('tr-l', 'loss', LOSS_MODES),
    sharding: pick('tr-sh', 'sharding', SHARDING_IDS),
    offload: pick('tr-off', 'offload', OFFLOAD_IDS),
    doubleQuant: flag('tr-dq', 'double quantization'),
    seqTokens: whole('tr-s', 'sequence length', 1, MAX_SEQ_TOKENS) ?? d.seqTokens,
    microBatch: whole('tr-b', 'micro-batch', 1, MAX_MICRO_BATCH) ?? d.microBatch,
    gradAccum: whole('tr-ga', 'gradient accumulation', 1, 100_000) ?? d.gradAccum,
    datasetTokens: positive('tr-d', 'dataset tokens', MAX_DATASET_TOKENS) ?? d.datasetTokens,
    epochs: positive('tr-e', 'epochs', MAX_EPOCHS) ?? d.epochs,
    gpuHourUsd: positive('tr-usd', 'price per GPU-hour', 1e6) ?? d.gpuHourUsd,
    maxHours: positive('tr-h', 'time limit', 1e6) ?? d.maxHours,
  };
}

const onOff = (v: boolean) => (v ? 'on' : 'off');

/** The tr-… fields of the query string; none for the defaults. */
export function serializeTrainingState(t: TrainingLinkState): [string, string][] {
  const d = DEFAULT_TRAINING;
  const parts: [string, string][] = [];
  if (t.framework !== d.framework) parts.push(['tr-fw', t.framework]);
  if (t.method !== null) parts.push(['tr-m', t.method]);
  if (t.rank !== null) parts.push(['tr-r', String(t.rank)]);
  if (t.targets !== null) parts.push(['tr-t', loraTargetsText(t.targets)]);
  if (t.dora) parts.push(['tr-dora', 'on']);
  if (t.optimizer !== null) parts.push(['tr-o', t.optimizer]);
  if (t.precision !== null) parts.push(['tr-p', t.precision]);
  if (t.masterWeights !== null) parts.push(['tr-mw', onOff(t.masterWeights)]);
  if (t.gradientCheckpointing !== d.gradientCheckpointing) parts.push(['tr-gc', onOff(t.gradientCheckpointing)]);
  if (t.flashAttention !== null) parts.push(['tr-fa', onOff(t.flashAttention)]);
  if (t.loss !== null) parts.push(['tr-l', t.loss]);
  if (t.sharding !== null) parts.push(['tr-sh', t.sharding]);
  if (t.offload !== null) parts.push(['tr-off', t.offload]);
  if (t.doubleQuant !== null) parts.push(['tr-dq', onOff(t.doubleQuant)]);
  if (t.seqTokens !== d.seqTokens) parts.push(['tr-s', String(t.seqTokens)]);
  if (t.microBatch !== d.microBatch) parts.push(['tr-b', String(t.microBatch)]);
  if (t.gradAccum !== d.gradAccum) parts.push(['tr-ga', String(t.gradAccum)]);
  if (t.datasetTokens !== d.datasetTokens) parts.push(['tr-d', String(t.datasetTokens)]);
  if (t.epochs !== d.epochs) parts.push(['tr-e', String(t.epochs)]);
  if (t.gpuHourUsd !== null) parts.push(['tr-usd', String(t.gpuHourUsd)]);
  if (t.maxHours !== null) parts.push(['tr-h', String(t.maxHours)]);
  return parts;
}
