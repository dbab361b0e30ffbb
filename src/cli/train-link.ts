import type { FrameworkId } from '../core/training/frameworks/registry';
import type { TrainingRequest } from '../core/training/resolve-settings';
import { serializeShareLink } from '../url/share-link';
import { DEFAULT_STATE, poolKey, type GpuPool } from '../url/share-state';
import type { TrainingLinkState } from '../url/training-state';
import { DEFAULT_LINK_BASE } from './cli-link';

/** The settings the user gave (null where the framework's default applies), as the link keeps them. */
export function trainingLinkState(
  framework: FrameworkId,
  r: TrainingRequest,
  datasetTokens: number,
  epochs: number,
  gpuHourUsd: number | null,
): TrainingLinkState {
  return {
    framework,
    method: r.method ?? null,
    rank: r.rank ?? null,
    targets: r.modules ?? null,
    dora: r.dora ?? false,
    optimizer: r.optimizer ?? null,
    precision: r.precision ?? null,
    masterWeights: r.masterWeights ?? null,
    gradientCheckpointing: r.gradientCheckpointing ?? null,
    flashAttention: r.flashAttention ?? null,
    loss: r.loss ?? null,
    sharding: r.sharding ?? null,
    offload: r.offload ?? null,
    doubleQuant: r.doubleQuant ?? null,
    seqTokens: r.seqTokens,
    microBatch: r.microBatch,
    gradAccum: r.gradAccum ?? 1,
    datasetTokens,
    epochs,
    gpuHourUsd,
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
