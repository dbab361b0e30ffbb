/**
 * Computes the whole matrix (every catalogue model × GPU × weight format × four context lengths)
 * and reports estimates per second. Budget: the starter catalogue's matrix (19 models × 31 GPUs ×
 * 50 formats × 4 contexts = 117,800 estimates) in under 50 ms on a 2-core machine, i.e. at least
 * 2.36 million estimates per second; the full catalogue's matrix is timed and reported against it.
 * Usage: npm run bench [-- --runs 20]
 */
import { performance } from 'node:perf_hooks';
import { GPUS, MODELS, gpuDevice } from '../src/catalog/catalog';
import { estimateUnchecked, type EstimateInput } from '../src/core/estimate';
import { WEIGHT_FORMATS } from '../src/core/formats/weight-formats';

const CONTEXTS = [2048, 8192, 32768, 131072];
const BUDGET_MS = 50;
const BUDGET_ESTIMATES = 117_800;
const BUDGET_PER_SECOND = BUDGET_ESTIMATES / (BUDGET_MS / 1000);
const runsArg = process.argv.indexOf('--runs');
const runs = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 20;

const devices = GPUS.map((g) => [gpuDevice(g)]);
const inputs: EstimateInput[] = [];
for (const m of MODELS) {
  for (const d of devices) {
    for (const format of WEIGHT_FORMATS) {
      for (const ctx of CONTEXTS) {
        inputs.push({
          arch: m.arch,
          format,
          contextTokens: Math.min(ctx, m.contextLength),
          sequences: 1,
          kvCacheType: 'f16',
          runtime: 'llama.cpp',
          devices: d,
        });
      }
    }
  }
}

function pass(): { ms: number; checksum: number } {
  const start = performance.now();
  let checksum = 0;
  for (const input of inputs) checksum += estimateUnchecked(input).speed.decodeTokensPerSecond;
  return { ms: performance.now() - start, checksum };
}

const cold = pass();
const times: number[] = [];
for (let i = 0; i < runs; i++) times.push(pass().ms);
times.sort((a, b) => a - b);
const median = times[Math.floor(times.length / 2)] ?? NaN;
const perSecond = inputs.length / (median / 1000);

console.log(
  `matrix: ${MODELS.length} models × ${GPUS.length} GPUs × ${WEIGHT_FORMATS.length} formats × ${CONTEXTS.length} contexts = ${inputs.length.toLocaleString('en-US')} estimates`,
);
console.log(`first pass (fills the per-model weight analysis cache): ${cold.ms.toFixed(1)} ms`);
console.log(`warm passes: median ${median.toFixed(1)} ms, best ${(times[0] ?? NaN).toFixed(1)} ms over ${runs} runs`);
console.log(`throughput: ${Math.round(perSecond).toLocaleString('en-US')} estimates/s`);
const met = perSecond >= BUDGET_PER_SECOND;
console.log(
  `budget: ${BUDGET_ESTIMATES.toLocaleString('en-US')} estimates (the starter matrix) in < ${BUDGET_MS} ms, i.e. ≥ ${Math.round(BUDGET_PER_SECOND).toLocaleString('en-US')} estimates/s → ${met ? 'met' : 'MISSED'}`,
);
if (!met) process.exitCode = 1;
