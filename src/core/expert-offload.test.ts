import { describe, expect, it } from 'vitest';
import { DEFAULT_HOST } from './devices';
import { estimate, memoryComponents, type EstimateInput } from './estimate';
import { fewestExpertLayersInRam } from './expert-offload';
import { GPT_OSS_120B, LLAMA_3_8B } from './test-architectures';
import { M2_ULTRA_192, RTX_4090 } from './test-devices';
import { format, estimateRunner } from './test-formats';

const GiB = 1024 ** 3;

const base: EstimateInput = {
  arch: GPT_OSS_120B,
  format: format('MXFP4_MOE'),
  contextTokens: 8192,
  sequences: 1,
  kvCacheType: 'f16',
  runtime: 'llama.cpp',
  devices: [RTX_4090],
};

const run = estimateRunner(base);

// One layer's experts: 128 × 3 matrices of 2880 × 2880 at MXFP4 (17 bytes per 32 weights) =
// 1,692,057,600 bytes, plus their F32 biases, 128 × 3 × 2880 × 4 = 4,423,680 bytes.
const LAYER_EXPERTS = (128 * 3 * 2880 * 2880 * 17) / 32 + 128 * 3 * 2880 * 4;

describe('experts in system RAM (--cpu-moe, --n-cpu-moe)', () => {
  it('gpt-oss-120b fits one 24 GB card with all its experts in 64 GB of RAM; without, whole layers spill', () => {
    expect(run({}).fit.verdict).toBe('offload');
    const e = run({ cpuMoeLayers: 36 });
    expect(e.fit.verdict).toBe('fits');
    expect(e.fit.cpuMoeLayers).toBe(36);
    expect(e.memory.hostExpertBytes).toBe(36 * LAYER_EXPERTS);
    // The token embedding (201,088 × 2880 at Q8_0, 34 bytes per 32) stays in RAM as well.
    expect(e.memory.hostWeightsBytes - e.memory.hostExpertBytes).toBe((201088 * 2880 * 34) / 32);
    const weights = memoryComponents(e.memory).find((c) => c.id === 'weights');
    expect(weights?.hostBytes).toBe(e.memory.hostWeightsBytes);
  });

  it('keeps the experts of the first N layers only, and any N from the layer count on means all', () => {
    expect(run({ cpuMoeLayers: 10 }).memory.hostExpertBytes).toBe(10 * LAYER_EXPERTS);
    expect(run({ cpuMoeLayers: 99 }).memory.hostExpertBytes).toBe(36 * LAYER_EXPERTS);
    const none = run({});
    const ten = run({ cpuMoeLayers: 10 });
    expect(none.memory.deviceBytes - ten.memory.deviceBytes).toBeCloseTo(10 * LAYER_EXPERTS, -3);
  });

  it('does not fit when the RAM cannot hold the experts', () => {
    expect(run({ cpuMoeLayers: 36, host: { ...DEFAULT_HOST, memoryBytes: 32 * GiB } }).fit.verdict).toBe('no');
  });

  it('finds the fewest layers whose experts must leave the GPU', () => {
    const n = fewestExpertLayersInRam(base);
    if (n === null) throw new Error('expected a layer count');
    const verdict = (k: number) => run({ cpuMoeLayers: k }).fit.verdict;
    expect(['fits', 'tight']).toContain(verdict(n));
    expect(['fits', 'tight']).not.toContain(verdict(n - 1));
    // 63.4 GB of weights, ~25.8 GB usable: roughly 38 GB of experts, 1.7 GB a layer, must go.
    expect(n).toBeGreaterThan(20);
    expect(n).toBeLessThan(26);
    expect(fewestExpertLayersInRam({ ...base, host: { ...DEFAULT_HOST, memoryBytes: 16 * GiB } })).toBeNull();
    expect(fewestExpertLayersInRam({ ...base, arch: LLAMA_3_8B, format: format('Q4_K_M') })).toBeNull();
  });

  it('decodes the experts at RAM bandwidth and sends them over PCIe for prompts', () => {
    const e = run({ cpuMoeLayers: 36 });
    const roomy = run({ devices: [{ ...RTX_4090, memoryBytes: 96 * GiB }] });
    // 4 of 128 experts per token: 36 × LAYER_EXPERTS × 4/128 = 1.91 GB per token from 89.6 GB/s RAM.
    expect(e.speed.decodeTokensPerSecond).toBeLessThan(89.6e9 / ((36 * LAYER_EXPERTS * 4) / 128));
    expect(e.speed.decodeTokensPerSecond).toBeLessThan(roomy.speed.decodeTokensPerSecond / 3);
    // A 512-token micro-batch touches all but (124/128)^512 of the experts: 61 GB over PCIe 4.0 x16
    // (31.5 GB/s) every 512 tokens is at most 264 tok/s.
    expect(e.speed.prefillTokensPerSecond ?? Infinity).toBeLessThan(512 / ((36 * LAYER_EXPERTS) / 31.5e9));
  });

  it('changes nothing for dense models or on unified memory', () => {
    const dense = { arch: LLAMA_3_8B, format: format('Q4_K_M') };
    expect(run({ ...dense, cpuMoeLayers: 32 })).toEqual(run(dense));
    const mac = { devices: [M2_ULTRA_192] };
    expect(run({ ...mac, cpuMoeLayers: 36 })).toEqual(run(mac));
  });

  it('is refused where the runtime cannot do it, and for counts that are not whole numbers', () => {
    const vllm = estimate({ ...base, format: format('mxfp4'), runtime: 'vllm', cpuMoeLayers: 36 });
    expect(vllm.ok).toBe(false);
    if (!vllm.ok) expect(vllm.error).toMatch(/cannot keep experts in system RAM; choose llama\.cpp/);
    for (const n of [-1, 1.5, Number.NaN]) expect(estimate({ ...base, cpuMoeLayers: n }).ok).toBe(false);
  });
});

describe('speed at the start of a conversation', () => {
  it('decodes faster with an empty cache than with a full one, and prefills faster at depth 0', () => {
    const e = run({ devices: [{ ...RTX_4090, memoryBytes: 96 * GiB }], contextTokens: 131072 });
    expect(e.speed.decodeStartTokensPerSecond).toBeGreaterThan(e.speed.decodeTokensPerSecond);
    expect(e.speed.prefillStartTokensPerSecond ?? 0).toBeGreaterThan(e.speed.prefillTokensPerSecond ?? Infinity);
    const short = run({ devices: [{ ...RTX_4090, memoryBytes: 96 * GiB }], contextTokens: 512 });
    expect(short.speed.prefillStartTokensPerSecond).toBeCloseTo(short.speed.prefillTokensPerSecond ?? 0, 6);
  });
});
