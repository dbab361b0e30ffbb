import { describe, expect, it } from 'vitest';
import { MODELS } from '../catalog/catalog';
import { planTraining, trainingParetoFrontier } from './train-plan';
import { trainCanRun } from './train-can-run';
import { gpuDevice, GPUS } from '../catalog/catalog';

const llama8b = MODELS.find((m) => m.id === 'llama-3-1-8b');
if (!llama8b) throw new Error('catalogue lost Llama 3.1 8B');
const model = { key: llama8b.id, name: llama8b.name, arch: llama8b.arch };

describe('plan --task train', () => {
  const base = {
    model,
    framework: 'hf' as const,
    request: { method: 'qlora' as const, seqTokens: 2048, microBatch: 1 },
    datasetTokens: 1e8,
    epochs: 1,
    maxHours: null,
    budgetUsd: null,
    powerLimitWatts: null,
    allowed: ['consumer' as const],
  };

  it('ranks the hardware that fits by launch price and says why cheaper hardware was rejected', () => {
    const plan = planTraining(base);
    expect(plan.options.length).toBeGreaterThan(0);
    const prices = plan.options.map((o) => o.candidate.priceUsd);
    expect(prices).toEqual([...prices].sort((a, b) => a - b));
    for (const o of plan.options) expect(['fits', 'tight']).toContain(o.estimate?.fit.verdict);
    const cheapest = plan.options[0]?.candidate.priceUsd ?? 0;
    const cheaper = plan.rejected.filter((o) => o.candidate.priceUsd < cheapest);
    for (const o of cheaper) expect(o.reason).toMatch(/^does not fit: needs /);
  });

  it('a time limit rejects hardware that would take longer, and the frontier is never slower for more money', () => {
    const unlimited = planTraining(base);
    const slowest = Math.max(...unlimited.options.map((o) => o.estimate?.time?.totalSeconds ?? 0));
    const limit = slowest / 3600 / 2;
    const limited = planTraining({ ...base, maxHours: limit });
    for (const o of limited.options)
      expect((o.estimate?.time?.totalSeconds ?? Infinity) / 3600).toBeLessThanOrEqual(limit);
    expect(limited.rejected.some((o) => o.reason?.startsWith('too slow'))).toBe(true);
    const frontier = limited.options.filter((o) => trainingParetoFrontier(limited.options).has(o.candidate.key));
    for (let i = 1; i < frontier.length; i++)
      expect(frontier[i]?.estimate?.time?.totalSeconds ?? 0).toBeLessThan(
        frontier[i - 1]?.estimate?.time?.totalSeconds ?? 0,
      );
  });

  it('respects the budget', () => {
    const plan = planTraining({ ...base, budgetUsd: 600 });
    for (const o of plan.options) expect(o.candidate.priceUsd).toBeLessThanOrEqual(600);
    expect(plan.rejected.some((o) => o.reason?.startsWith('over budget'))).toBe(true);
  });
});

describe('can-run --task train', () => {
  const gpu = GPUS.find((g) => g.id === 'rtx-4090');
  if (!gpu) throw new Error('catalogue lost the RTX 4090');
  it('gives each model the heaviest method that fits: full for small models, QLoRA for larger ones', () => {
    const r = trainCanRun({
      devices: [gpuDevice(gpu)],
      framework: 'hf',
      request: { seqTokens: 1024, microBatch: 1, gradientCheckpointing: true },
      datasetTokens: 1e7,
      epochs: 1,
    });
    const method = (id: string) => r.rows.find((x) => x.modelId === id)?.method;
    expect(method('qwen2-5-0-5b')).toBe('full');
    expect(method('llama-3-1-8b')).toBe('lora');
    expect(method('qwen2-5-14b')).toBe('qlora');
    expect(r.cannot).toContain('Llama 3.1 405B');
    for (const row of r.rows) expect(row.maxSeqTokens).toBeGreaterThanOrEqual(1);
  });
});
