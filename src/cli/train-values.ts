import { frameworkByName } from '../core/training/frameworks/registry';
import { FRAMEWORK_IDS, type FrameworkId } from '../core/training/frameworks/framework-ids';
import { parseLoraTargets, type TrainingRequest } from '../core/training/resolve-settings';
import {
  LOSS_MODES,
  MAX_MICRO_BATCH,
  MAX_RANK,
  OFFLOAD_IDS,
  OPTIMIZER_IDS,
  SHARDING_IDS,
  TRAINING_METHODS,
  TRAINING_PRECISIONS,
  isOneOf,
} from '../core/training/training-settings';
import { MAX_DATASET_TOKENS, MAX_EPOCHS } from '../url/training-state';
import { CliError } from './cli-error';
import { quoteInput as quoted } from '../core/input-text';
import { parseNumber, parseWhole } from './parse-values';

/** The fine-tuning flags shared by train, plan --task train and can-run --task train. */
export const TRAINING_FLAGS = {
  method: { type: 'string' },
  rank: { type: 'string' },
  targets: { type: 'string' },
  dora: { type: 'boolean' },
  optimizer: { type: 'string' },
  precision: { type: 'string' },
  'master-weights': { type: 'string' },
  'gradient-checkpointing': { type: 'string' },
  'flash-attention': { type: 'string' },
  loss: { type: 'string' },
  seq: { type: 'string' },
  batch: { type: 'string' },
  'grad-accum': { type: 'string' },
  sharding: { type: 'string' },
  offload: { type: 'string' },
  'double-quant': { type: 'string' },
  'dataset-tokens': { type: 'string' },
  epochs: { type: 'string' },
  framework: { type: 'string' },
} as const;

export type TrainingFlagValues = {
  [K in keyof typeof TRAINING_FLAGS]?: (typeof TRAINING_FLAGS)[K] extends { type: 'boolean' } ? boolean : string;
};

// Names other tools use for the same optimizers (transformers' `optim`, bitsandbytes classes).
const OPTIMIZER_ALIASES: Readonly<Record<string, string>> = {
  adam: 'adamw',
  adamw_torch: 'adamw',
  adamw_torch_fused: 'adamw',
  adamw_8bit: 'adamw-8bit',
  adamw_bnb_8bit: 'adamw-8bit',
  paged_adamw_8bit: 'paged-adamw-8bit',
  paged_adamw_32bit: 'paged-adamw-32bit',
  'sgd-m': 'sgd-momentum',
};

function choice<T extends string>(
  flag: string,
  raw: string | undefined,
  list: readonly T[],
  alias: Readonly<Record<string, string>> = {},
): T | undefined {
  if (raw === undefined) return undefined;
  const key = raw.trim().toLowerCase();
  const value = Object.hasOwn(alias, key) ? (alias[key] ?? key) : key;
  if (isOneOf(list, value)) return value;
  throw new CliError(`--${flag} must be one of ${list.join(', ')}; got ${quoted(raw)}`);
}

function onOff(flag: string, raw: string | undefined): boolean | undefined {
  if (raw === undefined) return undefined;
  const v = raw.trim().toLowerCase();
  if (v === 'on' || v === 'true') return true;
  if (v === 'off' || v === 'false') return false;
  throw new CliError(`--${flag} must be on or off; got ${quoted(raw)}`);
}

const SUFFIX: Readonly<Record<string, number>> = { k: 1e3, m: 1e6, b: 1e9, t: 1e12 };

/** "1e8", "100m", "2.5B", "500000" → a token count. */
export function parseTokenCount(flag: string, raw: string): number {
  const m = /^\s*(\d+(?:\.\d+)?(?:e\d+)?)\s*([kmbt])?\s*$/i.exec(raw);
  const value = m ? Number(m[1]) * (m[2] ? (SUFFIX[m[2].toLowerCase()] ?? 1) : 1) : Number.NaN;
  if (!Number.isFinite(value) || value < 1 || value > MAX_DATASET_TOKENS) {
    throw new CliError(
      `${flag} must be a number of tokens such as 1e8, 100m or 2.5b (at most 100T); got ${quoted(raw)}`,
    );
  }
  return Math.round(value);
}

