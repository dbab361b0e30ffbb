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

// Mixture-of-experts models (on an A100, where 512-token micro-batches are compute-bound).
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

  it('fits the compute efficiency on dense prompts and the expert tile on mixture-of-experts prompts', () => {
    const truth = { bandwidthEfficiency: 0.9, perLayerSeconds: 0, computeEfficiency: 0.6, expertTileTokens: 64 };
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
    expect(fitted.expertTileTokens ?? 0).toBeCloseTo(64, 0);
    expect(fitted.fitted.moePrefill).toBe(true);
    expect(fitBackend(dense, fallback).fitted.moePrefill).toBe(false);
  });

  it('fits the extra decode cost of MoE layers where MoE rows exercise it', () => {
    const truth = {
      bandwidthEfficiency: 0.8,
      perLayerSeconds: 100e-6,
      computeEfficiency: 0.5,
      moePerLayerSeconds: 50e-6,
    };
    const dense = rows(truth);
    const moe = rows(truth, 'decode_tps', MOE, 'llama.cpp');
    const fitted = fitBackend([...dense, ...moe], fallback);
    expect(fitted.fitted.moeDecode).toBe(true);
    expect(fitted.bandwidthEfficiency).toBeCloseTo(0.8, 3);
    expect(fitted.perLayerSeconds).toBeCloseTo(100e-6, 8);
    expect(fitted.moePerLayerSeconds ?? 0).toBeCloseTo(50e-6, 8);
    // Dense rows alone say nothing about MoE layers: the fallback's value stays.
    expect(fitBackend(dense, fallback).fitted.moeDecode).toBe(false);
  });

  it('keeps the fallback with fewer than five rows', () => {
    const fitted = fitBackend(rows(fallback).slice(0, 4), { ...fallback, perLayerSeconds: 1e-4 });
    expect(fitted.bandwidthEfficiency).toBe(0.5);
    expect(fitted.perLayerSeconds).toBe(1e-4);
  });
});
