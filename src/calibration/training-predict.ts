import { GPUS, MODELS, gpuDevice } from '../catalog/catalog';
import { gpuInterconnectBytesPerSecond } from '../catalog/interconnect';
import type { TrainingMeasurement } from '../catalog/training-measurement-schema';
import {
  estimateTrainingUnchecked,
  trainingInputProblem,
  type TrainingInput,
} from '../core/training/estimate-training';
import { trainingFramework } from '../core/training/frameworks/registry';
import type { TrainingCalibration } from '../core/training/training-calibration';

/** Turns a published fine-tuning measurement into estimator input and its prediction for the same quantity. */

export interface PreparedTraining {
  readonly m: TrainingMeasurement;
  readonly input: TrainingInput;
}

export function prepareTraining(m: TrainingMeasurement): PreparedTraining | string {
  const model = MODELS.find((x) => x.id === m.model);
  if (!model) return `model ${m.model} is not in the catalogue`;
  const gpu = GPUS.find((g) => g.id === m.gpu);
  if (!gpu) return `GPU ${m.gpu ?? '(not named)'} is not in the catalogue`;
  if (m.seqTokens === null) return 'sequence length not stated';
  const preset = trainingFramework(m.preset);
  const framework = {
    ...preset,
    ...(m.adapterFp32 === undefined ? {} : { adapterFp32: m.adapterFp32 }),
    ...(m.upcastUnquantized === undefined ? {} : { upcastUnquantized: () => m.upcastUnquantized === true }),
  };
  const input: TrainingInput = {
    arch: model.arch,
    settings: {
      method: m.method,
      lora:
        m.method === 'full'
          ? null
          : { rank: m.rank ?? 0, modules: m.targets ?? [], dora: m.dora, dropout: m.loraDropout },
      optimizer: m.optimizer,
      precision: m.precision,
      masterWeights: m.masterWeights,
      gradientCheckpointing: m.gradientCheckpointing,
      flashAttention: m.flashAttention,
      loss: m.loss,
      seqTokens: m.seqTokens,
      microBatch: m.microBatch,
      gradAccum: m.gradAccum,
      sharding: m.sharding,
      offload: m.offload,
      doubleQuant: m.doubleQuant,
    },
    framework,
    devices: Array.from({ length: m.gpuCount }, () => gpuDevice(gpu)),
    // Offloaded runs had the RAM they needed: the fit is not what is scored.
    host: { memoryBytes: 4096 * 1024 ** 3, bandwidthBytesPerSecond: 50e9 },
    datasetTokens: 1,
    epochs: 1,
    legacyBitsandbytes: m.legacyBitsandbytes,
    interconnectBytesPerSecond: gpuInterconnectBytesPerSecond(gpu),
  };
  const problem = trainingInputProblem(input);
  return problem ?? { m, input };
}

/** The estimator's figure for the measured quantity, or null if it has none. */
export function predictTraining(p: PreparedTraining, calibration?: TrainingCalibration): number | null {
  const e = estimateTrainingUnchecked(calibration ? { ...p.input, calibration } : p.input);
  switch (p.m.quantity) {
    case 'train_peak_memory_bytes':
      switch (p.m.measured) {
        case 'allocated':
          return e.memory.allocatedBytes;
        case 'nvidia-smi':
          return e.memory.peakPerDeviceBytes;
        default:
          return e.memory.reservedBytes;
      }
    case 'train_tokens_per_second':
      if (!e.time) return null;
      return p.m.throughputScope === 'per-gpu' ? e.time.tokensPerSecondPerGpu : e.time.tokensPerSecond;
    case 'train_step_seconds':
      return e.time ? e.time.stepSeconds : null;
  }
}
