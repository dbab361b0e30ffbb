import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { accuracyPoints, accuracyTable } from '../src/calibration/accuracy';
import { loadMeasurements } from '../src/calibration/load-measurements';

/**
 * The estimator against published measurements it was not fitted on (the evaluation split of
 * data/benchmarks). A change may not make any quantity worse than the committed baseline
 * (`npm run accuracy -- --update-baseline` records a better one). The targets themselves are
 * reported by `npm run accuracy`.
 */
const root = join(import.meta.dirname, '..');
const measurements = loadMeasurements(join(root, 'data', 'benchmarks'));
const rows = accuracyTable(accuracyPoints(measurements));
const baseline = JSON.parse(readFileSync(join(root, 'data', 'accuracy-baseline.json'), 'utf8')) as Record<
  string,
  { n: number; median: number; p90: number }
>;
// Baseline keys are a quantity over all rows, or "<quantity>@moe" over mixture-of-experts models.
const row = (key: string) => {
  const [quantity, group = 'all'] = key.split('@');
  return rows.find((r) => r.quantity === quantity && r.backend === group);
};

describe('accuracy against published measurements', () => {
  it('has at least 200 measurements, each with a source', () => {
    expect(measurements.length).toBeGreaterThanOrEqual(200);
    for (const m of measurements) expect(m.source).toMatch(/^https:\/\//);
  });

  it.each(Object.entries(baseline))('%s is no worse than the committed baseline', (quantity, base) => {
    const r = row(quantity);
    expect(r, quantity).toBeDefined();
    expect(r?.median ?? Infinity).toBeLessThanOrEqual(base.median + 0.005);
    expect(r?.p90 ?? Infinity).toBeLessThanOrEqual(base.p90 + 0.005);
  });
});
