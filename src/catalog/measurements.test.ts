import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadMeasurements } from '../calibration/load-measurements';
import { MEASUREMENTS } from './measurements';

describe('bundled measurements', () => {
  it('include every file in data/benchmarks', () => {
    const dir = join(import.meta.dirname, '../../data/benchmarks');
    // Every file holds rows, so a file missing from the imports leaves the bundled list shorter.
    expect(readdirSync(dir).filter((f) => f.endsWith('.json')).length).toBeGreaterThan(0);
    expect(MEASUREMENTS.length).toBe(loadMeasurements(dir).length);
  });
});