export interface TrainingFlags {
  readonly framework: FrameworkId;
  readonly request: TrainingRequest;
  readonly datasetTokens: number;
  readonly epochs: number;
}

/** Reads the fine-tuning flags; every error names the flag and what it accepts. */
export function trainingFlags(values: TrainingFlagValues, seqLimit: number): TrainingFlags {
  let framework: FrameworkId = 'hf';
  if (values.framework !== undefined) {
    const found = frameworkByName(values.framework);
    if (!found)
      throw new CliError(`--framework must be one of ${FRAMEWORK_IDS.join(', ')}; got ${quoted(values.framework)}`);
    framework = found;
  }
  let modules;
  if (values.targets !== undefined) {
    const parsed = parseLoraTargets(values.targets);
    if (!parsed.ok) {
      throw new CliError(
        `--targets must be attention, all-linear, all or a list of q, k, v, o, gate, up, down, lm_head (PEFT names such as q_proj work too); unknown: ${parsed.unknown.map((u) => quoted(u)).join(', ')}`,
      );
    }
    modules = parsed.modules;
  }
  const method = choice('method', values.method, TRAINING_METHODS);
  if (method === 'full' && (values.rank !== undefined || values.targets !== undefined || values.dora === true)) {
    throw new CliError(
      '--rank, --targets and --dora are LoRA settings; full fine-tuning trains every weight (use --method lora or qlora)',
    );
  }
  const epochsRaw = values.epochs;
  const epochs =
    epochsRaw === undefined
      ? 1
      : parseNumber('--epochs', epochsRaw, 'epochs', { min: 0.01, max: MAX_EPOCHS, whole: false });
  return {
    framework,
    datasetTokens:
      values['dataset-tokens'] === undefined ? 1e8 : parseTokenCount('--dataset-tokens', values['dataset-tokens']),
    epochs,
    request: {
      method,
      rank: values.rank === undefined ? undefined : parseWhole('--rank', values.rank, 'ranks', 1, MAX_RANK),
      modules,
      dora: values.dora,
      optimizer: choice('optimizer', values.optimizer, OPTIMIZER_IDS, OPTIMIZER_ALIASES),
      precision: choice('precision', values.precision, TRAINING_PRECISIONS, {
        bfloat16: 'bf16',
        float16: 'fp16',
        f16: 'fp16',
        float32: 'fp32',
        f32: 'fp32',
      }),
      masterWeights: onOff('master-weights', values['master-weights']),
      gradientCheckpointing: onOff('gradient-checkpointing', values['gradient-checkpointing']),
      flashAttention: onOff('flash-attention', values['flash-attention']),
      loss: choice('loss', values.loss, LOSS_MODES),
      seqTokens:
        values.seq === undefined
          ? Math.min(2048, seqLimit)
          : parseWhole('--seq', values.seq, 'tokens', 1, seqLimit, true),
      microBatch:
        values.batch === undefined ? 1 : parseWhole('--batch', values.batch, 'sequences per GPU', 1, MAX_MICRO_BATCH),
      gradAccum:
        values['grad-accum'] === undefined
          ? undefined
          : parseWhole('--grad-accum', values['grad-accum'], 'micro-batches', 1, 100_000),
      sharding: choice('sharding', values.sharding, SHARDING_IDS, {
        'fsdp-full': 'fsdp',
        'zero-1': 'zero1',
        'zero-2': 'zero2',
        'zero-3': 'zero3',
      }),
      offload: choice('offload', values.offload, OFFLOAD_IDS),
      doubleQuant: onOff('double-quant', values['double-quant']),
    },
  };
}
