import { describe, expect, it } from 'vitest';
import { CPUS, GPUS, MODELS, gpuDevice } from '../catalog/catalog';
import { architectureProblem } from './architecture';
import { DEVICE_BOUNDS } from './bounds';
import { deviceProblem, hostProblem } from './devices';
import { estimate, type EstimateInput } from './estimate';
import { weightFormatById } from './formats/weight-formats';
import { RTX_4090 } from './test-devices';
import { LLAMA_3_8B } from './test-architectures';

const GiB = 1024 ** 3;
const Q4 = weightFormatById('Q4_K_M');
if (!Q4) throw new Error('Q4_K_M is in the catalogue');
const base: EstimateInput = {
  arch: LLAMA_3_8B,
  format: Q4,
  contextTokens: 8192,
  sequences: 1,
  kvCacheType: 'f16',
  runtime: 'llama.cpp',
  devices: [RTX_4090],
};

const errorOf = (r: ReturnType<typeof estimate>) => (r.ok ? 'no error' : r.error);

describe('bounds (issue 16: estimate() succeeded with Infinity)', () => {
  it('every catalogue model, GPU and CPU is inside them', () => {
    for (const m of MODELS) expect(architectureProblem(m.arch), m.id).toBeNull();
    for (const g of GPUS) expect(deviceProblem(gpuDevice(g)), g.id).toBeNull();
    for (const c of CPUS)
      expect(hostProblem({ memoryBytes: 64 * GiB, bandwidthBytesPerSecond: c.bandwidthGBps * 1e9 }), c.id).toBeNull();
  });

  it.each([
    ['hiddenSize', 1e200, 'hiddenSize must be a whole number from 1 to 131,072; got a 201-digit number'],
    ['intermediateSize', 1e300, 'intermediateSize must be a whole number from 1 to 1,048,576; got a 301-digit number'],
    ['layers', 1e9, 'layers must be a whole number from 1 to 1,024; got 1000000000'],
    ['vocabSize', 1e15, 'vocabSize must be a whole number from 1 to 4,194,304; got 1000000000000000'],
    ['headDim', 0.5, 'headDim must be a whole number from 1 to 2,048; got 0.5'],
  ])('refuses %s = %s with the field, the range and the value', (field, value, message) => {
    const r = estimate({ ...base, arch: { ...LLAMA_3_8B, [field]: value } });
    expect(r).toEqual({ ok: false, error: message });
  });

  it('refuses devices and system RAM outside physical ranges, in the units people use', () => {
    const tiny = { ...RTX_4090, memoryBytes: 1e-9 * GiB };
    expect(errorOf(estimate({ ...base, devices: [tiny] }))).toMatch(
      /^RTX 4090: memory must be a number of GiB from 0.25 to 65,536; got 0.000000001/,
    );
    const slow = { ...RTX_4090, bandwidthBytesPerSecond: 1e-7 * 1e9 };
    expect(estimate({ ...base, devices: [slow] }).ok).toBe(false);
    const huge = { ...RTX_4090, memoryBytes: 1e40 * GiB, bandwidthBytesPerSecond: 1e40 * 1e9 };
    expect(estimate({ ...base, devices: [huge] }).ok).toBe(false);
    const host = { memoryBytes: 1e-6 * GiB, bandwidthBytesPerSecond: 89.6e9 };
    expect(errorOf(estimate({ ...base, host }))).toMatch(/^system RAM: memory/);
  });

  it('accepts the edges themselves', () => {
    const smallest = { ...RTX_4090, memoryBytes: DEVICE_BOUNDS.memoryBytes.min };
    const largest = { ...RTX_4090, memoryBytes: DEVICE_BOUNDS.memoryBytes.max };
    expect(estimate({ ...base, devices: [smallest] }).ok).toBe(true);
    expect(estimate({ ...base, devices: [largest] }).ok).toBe(true);
    expect(estimate({ ...base, contextTokens: 16_777_216 }).ok).toBe(true);
  });

  it('never succeeds with a non-finite number, even from speed constants it does not check', () => {
    const r = estimate({
      ...base,
      speedConstants: { bandwidthEfficiency: 1, perLayerSeconds: NaN, computeEfficiency: 0.5 },
    });
    expect(r).toEqual({ ok: false, error: "the decode speed came out as no finite number; check the inputs' sizes" });
  });
});
