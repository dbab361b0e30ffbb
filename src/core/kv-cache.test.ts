import { describe, expect, it } from 'vitest';
import { architectureFrom } from './architecture';
import { kvCacheSize } from './kv-cache';
import { LLAMA_3_8B, OPEN_LLAMA_7B } from './test-architectures';

const MiB = 1024 ** 2;

describe('KV cache', () => {
  // llama.cpp logs (test/fixtures/published-reference.json, llamaCppKvLogs) give these exactly.
  it.each([
    [LLAMA_3_8B, 8192, 1, 'f16', 1024],
    [LLAMA_3_8B, 2048, 4, 'f16', 1024],
    [LLAMA_3_8B, 8192, 1, 'q8_0', 544],
    [LLAMA_3_8B, 131072, 1, 'f16', 16384],
    [LLAMA_3_8B, 4096, 1, 'f16', 512],
    [OPEN_LLAMA_7B, 512, 1, 'f16', 256],
    [OPEN_LLAMA_7B, 2048, 1, 'f16', 1024],
  ] as const)('matches llama.cpp: %#', (arch, ctx, seqs, type, mib) => {
    const kv = kvCacheSize({ arch, contextTokens: ctx, sequences: seqs, cacheType: type, runtime: 'llama.cpp' });
    expect(kv.bytes).toBe(mib * MiB);
  });

  it('is 2 × layers × KV heads × head dim × tokens × bytes for plain attention', () => {
    const kv = kvCacheSize({
      arch: LLAMA_3_8B,
      contextTokens: 1000,
      sequences: 3,
      cacheType: 'f16',
      runtime: 'transformers',
    });
    expect(kv.bytes).toBe(2 * 32 * 8 * 128 * 1000 * 3 * 2);
  });

  it('pads llama.cpp cells to 256 and vLLM to 16-token blocks', () => {
    const llama = kvCacheSize({
      arch: LLAMA_3_8B,
      contextTokens: 1000,
      sequences: 1,
      cacheType: 'f16',
      runtime: 'llama.cpp',
    });
    const vllm = kvCacheSize({
      arch: LLAMA_3_8B,
      contextTokens: 1000,
      sequences: 1,
      cacheType: 'f16',
      runtime: 'vllm',
    });
    expect(llama.cellsPerSequence).toBe(1024);
    expect(vllm.cellsPerSequence).toBe(1008);
  });

  it('stores the MLA latent, not per-head keys, in llama.cpp and vLLM', () => {
    const deepseek = architectureFrom({
      layers: 61,
      hiddenSize: 7168,
      intermediateSize: 18432,
      attentionHeads: 128,
      kvHeads: 128,
      headDim: 56,
      vocabSize: 129280,
      tiedEmbeddings: false,
      mla: { qLoraRank: 1536, kvLoraRank: 512, qkNopeHeadDim: 128, qkRopeHeadDim: 64, vHeadDim: 128 },
    });
    const at = (runtime: 'llama.cpp' | 'vllm' | 'transformers') =>
      kvCacheSize({ arch: deepseek, contextTokens: 32768, sequences: 1, cacheType: 'f16', runtime }).bytes;
    // K = 512 + 64, V = 512 per layer and token (llama.cpp deepseek2 graph): 132,736 B/token.
    expect(at('llama.cpp')).toBe(61 * (576 + 512) * 2 * 32768);
    expect(at('vllm')).toBe(61 * 576 * 2 * 32768);
    expect(at('transformers')).toBe(61 * 128 * (192 + 128) * 2 * 32768);
  });

  it('keeps only the window in sliding-window layers', () => {
    const gemma2 = architectureFrom({
      layers: 42,
      hiddenSize: 3584,
      intermediateSize: 14336,
      attentionHeads: 16,
      kvHeads: 8,
      headDim: 256,
      vocabSize: 256000,
      tiedEmbeddings: true,
      slidingWindow: { window: 4096, pattern: 2 },
    });
    const full = kvCacheSize({
      arch: gemma2,
      contextTokens: 8192,
      sequences: 1,
      cacheType: 'f16',
      runtime: 'transformers',
    });
    expect(full.slidingLayers).toBe(21);
    const perTokenLayer = 2 * 8 * 256 * 2;
    expect(full.bytes).toBe(perTokenLayer * (21 * 8192 + 21 * 4096));
    // llama.cpp keeps window + n_ubatch cells, padded to 256: 4096 + 512 = 4608.
    const llama = kvCacheSize({
      arch: gemma2,
      contextTokens: 8192,
      sequences: 1,
      cacheType: 'f16',
      runtime: 'llama.cpp',
    });
    expect(llama.bytes).toBe(perTokenLayer * (21 * 8192 + 21 * 4608));
  });
});
