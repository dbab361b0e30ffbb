import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { measurementsSchema, type Measurement } from '../catalog/measurement-schema';

/** Reads and validates every data/benchmarks/*.json file (Node only: scripts and tests). */
export function loadMeasurements(dir: string): Measurement[] {
  const out: Measurement[] = [];
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    const parsed = measurementsSchema.safeParse(JSON.parse(readFileSync(join(dir, file), 'utf8')));
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new Error(`${file} is invalid at ${issue?.path.join('.') ?? '?'}: ${issue?.message ?? '?'}`);
    }
    out.push(...parsed.data);
  }
  const ids = new Set<string>();
  for (const m of out) {
    if (ids.has(m.id)) throw new Error(`duplicate measurement id ${m.id}`);
    ids.add(m.id);
  }
  return out;
}
