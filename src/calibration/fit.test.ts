import { describe, expect, it } from 'vitest';
import type { SpeedConstants } from '../core/runtimes/profile';
import { fitBackend } from './fit';
import type { Measurement } from '../catalog/measurement-schema';
import { predict, prepare, type Prepared } from './predict';

/** Synthetic rows whose "measured" speed is the estimator's own at known constants. */
function rows(
  truth: SpeedConstants,
  quantity: 'decode_tps' | 'prefill_tps' = 'decode_tps',
  models: readonly (readonly [string, string])[] = DENSE,
  runtime: Measurement['runtime'] = 'transformers',
): Prepared[] {
  const out: Prepared[] = [];
  for (const [model, format] of models) {
    const m: Measurement = {
      id: `${model}-${format}`,
      quantity,
      value: 1,
      model,
      format,
      runtime,
      backend: 'cuda',
      gpu: 'a100-80gb-sxm',
      gpuCount: 1,
      promptTokens: quantity === 'prefill_tps' ? 512 : 1,
      generatedTokens: quantity === 'prefill_tps' ? 0 : 128,
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

const DENSE = [
  ['qwen2-5-0-5b', 'bf16'],
  ['qwen2-5-7b', 'bf16'],
  ['qwen2-5-14b', 'gptq-4bit-g128'],
  ['qwen2-5-32b', 'awq-4bit-g128'],
  ['llama-2-13b', 'f16'],
  ['qwen2-5-72b', 'gptq-4bit-g128'],
] as const;

// Compute-bound at 512-token micro-batches on an A100 (the fit reads measured ÷ ideal as the efficiency).
const MOE = [
  ['qwen3-30b-a3b', 'Q4_K_M'],
  ['mixtral-8x7b', 'Q4_K_M'],
  ['gpt-oss-20b', 'MXFP4_MOE'],
  ['qwen3-coder-30b-a3b', 'Q4_K_M'],
  ['phi-3-5-moe', 'Q4_K_M'],
] as const;

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

  it('fits prompt processing of mixture-of-experts models on its own', () => {
    const truth = { bandwidthEfficiency: 0.9, perLayerSeconds: 0, computeEfficiency: 0.6, moeComputeEfficiency: 0.3 };
    const dense = rows(
      truth,
      'prefill_tps',
      [
        ['qwen2-5-7b', 'Q4_K_M'],
        ['llama-2-13b', 'Q4_K_M'],
        ['qwen2-5-14b', 'Q4_K_M'],
        ['qwen2-5-32b', 'Q4_K_M'],
        ['llama-3-1-8b', 'Q8_0'],
      ],
      'llama.cpp',
    );
    const fitted = fitBackend([...dense, ...rows(truth, 'prefill_tps', MOE, 'llama.cpp')], fallback);
    expect(fitted.computeEfficiency).toBeCloseTo(0.6, 3);
    expect(fitted.moeComputeEfficiency).toBeCloseTo(0.3, 3);
    expect(fitBackend(dense, fallback).moeComputeEfficiency).toBeUndefined();
  });

  it('keeps the fallback with fewer than five rows', () => {
    const fitted = fitBackend(rows(fallback).slice(0, 4), { ...fallback, perLayerSeconds: 1e-4 });
    expect(fitted.bandwidthEfficiency).toBe(0.5);
    expect(fitted.perLayerSeconds).toBe(1e-4);
  });
});
