/**
 * The fine-tuning half of `npm run accuracy`: the estimate against the evaluation split of
 * data/benchmarks/training, per quantity and framework, the targets (peak memory median ≤ 10%,
 * p90 ≤ 25%) and, with --update-baseline, data/training-accuracy-baseline.json.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadTrainingMeasurements } from '../src/calibration/load-measurements';
import { trainingAccuracyPoints, trainingAccuracyTable } from '../src/calibration/training-accuracy';

export function reportTrainingAccuracy(root: string, updateBaseline: boolean): void {
  const measurements = loadTrainingMeasurements(join(root, 'data', 'benchmarks', 'training'));
  const rows = trainingAccuracyTable(trainingAccuracyPoints(measurements));
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`.padStart(7);
  console.log('\nfine-tuning quantity     framework                N  median     p90   worst  rank-corr  worst case');
  for (const r of rows) {
    console.log(
      `${r.quantity.padEnd(24)} ${r.framework.padEnd(22)} ${String(r.n).padStart(4)} ${pct(r.median)} ${pct(r.p90)} ${pct(r.worst)}  ${Number.isFinite(r.spearman) ? r.spearman.toFixed(2).padStart(9) : '        –'}  ${r.worstLabel}`,
    );
  }
  const memory = rows.find((r) => r.quantity === 'train_peak_memory_bytes' && r.framework === 'all');
  const targets: [string, number | undefined, number][] = [
    ['fine-tuning peak memory median ≤ 10%', memory?.median, 0.1],
    ['fine-tuning peak memory p90 ≤ 25%', memory?.p90, 0.25],
  ];
  for (const [name, value, limit] of targets) {
    const met = value !== undefined && value <= limit;
    console.log(`target ${name}: ${value === undefined ? 'no data' : pct(value).trim()} → ${met ? 'met' : 'MISSED'}`);
  }
  const excluded = measurements.filter((m) => m.excluded);
  console.log(`fine-tuning rows excluded from fitting and scoring: ${excluded.length}`);
  for (const reason of new Set(excluded.map((m) => m.excluded)))
    console.log(`  ${excluded.filter((m) => m.excluded === reason).length} × ${reason ?? ''}`);
  if (updateBaseline) {
    const baseline = Object.fromEntries(
      rows.filter((r) => r.framework === 'all').map((r) => [r.quantity, { n: r.n, median: r.median, p90: r.p90 }]),
    );
    writeFileSync(join(root, 'data', 'training-accuracy-baseline.json'), `${JSON.stringify(baseline, null, 2)}\n`);
    console.log('updated data/training-accuracy-baseline.json');
  }
}
