import { describe, expect, it } from 'vitest';
import { appleGpuShare } from './devices';
import { estimate, maxContext, type EstimateInput } from './estimate';
import { LLAMA_3_70B, LLAMA_3_8B, MIXTRAL_8X7B } from './test-architectures';
import { M2_ULTRA_192, RTX_3090, RTX_4090, RTX_5090 } from './test-devices';
import { fallbackArchitecture } from './architecture';
import { countParameters } from './params';
import { format, estimateRunner } from './test-formats';

const GiB = 1024 ** 3;

const base: EstimateInput = {
  arch: LLAMA_3_8B,
  format: format('Q4_K_M'),
  contextTokens: 8192,
  sequences: 1,
  kvCacheType: 'f16',
  runtime: 'llama.cpp',
  devices: [RTX_4090],
};

const run = estimateRunner(base);

describe('fit', () => {
  it('a 7B model at FP16 fits one 24 GB card', () => {
    expect(run({ arch: fallbackArchitecture(7e9), format: format('f16'), contextTokens: 4096 }).fit.verdict).toBe(
      'fits',
    );
  });

  it('a 70B model at Q4_K_M with 8K context needs two 24 GB cards', () => {
    const one = run({ arch: LLAMA_3_70B });
    const two = run({ arch: LLAMA_3_70B, devices: [RTX_4090, RTX_4090] });
    expect(one.fit.verdict).toBe('offload');
    expect(one.fit.deviceLayers).toBeGreaterThan(30);
    expect(one.fit.deviceLayers).toBeLessThan(50);
    expect(['fits', 'tight']).toContain(two.fit.verdict);
  });

  it('a mixed 5090 + 3090 pool holds the 70B model that one 5090 cannot', () => {
    expect(run({ arch: LLAMA_3_70B, devices: [RTX_5090] }).fit.verdict).toBe('offload');
    const mixed = run({ arch: LLAMA_3_70B, devices: [RTX_5090, RTX_3090] });
    expect(mixed.fit.verdict).toBe('fits');
    expect(mixed.memory.perDevice.map((d) => d.name)).toEqual(['RTX 5090', 'RTX 3090']);
    // Layer split is proportional to memory: the 32 GB card carries more.
    const [a, b] = mixed.memory.perDevice;
    expect((a?.neededBytes ?? 0) > (b?.neededBytes ?? 0)).toBe(true);
  });

  it('tensor parallelism puts an equal shard and its own overhead on each GPU', () => {
    const tp = run({
      arch: LLAMA_3_70B,
      devices: [RTX_4090, RTX_4090],
      splitMode: 'tensor',
      runtime: 'vllm',
      format: format('awq'),
      kvCacheType: 'fp8',
    });
    const [a, b] = tp.memory.perDevice;
    expect(a?.neededBytes).toBe(b?.neededBytes);
    expect(tp.memory.overheadBytes).toBeCloseTo(2 * 0.33 * GiB, 0);
    expect(tp.fit.usableBytes).toBeCloseTo(2 * 24 * GiB * 0.9, 0);
  });

  it('Apple silicon gives the GPU 2/3 of RAM up to 32 GB and 3/4 above, and never offloads', () => {
    expect(appleGpuShare(16 * GiB)).toBeCloseTo(2 / 3);
    expect(appleGpuShare(64 * GiB)).toBe(0.75);
    const mac = run({
      arch: LLAMA_3_70B,
      format: format('f16'),
      devices: [{ ...M2_ULTRA_192, memoryBytes: 128 * GiB }],
    });
    expect(mac.fit.usableBytes).toBe(96 * GiB);
    expect(mac.fit.verdict).toBe('no');
  });

  it('finds the largest context that fits, at most the limit', () => {
    const limit = 131072;
    const ctx = maxContext({ ...base, arch: LLAMA_3_70B, devices: [RTX_4090, RTX_4090] }, limit);
    expect(ctx).toBeGreaterThan(8192);
    expect(ctx).toBeLessThan(limit);
    const at = run({ arch: LLAMA_3_70B, devices: [RTX_4090, RTX_4090], contextTokens: ctx });
    const over = run({ arch: LLAMA_3_70B, devices: [RTX_4090, RTX_4090], contextTokens: ctx + 256 });
    expect(at.fit.ratio).toBeLessThanOrEqual(1);
    expect(over.fit.ratio).toBeGreaterThan(1);
    expect(maxContext(base, 8192)).toBe(8192);
  });
});

