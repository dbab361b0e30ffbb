import { describe, expect, it } from 'vitest';
import { estimate, type EstimateInput } from '../estimate';
import { kvCacheSize } from '../kv-cache';
import { LLAMA_3_8B } from '../test-architectures';
import { M2_ULTRA_192, RTX_4090 } from '../test-devices';
import type { RuntimeProfile } from './profile';
import { RUNTIME_PROFILES, RUNTIMES } from './registry';
import { loadsFormat } from './rules';
import { format } from '../test-formats';

describe('runtime profiles', () => {
  it.each(RUNTIME_PROFILES.map((p) => [p.id, p] as const))('%s: its defaults are among what it supports', (_, p) => {
    expect(loadsFormat(p, format(p.defaults.format))).toBe(true);
    for (const id of p.defaults.commonFormats) expect(loadsFormat(p, format(id)), id).toBe(true);
    expect(p.kvCacheTypes).toContain(p.defaults.kvCacheType);
    expect(p.splitModes).toContain(p.defaults.splitMode);
    expect(p.vendors.length).toBeGreaterThan(0);
  });

  it('a new engine is one profile object: the estimator runs it without knowing its name', () => {
    // A made-up engine with 64-token KV pages and a fixed 1 GiB working buffer.
    const pagedEngine: RuntimeProfile = {
      ...RUNTIMES.vllm,
      id: 'paged-engine',
      label: 'Paged Engine',
      memoryFraction: 1,
      deviceOverheadBytes: () => 0,
      kv: { ...RUNTIMES.vllm.kv, cells: (tokens) => Math.ceil(tokens / 64) * 64 },
      activationBytes: () => 1024 ** 3,
    };
    const input: EstimateInput = {
      arch: LLAMA_3_8B,
      format: format('fp8'),
      contextTokens: 1000,
      sequences: 1,
      kvCacheType: 'fp8',
      runtime: pagedEngine,
      devices: [RTX_4090],
    };
    const r = estimate(input);
    if (!r.ok) throw new Error(r.error);
    // 1,000 tokens padded to 1,024 cells × 32 layers × 2 × 8 heads × 128 dims × 1 byte.
    expect(r.value.memory.kvCacheBytes).toBe(1024 * 32 * 2 * 8 * 128);
    expect(r.value.memory.activationBytes).toBe(1024 ** 3);
    expect(r.value.memory.overheadBytes).toBe(0);
    expect(
      kvCacheSize({ arch: LLAMA_3_8B, contextTokens: 1000, sequences: 1, cacheType: 'fp8', runtime: pagedEngine })
        .cellsPerSequence,
    ).toBe(1024);
    // Its rules come from the profile too: no Apple GPUs, as for the vLLM it copies.
    const onMac = estimate({ ...input, devices: [M2_ULTRA_192] });
    expect(onMac.ok).toBe(false);
    if (!onMac.ok) expect(onMac.error).toMatch(/^Paged Engine runs only on NVIDIA GPUs/);
  });
});

describe('what an engine cannot run is refused in core, with the fix', () => {
  const base: EstimateInput = {
    arch: LLAMA_3_8B,
    format: format('Q4_K_M'),
    contextTokens: 4096,
    sequences: 1,
    kvCacheType: 'f16',
    runtime: 'llama.cpp',
    devices: [RTX_4090],
  };
  it.each([
    [
      { runtime: 'mlx', format: format('mlx-4bit') },
      /^Apple MLX runs only on Apple GPUs; choose llama.cpp for RTX 4090$/,
    ],
    [
      { runtime: 'vllm', format: format('bf16'), devices: [M2_ULTRA_192] },
      /^vLLM runs only on .*; choose llama.cpp for M2 Ultra/,
    ],
    [
      { format: format('awq-4bit-g128') },
      /^llama.cpp does not load AWQ checkpoints \(AWQ 4-bit g128\); they run in vLLM, HF transformers, SGLang or TensorRT-LLM/,
    ],
    [{ kvCacheType: 'fp8' }, /^llama.cpp has no fp8 KV cache; it supports f32, f16, bf16, q8_0, q4_0$/],
    [{ promptTokens: -5 }, /^prompt must be a whole number of tokens from 1 to the context \(4,096\); got -5$/],
    [{ promptTokens: 5000 }, /prompt must be a whole number/],
    [
      { runtime: 'transformers', format: format('bf16'), devices: [RTX_4090, RTX_4090], splitMode: 'tensor' },
      /HF transformers has no tensor split/,
    ],
  ] as const)('%j', (patch, message) => {
    const r = estimate({ ...base, ...patch });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(message);
  });
});
