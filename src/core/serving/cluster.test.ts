import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEEPSEEK_V3, LLAMA_3_8B, MIXTRAL_8X7B } from '../test-architectures';
import { H100_SXM } from '../test-devices';
import { pipelineHopsAcrossNodes, resolveLayout, stageLayers, tensorSpansNodes } from './layout';
import { allReduceSeconds, type ClusterLinks } from './links';
import { communicationSeconds, loadPoint, type LoadModel } from './load';
import { estimateServing } from './serve';
import type { ServingInput } from './serving-types';
import { format } from '../test-formats';

// NVLink 4: 900 GB/s both ways, 450 GB/s each way, 6 µs per collective; InfiniBand NDR:
// 400 Gb/s = 50 GB/s per GPU, 20 µs (data/systems.json).
const LINKS: ClusterLinks = {
  intraNode: { name: 'NVLink 4', bytesPerSecond: 450e9, latencySeconds: 6e-6 },
  interNode: { name: 'InfiniBand NDR', bytesPerSecond: 50e9, latencySeconds: 20e-6 },
};

const base: ServingInput = {
  arch: DEEPSEEK_V3,
  format: format('fp8'),
  kvCacheType: 'bf16',
  runtime: 'vllm',
  devices: Array.from({ length: 8 }, () => H100_SXM),
  nodes: 2,
  links: LINKS,
  tensorParallel: 8,
  pipelineParallel: 2,
  contextTokens: 8192,
  outputTokens: 512,
  users: 64,
  minTokensPerSecond: 20,
  modelContextTokens: 163840,
};

