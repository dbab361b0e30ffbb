import { describe, expect, it } from 'vitest';
import { MODELS } from '../catalog/catalog';
import { PRICES } from '../catalog/prices';
import { weightFormatById } from '../core/formats/weight-formats';
import { planHardware, type PlanRequest } from './plan';

const m = MODELS.find((x) => x.id === 'llama-3-1-70b');
const q4 = weightFormatById('Q4_K_M');
if (!m || !q4) throw new Error('catalogue lacks Llama 3.1 70B or Q4_K_M');

const base: PlanRequest = {
  models: [{ key: m.id, name: m.name, arch: m.arch, contextLimit: m.contextLength }],
  formats: [q4],
  contextTokens: 8192,
  users: 1,
  kvCacheType: 'f16',
  runtime: 'llama.cpp',
  minTokensPerSecond: 10,
  budgetUsd: null,
  powerLimitWatts: null,
  allowed: ['datacenter'],
};

describe('buying guide prices', () => {
  it('with launch prices, datacenter GPUs that would run are listed as unpriced, not dropped', () => {
    const plan = planHardware({ ...base, priceChoice: 'launch' });
    expect(plan.options).toEqual([]);
    expect(plan.unpriced.some((o) => o.candidate.key === 'h100-80gb-sxm')).toBe(true);
    expect(plan.unpricedCount).toBeGreaterThanOrEqual(plan.unpriced.length);
    for (const o of plan.unpriced) expect(o.candidate.priceKind).toBe('none');
  });

  it('with the cheapest known price, an H100 is priced from data/prices.json with its kind and date', () => {
    const plan = planHardware(base);
    const h100 = plan.options.find((o) => o.candidate.key === 'h100-80gb-sxm');
    const row = PRICES.find((p) => p.gpu === 'h100-80gb-sxm' && p.kind === 'new');
    expect(row).toBeDefined();
    expect(h100?.candidate.priceUsd).toBe(row?.usd);
    expect(h100?.candidate.priceKind).toBe('new');
    expect(h100?.candidate.priceDate).toBe(row?.date);
  });

  it('"used" prices only what has a used price; a budget does not bound what has none', () => {
    const plan = planHardware({ ...base, priceChoice: 'used', budgetUsd: 1 });
    for (const o of [...plan.options, ...plan.rejected]) expect(o.candidate.priceKind).toBe('used');
    expect(plan.unpriced.length).toBeGreaterThan(0);
  });

  it('renting ranks every listed GPU by its cheapest on-demand price per hour', () => {
    const plan = planHardware({ ...base, allowed: [], rent: true });
    expect(plan.options.length).toBeGreaterThan(0);
    const hourly = plan.options.map((o) => o.candidate.priceUsd);
    expect([...hourly].sort((a, b) => a - b)).toEqual(hourly);
    for (const o of plan.options) {
      expect(o.candidate.priceKind).toBe('cloud-hour');
      const gpu = o.candidate.parts[0]?.gpu.id;
      const cheapest = Math.min(...PRICES.filter((p) => p.gpu === gpu && p.kind === 'cloud-hour').map((p) => p.usd));
      expect(o.candidate.priceUsd).toBeCloseTo(cheapest * (o.candidate.parts[0]?.count ?? 0), 9);
    }
  });
});
