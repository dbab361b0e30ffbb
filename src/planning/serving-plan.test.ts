import { describe, expect, it } from 'vitest';
import { GPUS } from '../catalog/catalog';
import type { GpuEntry } from '../catalog/schema';
import { format } from '../core/test-formats';
import { planModel } from './test-models';
import { planHardware, type PlanRequest } from './plan';

const model = planModel;

const request: PlanRequest = {
  models: [model('llama-3-1-8b')],
  formats: [],
  contextTokens: 8192,
  users: 50,
  kvCacheType: 'f16',
  runtime: 'vllm',
  minTokensPerSecond: 20,
  budgetUsd: null,
  powerLimitWatts: null,
  allowed: ['consumer', 'workstation'],
};

describe('buying for users with an engine that pages its KV cache', () => {
  it('50 users at 20 tok/s each with 8K contexts: the cheapest hardware whose vLLM pool holds them all', () => {
    const plan = planHardware(request);
    const best = plan.options[0];
    if (!best) throw new Error('an option is expected');
    expect(best.servedUsers ?? 0).toBeGreaterThanOrEqual(50);
    expect(best.decodeTokensPerSecond ?? 0).toBeGreaterThanOrEqual(20);
    // Every cheaper configuration was turned down for a reason that names the pool or the speed.
    for (const r of plan.rejected.filter((o) => o.candidate.priceUsd < best.candidate.priceUsd)) {
      expect(r.reason ?? '').toMatch(/does not fit|too slow|runs only on|needs identical|loads/);
    }
    // One RTX 5090 starts but its pool holds far fewer than 50 requests of 8K at once.
    expect(plan.rejected.find((o) => o.candidate.key === 'rtx-5090')?.reason).toMatch(
      /^does not fit: the pool holds \d+ requests of 8,192 tokens at once, needs 50$/,
    );
    // Serving engines run identical GPUs: no mixed pairs are tried.
    expect([...plan.options, ...plan.rejected].some((o) => o.candidate.parts.length > 1)).toBe(false);
  });

  it('tries clusters of 2 and 4 machines of 8 datacenter GPUs: DeepSeek-V3 needs two machines of H100', () => {
    // A price for the test only: the catalogue has no sourced H100 purchase price.
    const h100 = GPUS.find((g) => g.id === 'h100-80gb-sxm');
    if (!h100) throw new Error('no H100');
    const priced: GpuEntry = {
      ...h100,
      launchPrice: { usd: 30000, date: '2023-01', source: 'https://example.org/test-only-price' },
    };
    const plan = planHardware({
      ...request,
      models: [model('deepseek-v3')],
      formats: [format('fp8')],
      users: 32,
      minTokensPerSecond: 10,
      allowed: ['datacenter'],
      gpus: [priced],
    });
    const keys = plan.options.map((o) => o.candidate.key);
    expect(keys[0]).toBe('h100-80gb-sxm*8~n2');
    expect(keys).toContain('h100-80gb-sxm*8~n4');
    const cheapest = plan.options[0];
    expect(cheapest?.candidate.nodes).toBe(2);
    expect(cheapest?.candidate.priceUsd).toBe(16 * 30000);
    // One machine of 8 cannot even hold the weights.
    expect(plan.rejected.find((o) => o.candidate.key === 'h100-80gb-sxm*8')?.reason).toMatch(/^does not fit/);
  });
});
