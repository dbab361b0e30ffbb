import type { FrameworkId } from '../core/training/frameworks/framework-ids';
import type { TrainingSettings } from '../core/training/training-settings';
import { serializeShareLink } from '../url/share-link';
import { DEFAULT_STATE, poolKey, type GpuPool } from '../url/share-state';
import type { TrainingLinkState } from '../url/training-state';
import { DEFAULT_LINK_BASE } from './cli-link';

/**
 * The run as the link keeps it: every setting resolved (the framework's defaults filled in), so the
 * page shows exactly what the command estimated whatever its own defaults are.
 */
export function trainingLinkState(
  framework: FrameworkId,
  s: TrainingSettings,
  datasetTokens: number,
  epochs: number,
  gpuHourUsd: number | null,
): TrainingLinkState {
  return {
    framework,
    method: s.method,
    rank: s.lora?.rank ?? null,
    targets: s.lora?.modules ?? null,
    dora: s.lora?.dora ?? false,
    optimizer: s.optimizer,
    precision: s.precision,
    masterWeights: s.masterWeights,
    gradientCheckpointing: s.gradientCheckpointing,
    flashAttention: s.flashAttention,
    loss: s.loss,
    sharding: s.sharding,
    offload: s.offload,
    doubleQuant: s.doubleQuant,
    seqTokens: s.seqTokens,
    microBatch: s.microBatch,
    gradAccum: s.gradAccum,
    datasetTokens,
    epochs,
    gpuHourUsd,
    maxHours: null,
  };
}

/** The app's address for a fine-tuning run: task=train, the Memory view of the model on these GPUs. */
export function cliTrainingLink(input: {
  readonly base: string | undefined;
  readonly modelToken: string;
  readonly config: string | null;
  readonly gpus: readonly { readonly id: string; readonly count: number }[] | null;
  readonly training: TrainingLinkState;
}): string | null {
  if (!input.gpus) return null;
  const pool: GpuPool = { parts: input.gpus.map((g) => ({ id: g.id, count: g.count })) };
  const query = serializeShareLink({
    ...DEFAULT_STATE,
    view: 'details',
    models: [input.modelToken],
    pools: [pool],
    selected: { model: input.modelToken, pool: poolKey(pool) },
    config: input.config,
    task: 'train',
    training: input.training,
  });
  const base = input.base ?? DEFAULT_LINK_BASE;
  return `${base.replace(/\?.*$/, '')}${query}`;
}
