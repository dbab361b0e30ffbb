import answerai from '../../data/benchmarks/training/answerai-fsdp-qlora.json';
import litgpt from '../../data/benchmarks/training/litgpt.json';
import others from '../../data/benchmarks/training/peft-nemo-torchtitan-torchtune.json';
import type { TrainingMeasurement } from './training-measurement-schema';

/**
 * Every published fine-tuning measurement in data/benchmarks/training, validated when the app is
 * built (data-files.ts) and by the tests, which also check that this list names every file there.
 */
export const TRAINING_MEASUREMENTS = [...answerai, ...litgpt, ...others] as unknown as readonly TrainingMeasurement[];
