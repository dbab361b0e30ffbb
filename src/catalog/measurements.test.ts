import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadMeasurements } from '../calibration/load-measurements';
import { MEASUREMENTS } from './measurements';

describe('bundled measurements', () => {
  it('include every file in data/benchmarks', () => {
    const dir = join(import.meta.dirname, '../../data/benchmarks');
    expect(readdirSync(dir).filter((f) => f.endsWith('.json')).length).toBe(6);
    expect(MEASUREMENTS.length).toBe(loadMeasurements(dir).length);
  });
});
