import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTrainingMeasurements } from '../src/calibration/load-measurements';
import { trainingAccuracyPoints, trainingAccuracyTable } from '../src/calibration/training-accuracy';
import { prepareTraining } from '../src/calibration/training-predict';

/**
 * The fine-tuning estimate against published runs it was not fitted on (the evaluation split of
 * data/benchmarks/training). No change may make a quantity worse than the committed baseline
 * (`npm run accuracy -- --update-baseline` records a better one); peak memory must also meet the
 * issue's targets, median ≤ 10% and 90th percentile ≤ 25%.
 */
const root = join(import.meta.dirname, '..');
const measurements = loadTrainingMeasurements(join(root, 'data', 'benchmarks', 'training'));
const rows = trainingAccuracyTable(trainingAccuracyPoints(measurements)).filter((r) => r.framework === 'all');
const baseline = JSON.parse(readFileSync(join(root, 'data', 'training-accuracy-baseline.json'), 'utf8')) as Record<
  string,
  { n: number; median: number; p90: number }
>;

describe('fine-tuning accuracy against published measurements', () => {
  it('has at least 100 measured rows, each with a source, and scores peak memory on at least 20 held-out rows', () => {
    expect(measurements.length).toBeGreaterThanOrEqual(100);
    for (const m of measurements) expect(m.source).toMatch(/^https:\/\//);
    expect(rows.find((r) => r.quantity === 'train_peak_memory_bytes')?.n ?? 0).toBeGreaterThanOrEqual(20);
  });

  it('meets the peak-memory targets on the evaluation split', () => {
    const memory = rows.find((r) => r.quantity === 'train_peak_memory_bytes');
    expect(memory?.median ?? Infinity).toBeLessThanOrEqual(0.1);
    expect(memory?.p90 ?? Infinity).toBeLessThanOrEqual(0.25);
  });

  it.each(Object.entries(baseline))('%s is no worse than the committed baseline', (quantity, base) => {
    const r = rows.find((x) => x.quantity === quantity);
    expect(r, quantity).toBeDefined();
    expect(r?.median ?? Infinity).toBeLessThanOrEqual(base.median + 0.005);
    expect(r?.p90 ?? Infinity).toBeLessThanOrEqual(base.p90 + 0.005);
  });

  it('every row the estimator cannot model says why (not in the catalogue, or an excluded reason)', () => {
    for (const m of measurements) {
      if (m.excluded) continue;
      const p = prepareTraining(m);
      if (typeof p === 'string') expect(p).toMatch(/is not in the catalogue|not stated/);
    }
  });
});
