/**
 * The estimator as a library: the module behind the package's `headroom/core` entry (package.json
 * "exports"). Only for users of the package; code in src/ imports the modules themselves.
 */
export { estimate, estimateUnchecked, inputProblem, maxContext } from './estimate';
export type {
  Estimate,
  EstimateInput,
  EstimateResult,
  FitEstimate,
  MemoryComponent,
  MemoryComponentId,
  MemoryEstimate,
} from './estimate';
export { architectureFrom, fallbackArchitecture } from './architecture';
export type { ArchitectureInput, MlaShape, ModelArchitecture, MoeShape, SlidingWindowShape } from './architecture';
export { DEFAULT_HOST } from './devices';
export type { Device, HostSystem, Vendor } from './devices';
export type { SplitMode, Verdict } from './fit';
export { WEIGHT_FORMATS, customBpwFormat, exl2Format, weightFormatById } from './formats/weight-formats';
export type { FormatFamily, WeightFormat } from './formats/weight-formats';
export { KV_CACHE_TYPES } from './kv-cache-types';
export type { KvCacheType } from './kv-cache-types';
export { kvCacheSize } from './kv-cache';
export type { MeasuredTensor, TensorInventory } from './measured-weights';
export { countParameters } from './params';
export type { ParameterCounts } from './params';
export { RUNTIMES, RUNTIME_IDS, runtimeProfile } from './runtimes/registry';
export type { RuntimeId } from './runtimes/registry';
export type { RuntimeProfile, SpeedConstants } from './runtimes/profile';
export { runtimeProblem } from './runtimes/rules';
export {
  estimateTraining,
  estimateTrainingUnchecked,
  trainingInputProblem,
  trainingMemoryComponents,
} from './training/estimate-training';
export type {
  TrainingEstimate,
  TrainingFit,
  TrainingInput,
  TrainingMemory,
  TrainingResult,
} from './training/estimate-training';
export { resolveTrainingSettings, parseLoraTargets } from './training/resolve-settings';
export type { TrainingRequest } from './training/resolve-settings';
export { TRAINING_FRAMEWORKS, frameworkByName, trainingFramework } from './training/frameworks/registry';
export { FRAMEWORK_IDS } from './training/frameworks/framework-ids';
export type { FrameworkId } from './training/frameworks/framework-ids';
export type { TrainingFramework } from './training/frameworks/framework';
export { maxTrainingSeq, maxMicroBatch } from './training/training-limits';
export type { TrainingSettings, TrainingMethod, OptimizerId, ShardingId } from './training/training-settings';
