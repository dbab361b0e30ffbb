import { describe, expect, it } from 'vitest';
import { GPUS, gpuDevice } from '../catalog/catalog';
import { format } from '../core/test-formats';
import { planModel } from './test-models';
import { canRun } from './can-run';
import { DEFAULT_MAX_LOSS, explainOption, formatsWithinLoss, lossFor, requiredMarginBytes } from './format-choice';
import { paretoFrontier, planHardware, type PlanRequest } from './plan';

const GiB = 1024 ** 3;
const model = planModel;
const request = (id: string, maxLoss?: number): PlanRequest => ({
  models: [model(id)],
  formats: [],
  contextTokens: 8192,
  users: 1,
  kvCacheType: 'f16',
  runtime: 'llama.cpp',
  minTokensPerSecond: 10,
  budgetUsd: null,
  powerLimitWatts: null,
  allowed: ['consumer'],
  maxLoss,
});

describe('published loss on one scale', () => {
  it('reads KLD as published, perplexity as ln of the ratio and benchmarks as points lost', () => {
    // llama.cpp scoreboard, Llama 3 8B: Q6_K mean KLD 0.005452; Q5_K_M 0.010762.
    expect(lossFor({ key: 'llama-3-8b' }, format('Q6_K'))?.loss).toBeCloseTo(0.005452, 6);
    expect(lossFor({ key: 'llama-3-8b' }, format('Q5_K_M'))?.loss).toBeCloseTo(0.010762, 6);
    // Mistral Small 24B FP8: 78.88 of 79.45 → 99.28% → 0.00717.
    const fp8 = lossFor({ key: 'mistral-small-24b' }, format('fp8'));
    expect(fp8?.loss).toBeCloseTo(1 - 78.88 / 79.45, 6);
    expect(fp8?.measuredOn).toBe('mistral-small-24b');
    // Mistral 7B IQ3_XXS: ln(PPL ratio) 0.0589 is itself the loss; published as +6.07% perplexity.
    const iq3 = lossFor({ key: 'mistral-7b-v0-1' }, format('IQ3_XXS'));
    expect(iq3?.loss).toBeCloseTo(0.0589, 6);
    expect(iq3?.published).toBe('+6.07% perplexity');
  });

  it('falls back to the family, then to the reference model, and says where the figure is from', () => {
    // Codestral has no row of its own: Mistral 7B's IQ2_XS figure is the family's.
    expect(lossFor({ key: 'codestral-22b' }, format('IQ2_XS'))?.measuredOn).toBe('mistral-7b-v0-1');
    expect(lossFor({ key: 'gemma-3-27b' }, format('Q6_K'))?.measuredOn).toBe('llama-3-8b');
    // Qwen3 32B in FP8: Qwen3 8B's MMLU-Pro, 0.62633 of 0.63182 → 0.00868.
    const qwen = lossFor({ key: 'qwen3-32b' }, format('fp8'));
    expect(qwen?.measuredOn).toBe('qwen3-8b');
    expect(qwen?.loss).toBeCloseTo(1 - 0.6263297872340425 / 0.6318151595744681, 9);
    // NVFP4 on Qwen3 8B: ln(18.28 / 17.92) = 0.0199 is over the default threshold.
    expect(lossFor({ key: 'qwen3-8b' }, format('nvfp4'))?.loss).toBeCloseTo(Math.log(18.28 / 17.92), 9);
    expect(formatsWithinLoss('vllm', [{ key: 'qwen3-32b' }], DEFAULT_MAX_LOSS)[0]?.id).toBe('fp8');
  });

  it('counts 16-bit and a model’s released format as lossless', () => {
    expect(lossFor({ key: 'qwen3-8b' }, format('f16'))?.loss).toBe(0);
    expect(lossFor({ key: 'gpt-oss-20b' }, format('mxfp4'))?.loss).toBe(0);
    expect(lossFor({ key: 'deepseek-v3' }, format('fp8'))?.loss).toBe(0);
    // llama.cpp's MXFP4_MOE re-stores the non-expert weights as Q8_0: that row's loss.
    expect(lossFor({ key: 'gpt-oss-20b' }, format('MXFP4_MOE'))?.loss).toBeCloseTo(0.001355, 6);
  });
});

