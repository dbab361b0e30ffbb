import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FRAMEWORK_IDS } from '../core/training/frameworks/framework-ids';
import {
  LORA_MODULES,
  LOSS_MODES,
  OFFLOAD_IDS,
  OPTIMIZER_IDS,
  SHARDING_IDS,
  TRAINING_METHODS,
  TRAINING_PRECISIONS,
} from '../core/training/training-settings';
import { dataFileProblem } from './data-files';
import { SCHEMA_LISTS } from './training-measurement-schema';

const DIR = join(import.meta.dirname, '../../data/benchmarks/training');

describe('fine-tuning measurements', () => {
  it('the schema’s lists are the estimator’s', () => {
    expect(SCHEMA_LISTS).toEqual({
      methods: TRAINING_METHODS,
      modules: LORA_MODULES,
      optimizers: OPTIMIZER_IDS,
      precisions: TRAINING_PRECISIONS,
      losses: LOSS_MODES,
      shardings: SHARDING_IDS,
      offloads: OFFLOAD_IDS,
      presets: FRAMEWORK_IDS,
    });
  });

  it.each(readdirSync(DIR).filter((f) => f.endsWith('.json')))('data/benchmarks/training/%s is valid', (file) => {
    const json: unknown = JSON.parse(readFileSync(join(DIR, file), 'utf8'));
    expect(dataFileProblem(`data/benchmarks/training/${file}`, json)).toBeNull();
  });

  it('a broken row is named with its path', () => {
    expect(dataFileProblem('/repo/data/benchmarks/training/x.json', [{ id: 'x' }])).toMatch(
      /^data\/benchmarks\/training\/x\.json is invalid at 0\./,
    );
  });
});

describe('bundled fine-tuning measurements', () => {
  it('include every file in data/benchmarks/training', async () => {
    const { TRAINING_MEASUREMENTS } = await import('./training-measurements');
    const { loadTrainingMeasurements } = await import('../calibration/load-measurements');
    expect(readdirSync(DIR).filter((f) => f.endsWith('.json')).length).toBe(3);
    expect(TRAINING_MEASUREMENTS.length).toBe(loadTrainingMeasurements(DIR).length);
  });
});