describe('speed', () => {
  it('a 7B model decodes about 10× faster than a 70B one on the same GPU', () => {
    const devices = [{ ...RTX_4090, memoryBytes: 400 * GiB }];
    const small = run({ arch: fallbackArchitecture(7e9), format: format('f16'), devices, contextTokens: 1024 });
    const large = run({ arch: fallbackArchitecture(70e9), format: format('f16'), devices, contextTokens: 1024 });
    const ratio = small.speed.decodeTokensPerSecond / large.speed.decodeTokensPerSecond;
    expect(ratio).toBeGreaterThan(8);
    expect(ratio).toBeLessThan(11);
  });

  it('stays under the physical upper bound of bandwidth ÷ bytes per token', () => {
    const e = run({});
    expect(e.speed.decodeUpperBoundTokensPerSecond).toBeCloseTo(1008e9 / e.speed.bytesPerStep, 6);
    expect(e.speed.decodeTokensPerSecond).toBeLessThan(e.speed.decodeUpperBoundTokensPerSecond);
  });

  it('counts only active experts: Mixtral decodes faster than a dense model of its size', () => {
    const big = [{ ...RTX_4090, memoryBytes: 200 * GiB }];
    const moe = run({ arch: MIXTRAL_8X7B, devices: big, contextTokens: 1024 });
    const dense = run({
      arch: fallbackArchitecture(countParameters(MIXTRAL_8X7B).total),
      devices: big,
      contextTokens: 1024,
    });
    expect(moe.speed.decodeTokensPerSecond / dense.speed.decodeTokensPerSecond).toBeGreaterThan(2.5);
  });

  it('slows down sharply when layers spill into system RAM', () => {
    const offloaded = run({ arch: LLAMA_3_70B });
    const onGpu = run({ arch: LLAMA_3_70B, devices: [RTX_4090, RTX_4090] });
    expect(offloaded.fit.verdict).toBe('offload');
    expect(offloaded.speed.decodeTokensPerSecond).toBeLessThan(onGpu.speed.decodeTokensPerSecond / 3);
  });

  it('reports prefill only when compute throughput is known', () => {
    const unknown = run({ devices: [{ ...RTX_4090, fp16FlopsPerSecond: 0 }] });
    expect(unknown.speed.prefillTokensPerSecond).toBeNull();
    expect(unknown.speed.timeToFirstTokenSeconds).toBeNull();
    const known = run({ contextTokens: 4096 });
    expect(known.speed.timeToFirstTokenSeconds).toBeCloseTo(4096 / (known.speed.prefillTokensPerSecond ?? 1), 9);
  });

  it('adds up GPUs for prefill only under tensor split (a layer split runs them in turn) and pays the links', () => {
    const speedConstants = {
      bandwidthEfficiency: 1,
      perLayerSeconds: 0,
      computeEfficiency: 1,
      handoffSeconds: 1e-4,
      allReduceSeconds: 1e-5,
    };
    const prefill = (patch: Partial<EstimateInput>) =>
      run({ contextTokens: 4096, promptTokens: 4096, speedConstants, ...patch }).speed.prefillTokensPerSecond ?? 0;
    // Seconds per 512-token micro-batch on one GPU.
    const one = 512 / prefill({});
    // Layer split: both GPUs in turn, plus one hand-off of 512 × 4096 F32 values over PCIe 4.0
    // x16 (31.5 GB/s): 1e-4 + 8,388,608 / 31.5e9 s.
    expect(512 / prefill({ devices: [RTX_4090, RTX_4090] })).toBeCloseTo(one + 1e-4 + 8_388_608 / 31.5e9, 9);
    // Tensor split: half the work each, plus 2 all-reduces per layer of 512 × 4096 16-bit values,
    // a ring moving 2(n − 1)/n = 1 of them through each link: 64 × (1e-5 + 4,194,304 / 31.5e9) s.
    expect(512 / prefill({ devices: [RTX_4090, RTX_4090], splitMode: 'tensor' })).toBeCloseTo(
      one / 2 + 64 * (1e-5 + 4_194_304 / 31.5e9),
      9,
    );
  });
});

describe('invalid input', () => {
  it.each([
    [{ contextTokens: 0 }, /context/],
    [{ contextTokens: 1.5 }, /context/],
    [{ sequences: -1 }, /batch/],
    [{ devices: [] }, /device/],
    [{ devices: [{ ...RTX_4090, memoryBytes: Number.NaN }] }, /memory/],
    [{ arch: { ...LLAMA_3_8B, kvHeads: 64 } }, /kvHeads/],
  ] as const)('rejects %j with a reason', (patch, reason) => {
    const r = estimate({ ...base, ...patch });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(reason);
  });
});