describe('the smallest format within the threshold', () => {
  it('is Q6_K for an 8B model at KLD 0.01 and Q5_K_M at 0.011', () => {
    const m = [{ key: 'llama-3-1-8b' }];
    expect(formatsWithinLoss('llama.cpp', m, DEFAULT_MAX_LOSS)[0]?.id).toBe('Q6_K');
    expect(formatsWithinLoss('llama.cpp', m, 0.011)[0]?.id).toBe('Q5_K_M');
    // Below the smallest published loss only the 16-bit formats pass.
    const strict = formatsWithinLoss('llama.cpp', m, 0.0001);
    expect(strict.length).toBeGreaterThan(0);
    expect(strict.every((f) => f.bits === 16)).toBe(true);
  });

  it('asks for 1 GiB free on small cards and 5% on large ones', () => {
    expect(requiredMarginBytes(8 * GiB)).toBe(GiB);
    expect(requiredMarginBytes(80 * GiB)).toBe(4 * GiB);
  });
});

describe('plans under the rule', () => {
  it('a 24B model on a 24 GB card gets Q6_K, not F16 or a bare fit, and the reason names the figure', () => {
    const gpus = GPUS.filter((g) => g.id === 'rtx-4090');
    const req = { ...request('mistral-small-24b', DEFAULT_MAX_LOSS), gpus };
    const [o] = planHardware(req).options;
    expect(o?.format?.id).toBe('Q6_K');
    expect(o?.spareBytes ?? 0).toBeGreaterThanOrEqual(requiredMarginBytes(22 * GiB));
    const [why] = o ? explainOption(req, o, DEFAULT_MAX_LOSS) : [];
    expect(why).toMatch(
      /^Q6_K: the smallest format within 0\.01 KLD of 16-bit for Mistral Small 3 24B \(mean KLD 0\.00545, figure from Llama 3 8B, https:\/\/github\.com\/ggml-org\/llama\.cpp\/.*\), leaves \d+\.\d GiB free \(needs 1\.\d GiB\)\.$/,
    );
  });

  it('never stars a fit with a few MiB to spare', () => {
    // "Best quality" stars an Arc B570 10 GB for Qwen3 14B at Q4_K_M with tens of MiB left.
    const best = planHardware(request('qwen3-14b'));
    const b570 = best.options.find((o) => o.candidate.key === 'arc-b570');
    expect(b570?.spareBytes ?? GiB).toBeLessThan(0.1 * GiB);
    expect(paretoFrontier(best.options).has('arc-b570')).toBe(true);
    const rec = planHardware(request('qwen3-14b', DEFAULT_MAX_LOSS));
    expect(rec.options.some((o) => o.candidate.key === 'arc-b570')).toBe(false);
    for (const o of rec.options) expect(o.spareBytes ?? 0).toBeGreaterThanOrEqual(GiB);
    expect(rec.rejected.find((o) => o.candidate.key === 'arc-b570')?.reason).toBe(
      'does not fit with 1 GiB and 5% free at Q6_K, the smallest format within 0.01 KLD',
    );
  });

  it('can-run keeps the rule per model and moves experts to RAM to keep the margin', () => {
    const gpu = GPUS.find((g) => g.id === 'rtx-4090');
    if (!gpu) throw new Error('no RTX 4090 in the catalogue');
    const devices = [gpuDevice(gpu)];
    const req = { devices, contextTokens: 8192, users: 1, kvCacheType: 'f16' as const, runtime: 'llama.cpp' as const };
    const old = canRun(req).rows.find((r) => r.modelId === 'llama-3-1-8b');
    const rec = canRun({ ...req, maxLoss: DEFAULT_MAX_LOSS });
    expect(old?.format.id).toBe('f16');
    expect(rec.rows.find((r) => r.modelId === 'llama-3-1-8b')?.format.id).toBe('Q6_K');
    expect(rec.rows.find((r) => r.modelId === 'gpt-oss-120b')?.format.id).toBe('MXFP4_MOE');
    for (const r of rec.rows) expect(r.spareBytes).toBeGreaterThanOrEqual(GiB);
  });
});
