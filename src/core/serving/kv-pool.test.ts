import { describe, expect, it } from 'vitest';
import { sglangMemFractionStatic } from '../runtimes/sglang';
import { LLAMA_3_70B, MISTRAL_7B } from '../test-architectures';
import { DGX_SPARK, H100_SXM, RTX_4090 } from '../test-devices';
import type { ClusterLinks } from './links';
import { estimateServing } from './serve';
import type { ServingInput } from './serving-types';
import { format } from '../test-formats';

const GiB = 1024 ** 3;

const LINKS: ClusterLinks = {
  intraNode: { name: 'NVLink', bytesPerSecond: 450e9, latencySeconds: 6e-6 },
  interNode: null,
};

function serve(patch: Partial<ServingInput>) {
  const r = estimateServing({
    arch: MISTRAL_7B,
    format: format('gptq-4bit-g128'),
    kvCacheType: 'f16',
    runtime: 'vllm',
    devices: [DGX_SPARK],
    nodes: 1,
    links: LINKS,
    contextTokens: 32768,
    outputTokens: 512,
    users: null,
    minTokensPerSecond: null,
    modelContextTokens: 32768,
    ...patch,
  });
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

describe('the KV pool as vLLM sizes it', () => {
  it('Mistral 7B v0.2 GPTQ on a DGX Spark, from vLLM’s own formula', () => {
    // The setting logged by vLLM 0.11.0 on a DGX Spark (ArmDeveloperEcosystem learning path
    // dgx_spark_voicechatbot): max_num_batched_tokens 2048, gpu_memory_utilization 0.9.
    const v = serve({ batchedTokens: 2048 });
    // Weights: 32 layers × (2 × 4096² + 2 × 4096 × 1024 + 3 × 4096 × 14336) = 6,979,321,856
    // weights at 4 + 20/128 bits = 3,625,975,808 B, plus the 16-bit embedding and head
    // (2 × 32,000 × 4096 × 2 B = 524,288,000 B) and norms ((2 × 32 + 1) × 4096 × 2 B = 532,480 B):
    // 4,150,796,288 B (3.866 GiB; vLLM logged 3.8844 GiB).
    expect(v.perGpu.weightsBytes).toBe(4_150_796_288);
    // Activation peak: 2,048 tokens × (4 × 4096 + 3 × 14336) × 4 B + the sampler's warm-up for
    // max_num_seqs (1,024 on a GPU with at least 70 GiB) × 32,000 × 8 B = 486,539,264 + 262,144,000
    // = 748,683,264 B.
    expect(v.perGpu.activationBytes).toBe(748_683_264);
    // Pool: 119.7 GiB × 0.9 − 4,150,796,288 − 748,683,264 − 0.33 GiB = 110,420,392,345.6 B
    // (102.84 GiB; logged "Available KV cache memory: 102.56 GiB"). A 16-token block of all 32
    // layers is 16 × 32 × 2 × 8 × 128 × 2 B = 2 MiB, so 52,652 blocks = 842,432 tokens (logged
    // 52,510 blocks, "GPU KV cache size: 840,160 tokens": 0.27% more).
    expect(v.pool.tokens).toBe(842_432);
    expect(v.perGpu.kvPoolBytes).toBe(52_652 * 2 * 1024 ** 2);
    // "Maximum concurrency for 32,768 tokens per request": 52,652 ÷ 2,048 blocks = 25.71x (logged 25.64x).
    expect(v.pool.concurrency).toBeCloseTo(52_652 / 2048, 10);
    expect(v.pool.maxConcurrentSequences).toBe(25);
    expect(v.pool.startsUp).toBe(true);
  });

  it('refuses to start when one request at the full context does not fit, and names the longest that does', () => {
    // Llama 3.1 70B BF16 on two H100 80 GB at TP 2: each GPU holds half of 70.6B × 2 B ≈ 65.7 GiB
    // and profiles 8,192 tokens × (4 × 8192 + 3 × 28672) × 4 B + 1,024 × 128,256 × 8 B ≈ 4.7 GiB,
    // leaving about 1.3 GiB of the 72 GiB for KV. One token's KV on a GPU is 80 layers × 2 × 4 heads
    // × 128 × 2 B = 163,840 B, so a 131,072-token request (20 GiB per GPU) cannot be served.
    const v = serve({
      arch: LLAMA_3_70B,
      format: format('bf16'),
      devices: [H100_SXM, H100_SXM],
      contextTokens: 131072,
      modelContextTokens: 131072,
    });
    expect(v.pool.startsUp).toBe(false);
    expect(v.pool.fullContextStartsUp).toBe(false);
    expect(v.load).toBeNull();
    expect(v.pool.maxConcurrentSequences).toBe(0);
    // The longest request is what the blocks hold: blocks × 16 tokens.
    const blocks = v.perGpu.kvPoolBytes / (16 * 163_840);
    expect(Number.isInteger(blocks)).toBe(true);
    expect(v.pool.maxRequestTokens).toBe(blocks * 16);
    expect(v.pool.maxRequestTokens).toBeGreaterThan(4_000);
    expect(v.pool.maxRequestTokens).toBeLessThan(131_072);
  });

  it('a higher gpu_memory_utilization only grows the pool', () => {
    const low = serve({ memoryFraction: 0.8 });
    const high = serve({ memoryFraction: 0.95 });
    expect(high.pool.tokens).toBeGreaterThan(low.pool.tokens);
    // 0.15 × 119.7 GiB more memory, less the rounding to whole 2 MiB blocks.
    expect(high.perGpu.kvPoolBytes - low.perGpu.kvPoolBytes).toBeGreaterThan(0.15 * 119.7 * GiB - 2 * 1024 ** 2);
  });

  it('caps concurrency at vLLM’s max_num_seqs (256 on GPUs under 70 GiB)', () => {
    const v = serve({
      arch: MISTRAL_7B,
      format: format('awq-4bit-g128'),
      devices: [RTX_4090],
      contextTokens: 64,
      outputTokens: 16,
    });
    expect(v.pool.concurrency).toBeGreaterThan(256);
    expect(v.pool.maxConcurrentSequences).toBe(256);
    expect(v.pool.schedulerLimit).toBe(256);
  });
});

describe('SGLang and TensorRT-LLM pools', () => {
  it('mem_fraction_static from SGLang’s formula', () => {
    // H100 80 GB reports 81,559 MiB. TP 1: chunk 8,192, graph batch 256: 512 + 1.5 × 8,192 + 2 × 256
    // + 1/8 × 1,024 = 13,440 MiB reserved (above the 10 GiB floor): (81,559 − 13,440) ÷ 81,559 = 0.835.
    expect(sglangMemFractionStatic(81_559, 1, 1, 8192)).toBe(0.835);
    // RTX 4090 (24,564 MiB), TP 1: chunk 2,048, graph batch 24: 512 + 3,072 + 48 + 128 = 3,760: 0.847.
    expect(sglangMemFractionStatic(24_564, 1, 1, 2048)).toBe(0.847);
    // H200 (143,771 MiB), TP 8: 512 + 12,288 + 1,024 + 1,024 = 14,848: 0.897.
    expect(sglangMemFractionStatic(143_771, 8, 1, 8192)).toBe(0.897);
  });

  it('SGLang’s token pool is total × mem_fraction_static − weights − CUDA context, in whole tokens', () => {
    const v = serve({ runtime: 'sglang', devices: [RTX_4090], format: format('awq-4bit-g128'), contextTokens: 8192 });
    // 24 GiB = 24,576 MiB: 3,760 MiB reserved → (24,576 − 3,760) ÷ 24,576 = 0.847.
    expect(v.pool.memoryFraction).toBe(0.847);
    const pool = 24 * GiB * 0.847 - v.perGpu.weightsBytes - 300e6;
    expect(v.pool.tokens).toBe(Math.floor(pool / 131_072));
    expect(v.pool.blockTokens).toBe(1);
  });

  it('TensorRT-LLM gives 0.9 of the free memory to 32-token blocks', () => {
    const v = serve({
      runtime: 'tensorrt-llm',
      devices: [RTX_4090],
      format: format('awq-4bit-g128'),
      contextTokens: 8192,
    });
    const free = 24 * GiB - v.perGpu.weightsBytes - v.perGpu.activationBytes - 300e6;
    expect(v.pool.tokens).toBe(Math.floor((0.9 * free) / (32 * 131_072)) * 32);
  });
});
