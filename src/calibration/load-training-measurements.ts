import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { trainingMeasurementsSchema, type TrainingMeasurement } from '../catalog/training-measurement-schema';

/** Reads and validates every data/benchmarks/training/*.json file (Node only: scripts and tests). */
export function loadTrainingMeasurements(dir: string): TrainingMeasurement[] {
  const out: TrainingMeasurement[] = [];
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    const parsed = trainingMeasurementsSchema.safeParse(JSON.parse(readFileSync(join(dir, file), 'utf8')));
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new Error(`${file} is invalid at ${issue?.path.join('.') ?? '?'}: ${issue?.message ?? '?'}`);
    }
    out.push(...parsed.data);
  }
  const ids = new Set<string>();
  for (const m of out) {
    if (ids.has(m.id)) throw new Error(`duplicate training measurement id ${m.id}`);
    ids.add(m.id);
  }
  return out;
}
