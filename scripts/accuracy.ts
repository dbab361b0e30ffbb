/**
 * `npm run accuracy`: the estimator against the evaluation split of data/benchmarks. Prints, per
 * quantity and backend, N, median and 90th-percentile absolute error, the worst case and the rank
 * correlation, and writes a predicted-against-measured plot to test-results/accuracy.svg.
 * `--update-baseline` records the figures in data/accuracy-baseline.json, which the tests hold
 * every later change to.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MOE_GROUP, accuracyPoints, accuracyTable } from '../src/calibration/accuracy';
import { loadMeasurements } from '../src/calibration/load-measurements';
import { accuracySvg } from '../src/calibration/accuracy-svg';
import { reportTrainingAccuracy } from './accuracy-training';

const root = join(import.meta.dirname, '..');
const measurements = loadMeasurements(join(root, 'data', 'benchmarks'));
const points = accuracyPoints(measurements);
const rows = accuracyTable(points);
const pct = (x: number) => `${(x * 100).toFixed(1)}%`.padStart(7);
console.log('quantity            backend                 N  median     p90   worst  rank-corr  worst case');
for (const r of rows) {
  console.log(
    `${r.quantity.padEnd(19)} ${r.backend.padEnd(20)} ${String(r.n).padStart(4)} ${pct(r.median)} ${pct(r.p90)} ${pct(r.worst)}  ${Number.isFinite(r.spearman) ? r.spearman.toFixed(2).padStart(9) : '        –'}  ${r.worstLabel} (${r.worstBuild})`,
  );
}
const all = (q: string) => rows.find((r) => r.quantity === q && r.backend === 'all');
const moe = (q: string) => rows.find((r) => r.quantity === q && r.backend === MOE_GROUP);
// Total memory: every evaluation row within 10% or 0.5 GiB, whichever is larger.
const GiB = 1024 ** 3;
const memory = points.filter((p) => p.quantity === 'peak_memory_bytes');
const memoryOutside = memory.filter(
  (p) => Math.abs(p.predicted - p.measured) > Math.max(0.1 * p.measured, 0.5 * GiB),
).length;
const targets: [string, number | undefined, number][] = [
  ['decode median ≤ 10%', all('decode_tps')?.median, 0.1],
  ['decode p90 ≤ 30%', all('decode_tps')?.p90, 0.3],
  ['MoE decode median ≤ 10%', moe('decode_tps')?.median, 0.1],
  ['MoE decode p90 ≤ 30%', moe('decode_tps')?.p90, 0.3],
  ['prefill median ≤ 25%', all('prefill_tps')?.median, 0.25],
  ['prefill p90 ≤ 60%', all('prefill_tps')?.p90, 0.6],
  [
    'GGUF sizes within 2%',
    rows.find((r) => r.quantity === 'weights_bytes' && r.backend === 'llama.cpp/nvidia')?.worst,
    0.02,
  ],
  ['KV cache exact', all('kv_bytes')?.worst, 0],
  [
    'total memory within 10% or 0.5 GiB (share of rows outside)',
    memory.length ? memoryOutside / memory.length : undefined,
    0,
  ],
];
for (const [name, value, limit] of targets) {
  const met = value !== undefined && value <= limit;
  console.log(`target ${name}: ${value === undefined ? 'no data' : pct(value).trim()} → ${met ? 'met' : 'MISSED'}`);
}
const excluded = measurements.filter((m) => m.excluded);
if (excluded.length) {
  console.log(`excluded from fitting and scoring: ${excluded.length} measurements`);
  for (const reason of new Set(excluded.map((m) => m.excluded)))
    console.log(`  ${excluded.filter((m) => m.excluded === reason).length} × ${reason ?? ''}`);
}
mkdirSync(join(root, 'test-results'), { recursive: true });
writeFileSync(join(root, 'test-results', 'accuracy.svg'), accuracySvg(points));
console.log('wrote test-results/accuracy.svg');
if (process.argv.includes('--update-baseline')) {
  // Keys: the quantity over all rows, and "<quantity>@moe" over mixture-of-experts models alone.
  const baseline = Object.fromEntries(
    rows
      .filter((r) => r.backend === 'all' || r.backend === MOE_GROUP)
      .map((r) => [
        r.backend === 'all' ? r.quantity : `${r.quantity}@${r.backend}`,
        { n: r.n, median: r.median, p90: r.p90 },
      ]),
  );
  writeFileSync(join(root, 'data', 'accuracy-baseline.json'), `${JSON.stringify(baseline, null, 2)}\n`);
  console.log('updated data/accuracy-baseline.json');
}
reportTrainingAccuracy(root, process.argv.includes('--update-baseline'));
