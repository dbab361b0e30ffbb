import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GPUS, gpuDevice } from '../catalog/catalog';
import { format } from '../core/test-formats';
import { planModel } from './test-models';
import { canRun } from './can-run';
import { planHardware, type PlanRequest } from './plan';

const model = planModel;

const base: PlanRequest = {
  models: [model('llama-3-1-70b')],
  formats: [format('Q4_K_M')],
  contextTokens: 8192,
  users: 1,
  kvCacheType: 'f16',
  runtime: 'llama.cpp',
  minTokensPerSecond: 1,
  budgetUsd: null,
  powerLimitWatts: null,
  allowed: ['consumer', 'workstation'],
};

describe('buying guide', () => {
  it('a 70B model at Q4_K_M with 8K context needs two 24 GB cards or one 48 GB card', () => {
    const plan = planHardware(base);
    const viable = new Set(plan.options.map((o) => o.candidate.key));
    expect(viable.has('rtx-3090*2')).toBe(true);
    expect(viable.has('rtx-4090*2')).toBe(true);
    // The 48 GB card with a sourced launch price (NVIDIA's workstation cards have none in the catalogue).
    expect(viable.has('radeon-pro-w7900')).toBe(true);
    for (const key of ['rtx-3090', 'rtx-4090', 'rx-7900-xtx']) {
      const rejected = plan.rejected.find((o) => o.candidate.key === key);
      expect(rejected?.reason, key).toMatch(/does not fit/);
    }
  });

  it('a 7B model at FP16 fits one 24 GB card', () => {
    const plan = planHardware({
      ...base,
      models: [model('mistral-7b-v0-1')],
      formats: [format('f16')],
      runtime: 'vllm',
      kvCacheType: 'f16',
    });
    expect(plan.options.some((o) => o.candidate.key === 'rtx-4090')).toBe(true);
    expect(plan.rejected.find((o) => o.candidate.key === 'rtx-4060-ti-16gb')?.reason).toMatch(/does not fit/);
  });

  it('names why cheaper hardware was rejected, and every price has a source', () => {
    const plan = planHardware({ ...base, minTokensPerSecond: 15, budgetUsd: 3000 });
    expect(plan.rejected.some((o) => o.reason?.startsWith('too slow'))).toBe(true);
    expect(plan.rejected.some((o) => o.reason?.startsWith('over budget'))).toBe(true);
    for (const o of plan.options) {
      expect(o.candidate.priceUsd).toBeLessThanOrEqual(3000);
      expect(o.decodeTokensPerSecond).toBeGreaterThanOrEqual(15);
      expect(o.candidate.unitPrices).toHaveLength(o.candidate.parts.length);
      for (const u of o.candidate.unitPrices) expect(u.source).toMatch(/^https:/);
    }
  });

  it('a larger budget never yields a worse best option; a higher speed floor never adds options', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 300, max: 20000 }),
        fc.integer({ min: 0, max: 20000 }),
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 0, max: 40 }),
        (budget, more, floor, raise) => {
          const small = planHardware({ ...base, budgetUsd: budget, minTokensPerSecond: floor });
          const large = planHardware({ ...base, budgetUsd: budget + more, minTokensPerSecond: floor });
          const bestSmall = small.options[0];
          const bestLarge = large.options[0];
          if (bestSmall) {
            expect(bestLarge).toBeDefined();
            expect(bestLarge?.candidate.priceUsd).toBeLessThanOrEqual(bestSmall.candidate.priceUsd);
          }
          const stricter = planHardware({ ...base, budgetUsd: budget, minTokensPerSecond: floor + raise });
          const before = new Set(small.options.map((o) => o.candidate.key));
          for (const o of stricter.options) expect(before.has(o.candidate.key)).toBe(true);
        },
      ),
      { numRuns: 15 },
    );
  });
});

describe('buying guide with experts in system RAM', () => {
  it('offers one 24 GB card for gpt-oss-120b with experts in RAM, and not when expert offload is off', () => {
    const req = { ...base, models: [model('gpt-oss-120b')], formats: [format('MXFP4_MOE')], minTokensPerSecond: 10 };
    const card = planHardware(req).options.find((o) => o.candidate.key === 'rtx-3090');
    expect(card?.cpuMoeLayers).toBeGreaterThan(0);
    expect(card?.decodeTokensPerSecond).toBeGreaterThan(10);
    const whole = planHardware({ ...req, expertOffload: false });
    expect(whole.options.find((o) => o.candidate.key === 'rtx-3090')).toBeUndefined();
  });
});

describe('what can I run', () => {
  it('2 × RTX 3090 run a 70B model at 4-bit or better and Mixtral at 6 bits, but not the 405B', () => {
    const g = GPUS.find((x) => x.id === 'rtx-3090');
    if (!g) throw new Error('no rtx-3090');
    const { rows, cannot } = canRun({
      devices: [gpuDevice(g), gpuDevice(g)],
      contextTokens: 8192,
      users: 1,
      kvCacheType: 'f16',
      runtime: 'llama.cpp',
    });
    const llama70 = rows.find((r) => r.modelId === 'llama-3-1-70b');
    expect(llama70?.format.bits).toBeGreaterThanOrEqual(4);
    expect(llama70?.maxContext).toBeGreaterThanOrEqual(8192);
    expect(rows.find((r) => r.modelId === 'mixtral-8x7b')?.format.bits).toBeGreaterThanOrEqual(6);
    expect(cannot).toContain('Llama 3.1 405B');
  });

  it('finds gpt-oss-120b on one 24 GB card with experts in 64 GB of RAM, and keeps dense models whole', () => {
    const g = GPUS.find((x) => x.id === 'rtx-3090');
    if (!g) throw new Error('no rtx-3090');
    const req = {
      devices: [gpuDevice(g)],
      contextTokens: 8192,
      users: 1,
      kvCacheType: 'f16',
      runtime: 'llama.cpp',
    } as const;
    const { rows } = canRun(req);
    const oss = rows.find((r) => r.modelId === 'gpt-oss-120b');
    // 63 GB of weights against 24 GB: the experts of most of the 36 layers (1.7 GB each) move out.
    expect(oss?.cpuMoeLayers).toBeGreaterThan(20);
    expect(oss?.cpuMoeLayers).toBeLessThanOrEqual(36);
    expect(rows.find((r) => r.modelId === 'llama-3-1-8b')?.cpuMoeLayers).toBe(0);
    expect(canRun({ ...req, expertOffload: false }).cannot).toContain('gpt-oss-120b');
    expect(canRun({ ...req, host: { memoryBytes: 16 * 1024 ** 3, bandwidthBytesPerSecond: 89.6e9 } }).cannot).toContain(
      'gpt-oss-120b',
    );
  });
});
