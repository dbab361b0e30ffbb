import { describe, expect, it } from 'vitest';
import type { ActivationInput } from './activations';
import { LLAMA_CPP } from './runtimes/llama-cpp';
import { TRANSFORMERS } from './runtimes/transformers';
import { kvCacheSize } from './kv-cache';
import { LLAMA_3_8B, MISTRAL_7B, QWEN_2_5_3B } from './test-architectures';
import type { ModelArchitecture } from './architecture';

const MiB = 1024 ** 2;

function llamaCpp(arch: ModelArchitecture, ctx: number, flashAttention: boolean): ActivationInput {
  const kv = kvCacheSize({ arch, contextTokens: ctx, sequences: 1, cacheType: 'f16', runtime: 'llama.cpp' });
  return {
    arch,
    contextTokens: ctx,
    promptTokens: ctx,
    sequences: 1,
    activationBytes: 2,
    kvCells: kv.cellsPerSequence,
    kvLayerBytes: kv.bytes / arch.layers,
    flashAttention,
  };
}

describe('llama.cpp compute buffer', () => {
  // Logged "CUDA0 compute buffer size" values, see the sources in activations.ts.
  it('matches Mistral-7B with flash attention off: 164 MiB at 2K, 2,144 MiB at 32K', () => {
    expect(LLAMA_CPP.activationBytes(llamaCpp(MISTRAL_7B, 2048, false))).toBe(164 * MiB);
    expect(LLAMA_CPP.activationBytes(llamaCpp(MISTRAL_7B, 32768, false))).toBe(2144 * MiB);
  });

  it('is the logits buffer for large vocabularies: Qwen2.5-3B 300.75 MiB, Llama-3-8B 258.5 MiB at 512', () => {
    expect(LLAMA_CPP.activationBytes(llamaCpp(QWEN_2_5_3B, 4096, true))).toBe(300.75 * MiB);
    expect(LLAMA_CPP.activationBytes(llamaCpp(LLAMA_3_8B, 512, false))).toBe(258.5 * MiB);
  });

  it('does not grow with context when flash attention is on', () => {
    expect(LLAMA_CPP.activationBytes(llamaCpp(MISTRAL_7B, 32768, true))).toBe(
      LLAMA_CPP.activationBytes(llamaCpp(MISTRAL_7B, 4096, true)),
    );
  });
});

describe('eager PyTorch peak (transformers)', () => {
  it('grows with the prompt processed in one pass, not with the tokens generated after it', () => {
    const input = (prompt: number): ActivationInput => ({
      ...llamaCpp(LLAMA_3_8B, 4096, true),
      promptTokens: prompt,
    });
    const short = TRANSFORMERS.activationBytes(input(64));
    const long = TRANSFORMERS.activationBytes(input(2048));
    // One layer's hidden states and FFN intermediates: (4 × 4096 + 3 × 14336) × 2 B per token.
    expect(long - short).toBe((2048 - 64) * (4 * 4096 + 3 * 14336) * 2);
  });
});