function serve(patch: Partial<ServingInput> = {}) {
  const r = estimateServing({ ...base, ...patch });
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

describe('DeepSeek-V3 on two nodes of 8 × H100, TP 8 within each node, PP 2 across them', () => {
  const v = serve();

  it('lays out one replica: TP inside a node, one pipeline hand-off over InfiniBand', () => {
    expect(v.layout).toMatchObject({ tensor: 8, pipeline: 2, expert: 1, data: 1, gpus: 16 });
    expect(v.layout.tensorSpansNodes).toBe(false);
    expect(v.layout.pipelineHopsAcrossNodes).toBe(1);
    expect(stageLayers(61, 2)).toEqual([31, 30]);
  });

  it('holds the weights each stage’s GPUs carry, worked out by hand', () => {
    // Per layer in FP8 (1 B per weight, norms and the router in 16 bits): MLA attention
    // 7168×1536 + 1536×24576 + 7168×576 + 512×32768 + 16384×7168 = 187,105,280 B, its norms
    // (1536 + 512) × 2 B and the layer norms 2 × 7168 × 2 B: 187,138,048 B. Dense FFN 3 × 7168 ×
    // 18432 = 396,361,728 B. MoE FFN: 256 experts × 3 × 7168 × 2048 = 11,274,289,152 B + the
    // shared expert 44,040,192 B + the router 7168 × 256 × 2 B = 3,670,016 B.
    // Stage 2 (layers 31-60, all MoE) ÷ 8 GPUs + the BF16 output head and final norm
    // (129,280 × 7168 × 2 + 7168 × 2) ÷ 8: 43,390,936,832 B, more than stage 1's 40,732,463,104 B
    // (3 dense + 28 MoE layers and the input embedding).
    expect(v.perGpu.weightsBytes).toBe(43_390_936_832);
  });

  it('sizes the KV pool on the stage that holds the fewest blocks', () => {
    // The latent (512 + 64) × 2 B of every layer is kept whole on each TP rank: 30 layers ×
    // 1,152 B = 34,560 B per token on a stage-2 GPU, 16-token blocks of 552,960 B. Its pool:
    // 0.9 × 80 GiB − 43,390,936,832 − the profiled peak (8,192 × (4 × 7168 + 3 × 18432) × 4 B +
    // 1,024 × 129,280 × 8 B = 3,810,525,184 B) − 0.33 GiB = 29,753,614,510 B: 53,807 blocks
    // (stage 1 has 56,724). The replica holds 53,807 × 16 = 860,912 tokens.
    expect(v.pool.tokens).toBe(860_912);
    // 8,192-token requests take 512 blocks: 105.09x, 105 at once.
    expect(v.pool.concurrency).toBeCloseTo(53_807 / 512, 10);
    expect(v.pool.maxConcurrentSequences).toBe(105);
    expect(v.pool.fullContextStartsUp).toBe(true);
  });

  it('costs the communication of one decoding step by hand', () => {
    const model: LoadModel = {
      base: { arch: DEEPSEEK_V3, format: format('fp8'), kvCacheType: 'bf16', runtime: 'vllm' },
      devices: Array.from({ length: 8 }, () => H100_SXM),
      splitMode: 'tensor',
      layout: { tensor: 8, pipeline: 2, expert: 1, data: 1, gpusPerNode: 8, nodes: 2 },
      links: LINKS,
      promptTokens: 7680,
      outputTokens: 512,
      batchedTokens: 8192,
    };
    // One token: 7168 × 2 B = 14,336 B. 2 all-reduces per layer × 61 layers over NVLink, each
    // 6 µs + 2 × 7/8 × 14,336 B ÷ 450 GB/s; one hand-off over InfiniBand: 20 µs + 14,336 B ÷ 50 GB/s.
    const expected = 122 * (6e-6 + (1.75 * 14_336) / 450e9) + (20e-6 + 14_336 / 50e9);
    expect(communicationSeconds(model, 1)).toBeCloseTo(expected, 12);
    expect(allReduceSeconds(14_336, 8, LINKS.intraNode)).toBeCloseTo(6e-6 + (1.75 * 14_336) / 450e9, 15);
  });

  it('reports per-user and total speed with the communication share', () => {
    const load = v.load;
    if (!load) throw new Error('it starts');
    expect(load.users).toBe(64);
    expect(load.queuedUsers).toBe(0);
    expect(load.communicationShare).toBeGreaterThan(0);
    expect(load.communicationShare).toBeLessThan(1);
    expect(load.totalDecodeTokensPerSecond).toBeLessThanOrEqual(64 * load.perUserDecodeTokensPerSecond);
    // A second replica on two more nodes serves twice the users at the same per-user speed.
    const twice = serve({ nodes: 4, users: 128 });
    expect(twice.layout.data).toBe(2);
    expect(twice.pool.maxConcurrentSequences).toBe(210);
    expect(twice.load?.perUserDecodeTokensPerSecond).toBeCloseTo(load.perUserDecodeTokensPerSecond, 10);
  });

  it('TP 16 across both nodes puts every all-reduce on InfiniBand and is slower per user', () => {
    const tp16 = serve({ tensorParallel: 16, pipelineParallel: 1 });
    expect(tp16.layout.tensorSpansNodes).toBe(true);
    expect(tp16.load?.communicationShare ?? 0).toBeGreaterThan(v.load?.communicationShare ?? 1);
  });
});

describe('layouts', () => {
  it('names what does not divide', () => {
    expect(resolveLayout(LLAMA_3_8B, 8, 2, { tensor: 8, pipeline: 3 })).toMatch(
      /^TP × PP \(8 × 3 = 24\) must divide the 16 GPUs \(2 nodes × 8\)/,
    );
    expect(resolveLayout(LLAMA_3_8B, 6, 1, { tensor: 3 })).toMatch(
      /TP 3 does not divide the model's 32 attention heads/,
    );
    expect(resolveLayout(LLAMA_3_8B, 8, 1, { expert: 8 })).toMatch(/needs a mixture-of-experts model/);
    expect(resolveLayout(MIXTRAL_8X7B, 8, 1, { tensor: 4, expert: 3 })).toMatch(/EP must be 1 or a multiple of TP/);
  });

  it('defaults to TP within a node and PP across nodes; leftover GPUs are replicas', () => {
    expect(resolveLayout(LLAMA_3_8B, 8, 2, {})).toMatchObject({ tensor: 8, pipeline: 2, data: 1 });
    // 28 heads (Qwen2.5 7B) on 8 GPUs: TP 4, two replicas.
    expect(resolveLayout({ ...LLAMA_3_8B, attentionHeads: 28, kvHeads: 4 }, 8, 1, {})).toMatchObject({
      tensor: 4,
      data: 2,
    });
    expect(resolveLayout(LLAMA_3_8B, 8, 1, { tensor: 2 })).toMatchObject({ tensor: 2, pipeline: 1, data: 4 });
  });

  it('counts pipeline hand-offs that cross machines', () => {
    const layout = (tensor: number, pipeline: number) => {
      const l = resolveLayout(LLAMA_3_8B, 8, 2, { tensor, pipeline });
      if (typeof l === 'string') throw new Error(l);
      return l;
    };
    expect(pipelineHopsAcrossNodes(layout(4, 4))).toBe(1);
    expect(pipelineHopsAcrossNodes(layout(2, 8))).toBe(1);
    expect(pipelineHopsAcrossNodes(layout(8, 1))).toBe(0);
    expect(tensorSpansNodes(layout(16, 1))).toBe(true);
  });
});

describe('throughput under load', () => {
  const model: LoadModel = {
    base: { arch: LLAMA_3_8B, format: format('bf16'), kvCacheType: 'f16', runtime: 'vllm' },
    devices: [H100_SXM],
    splitMode: 'tensor',
    layout: { tensor: 1, pipeline: 1, expert: 1, data: 1, gpusPerNode: 1, nodes: 1 },
    links: { intraNode: LINKS.intraNode, interNode: null },
    promptTokens: 1024,
    outputTokens: 256,
    batchedTokens: 8192,
  };

  it('per-user speed only falls and the total only rises as users are added', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 511 }), (users) => {
        const a = loadPoint(model, users);
        const b = loadPoint(model, users + 1);
        expect(b.perUserDecodeTokensPerSecond).toBeLessThanOrEqual(a.perUserDecodeTokensPerSecond);
        expect(a.totalDecodeTokensPerSecond).toBeLessThanOrEqual(users * a.perUserDecodeTokensPerSecond + 1e-9);
      }),
      { numRuns: 60 },
    );
  });

  it('finds the knee, where a user gets half the speed of one alone, and the most users at a floor', () => {
    const v = serve({
      arch: LLAMA_3_8B,
      format: format('bf16'),
      kvCacheType: 'f16',
      devices: [H100_SXM],
      nodes: 1,
      tensorParallel: undefined,
      pipelineParallel: undefined,
      contextTokens: 1280,
      outputTokens: 256,
      users: null,
      minTokensPerSecond: 30,
      modelContextTokens: 131072,
    });
    const knee = v.kneeUsers;
    if (knee === null) throw new Error('a knee is expected');
    const alone = loadPoint(model, 1).perUserDecodeTokensPerSecond;
    expect(loadPoint(model, knee).perUserDecodeTokensPerSecond).toBeLessThanOrEqual(alone / 2);
    expect(loadPoint(model, knee - 1).perUserDecodeTokensPerSecond).toBeGreaterThan(alone / 2);
    // The users who still get 30 tok/s each, and no more than the pool holds.
    const at = v.maxUsersAtFloor ?? 0;
    expect(at).toBeLessThanOrEqual(v.pool.maxConcurrentSequences);
    expect(loadPoint(model, at).perUserDecodeTokensPerSecond).toBeGreaterThanOrEqual(30);
    if (at < v.pool.maxConcurrentSequences)
      expect(loadPoint(model, at + 1).perUserDecodeTokensPerSecond).toBeLessThan(30);
    // Without --users, the load is the floor's.
    expect(v.load?.users).toBe(at);
  });
});
