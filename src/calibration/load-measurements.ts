import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ZodMiniType } from 'zod/mini';
import { measurementsSchema, type Measurement } from '../catalog/measurement-schema';
import { trainingMeasurementsSchema, type TrainingMeasurement } from '../catalog/training-measurement-schema';

/**
 * Reads and validates every *.json file of one folder against `schema` (an array of rows with
 * ids), and refuses an id used twice across the files (Node only: scripts and tests).
 */
function loadRows<T extends { readonly id: string }>(dir: string, schema: ZodMiniType<T[]>, noun: string): T[] {
  const out: T[] = [];
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    const parsed = schema.safeParse(JSON.parse(readFileSync(join(dir, file), 'utf8')));
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new Error(`${file} is invalid at ${issue?.path.join('.') ?? '?'}: ${issue?.message ?? '?'}`);
    }
    out.push(...parsed.data);
  }
  const ids = new Set<string>();
  for (const m of out) {
    if (ids.has(m.id)) throw new Error(`duplicate ${noun} id ${m.id}`);
    ids.add(m.id);
  }
  return out;
}

/** Every inference measurement in data/benchmarks/*.json. */
export function loadMeasurements(dir: string): Measurement[] {
  return loadRows(dir, measurementsSchema, 'measurement');
}

/** Every fine-tuning measurement in data/benchmarks/training/*.json. */
export function loadTrainingMeasurements(dir: string): TrainingMeasurement[] {
  return loadRows(dir, trainingMeasurementsSchema, 'training measurement');
}
