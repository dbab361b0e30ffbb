import fc from 'fast-check';
import { FRAMEWORK_IDS } from '../../src/core/training/frameworks/framework-ids';
import {
  LORA_MODULES,
  LOSS_MODES,
  OFFLOAD_IDS,
  OPTIMIZER_IDS,
  SHARDING_IDS,
  TRAINING_METHODS,
  TRAINING_PRECISIONS,
} from '../../src/core/training/training-settings';
import type { TrainingLinkState } from '../../src/url/training-state';

/** Any fine-tuning state a link can carry, for the link tests' round trips. */
export const trainingArb: fc.Arbitrary<TrainingLinkState> = fc.record({
  framework: fc.constantFrom(...FRAMEWORK_IDS),
  method: fc.option(fc.constantFrom(...TRAINING_METHODS), { nil: null }),
  rank: fc.option(fc.integer({ min: 1, max: 4096 }), { nil: null }),
  targets: fc.option(
    fc.subarray([...LORA_MODULES], { minLength: 1 }).map((picked) => LORA_MODULES.filter((m) => picked.includes(m))),
    { nil: null },
  ),
  dora: fc.boolean(),
  optimizer: fc.option(fc.constantFrom(...OPTIMIZER_IDS), { nil: null }),
  precision: fc.option(fc.constantFrom(...TRAINING_PRECISIONS), { nil: null }),
  masterWeights: fc.option(fc.boolean(), { nil: null }),
  gradientCheckpointing: fc.boolean(),
  flashAttention: fc.option(fc.boolean(), { nil: null }),
  loss: fc.option(fc.constantFrom(...LOSS_MODES), { nil: null }),
  sharding: fc.option(fc.constantFrom(...SHARDING_IDS), { nil: null }),
  offload: fc.option(fc.constantFrom(...OFFLOAD_IDS), { nil: null }),
  doubleQuant: fc.option(fc.boolean(), { nil: null }),
  seqTokens: fc.integer({ min: 1, max: 1_048_576 }),
  microBatch: fc.integer({ min: 1, max: 1024 }),
  gradAccum: fc.integer({ min: 1, max: 100_000 }),
  datasetTokens: fc.integer({ min: 1, max: 1e14 }),
  epochs: fc.integer({ min: 1, max: 10_000 }).map((n) => n / 10),
  gpuHourUsd: fc.option(
    fc.integer({ min: 1, max: 100_000 }).map((n) => n / 100),
    { nil: null },
  ),
  maxHours: fc.option(fc.integer({ min: 1, max: 100_000 }), { nil: null }),
});
