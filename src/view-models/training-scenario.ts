import { poolInterconnectBytesPerSecond } from '../catalog/interconnect';
import { estimateTraining, type TrainingInput, type TrainingResult } from '../core/training/estimate-training';
import type { TrainingFramework } from '../core/training/frameworks/framework';
import { trainingFramework } from '../core/training/frameworks/registry';
import { resolveTrainingSettings, type TrainingRequest } from '../core/training/resolve-settings';
import type { TrainingMethod, TrainingSettings } from '../core/training/training-settings';
import type { TrainingLinkState } from '../url/training-state';
import type { Scenario, ScenarioModel, ScenarioPool } from './scenario';

/** The link's fine-tuning settings resolved for a model on a pool: what every training view renders from. */

export function trainingRequest(t: TrainingLinkState, model: ScenarioModel, method?: TrainingMethod): TrainingRequest {
  const m = method ?? t.method ?? undefined;
  const lora = m !== 'full';
  return {
    method: m,
    rank: lora ? (t.rank ?? undefined) : undefined,
    modules: lora ? (t.targets ?? undefined) : undefined,
    dora: lora ? t.dora : undefined,
    optimizer: t.optimizer ?? undefined,
    precision: t.precision ?? undefined,
    masterWeights: t.masterWeights ?? undefined,
    gradientCheckpointing: t.gradientCheckpointing,
    flashAttention: t.flashAttention ?? undefined,
    loss: t.loss ?? undefined,
    // The sequence is capped at the model's context, as the inference context is.
    seqTokens: Math.min(t.seqTokens, model.contextLimit),
    microBatch: t.microBatch,
    gradAccum: t.gradAccum,
    sharding: t.sharding ?? undefined,
    offload: t.offload ?? undefined,
    doubleQuant: t.doubleQuant ?? undefined,
  };
}

export function frameworkOf(t: TrainingLinkState): TrainingFramework {
  return trainingFramework(t.framework);
}

export function trainingInputFor(
  t: TrainingLinkState,
  model: ScenarioModel,
  pool: ScenarioPool,
  method?: TrainingMethod,
): TrainingInput {
  const framework = frameworkOf(t);
  return {
    arch: model.arch,
    settings: resolveTrainingSettings(framework, trainingRequest(t, model, method), pool.devices.length),
    framework,
    devices: pool.devices,
    datasetTokens: t.datasetTokens,
    epochs: t.epochs,
    interconnectBytesPerSecond: poolInterconnectBytesPerSecond(pool.gpus),
  };
}

export function trainingEstimateFor(
  t: TrainingLinkState,
  model: ScenarioModel,
  pool: ScenarioPool,
  method?: TrainingMethod,
): TrainingResult {
  return estimateTraining(trainingInputFor(t, model, pool, method));
}

/** The settings in effect for the selected model and GPUs, for the panel to show. */
export function effectiveTrainingSettings(s: Scenario, t: TrainingLinkState): TrainingSettings {
  return trainingInputFor(t, s.selectedModel, s.selectedPool).settings;
}
