import { describe, expect, it } from 'vitest';
import type { SpeedConstants } from '../core/runtimes';
import { fitBackend } from './fit';
import type { Measurement } from './measurement-schema';
import { predict, prepare, type Prepared } from './predict';

/** Synthetic decode rows whose "measured" speed is the estimator's own at known constants. */
function rows(truth: SpeedConstants): Prepared[] {
  const out: Prepared[] = [];
  for (const [model, format] of [
    ['qwen2-5-0-5b', 'bf16'],
    ['qwen2-5-7b', 'bf16'],
    ['qwen2-5-14b', 'gptq-4bit-g128'],
    ['qwen2-5-32b', 'awq-4bit-g128'],
    ['llama-2-13b', 'f16'],
    ['qwen2-5-72b', 'gptq-4bit-g128'],
  ] as const) {
    const m: Measurement = {
      id: `${model}-${format}`,
      quantity: 'decode_tps',
      value: 1,
      model,
      format,
      runtime: 'transformers',
      backend: 'cuda',
      gpu: 'a100-80gb-sxm',
      gpuCount: 1,
      promptTokens: 1,
      generatedTokens: 128,
      batch: 1,
      flashAttention: true,
      build: 'synthetic',
      date: '2025-01',
      source: 'https://example.org/',
    };
    const p = prepare(m);
    if (typeof p === 'string') throw new Error(p);
    out.push({ ...p, m: { ...m, value: predict(p, truth) ?? NaN } });
  }
  return out;
}

const fallback: SpeedConstants = { bandwidthEfficiency: 0.5, perLayerSeconds: 0, computeEfficiency: 0.5 };

describe('fitBackend', () => {
  it('recovers the constants that generated the data', () => {
    const truth = { bandwidthEfficiency: 0.8, perLayerSeconds: 300e-6, computeEfficiency: 0.5 };
    const fitted = fitBackend(rows(truth), fallback);
    expect(fitted.decodeN).toBe(6);
    expect(fitted.bandwidthEfficiency).toBeCloseTo(0.8, 3);
    expect(fitted.perLayerSeconds).toBeCloseTo(300e-6, 8);
  });

  it('holds the efficiency at 1 when the best fit would beat the memory bandwidth', () => {
    // Faster than the bandwidth allows plus a large fixed cost: eager PyTorch on small models.
    const data = rows({ bandwidthEfficiency: 1, perLayerSeconds: 800e-6, computeEfficiency: 0.5 }).map((p) => ({
      ...p,
      m: { ...p.m, value: p.m.value * 1.1 },
    }));
    const fitted = fitBackend(data, fallback);
    expect(fitted.bandwidthEfficiency).toBe(1);
    expect(fitted.perLayerSeconds).toBeGreaterThan(500e-6);
  });

  it('keeps the fallback with fewer than five rows', () => {
    const fitted = fitBackend(rows(fallback).slice(0, 4), { ...fallback, perLayerSeconds: 1e-4 });
    expect(fitted.bandwidthEfficiency).toBe(0.5);
    expect(fitted.perLayerSeconds).toBe(1e-4);
  });
});
