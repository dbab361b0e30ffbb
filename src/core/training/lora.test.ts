import { describe, expect, it } from 'vitest';
import { LLAMA_3_8B, MIXTRAL_8X7B, OPEN_LLAMA_7B } from '../test-architectures';
import { countAdapters } from './lora';
import { LLAMA_3_2_3B, TINY } from './test-fixtures';
import { ALL_LINEAR_MODULES } from './training-settings';

const lora = (rank: number, modules: readonly string[], dora = false) =>
  ({ rank, modules, dora, dropout: false }) as Parameters<typeof countAdapters>[1];

describe('LoRA adapters counted from the tensors', () => {
  it('counts rank × (in + out) per adapted matrix (hand count on TINY)', () => {
    // q: 2 × (8 + 8) = 32, v: 2 × (8 + 4) = 24, per layer 56, two layers 112.
    expect(countAdapters(TINY, lora(2, ['q', 'v'])).loraParams).toBe(112);
    // all-linear: q 32 + k 24 + v 24 + o 32 + gate 48 + up 48 + down 48 = 256 per layer.
    expect(countAdapters(TINY, lora(2, ALL_LINEAR_MODULES)).loraParams).toBe(512);
  });

  it('matches the trainable counts LitGPT printed for Llama 2 7B and 13B (r = 8 on query and value)', () => {
    // LitGPT tutorials/resource-tables.md: 4,194,304 and 6,553,600 trainable parameters.
    expect(countAdapters(OPEN_LLAMA_7B, lora(8, ['q', 'v'])).loraParams).toBe(4_194_304);
  });

  it('matches PEFT’s trainable counts for Llama 3.2 3B (MetaMathQA results), DoRA magnitudes included', () => {
    // 28 × 32 × ((3072 + 3072) + (3072 + 1024)) = 9,175,040; rank 64 doubles it.
    expect(countAdapters(LLAMA_3_2_3B, lora(32, ['q', 'v'])).loraParams).toBe(9_175_040);
    expect(countAdapters(LLAMA_3_2_3B, lora(64, ['q', 'v'])).loraParams).toBe(18_350_080);
    // DoRA adds one magnitude per output feature: 28 × (3072 + 1024) = 114,688.
    expect(countAdapters(LLAMA_3_2_3B, lora(32, ['q', 'v'], true)).magnitudeParams).toBe(114_688);
  });

  it('adapts every expert of a routed stack and runs only the active ones per token', () => {
    // Mixtral down projections: 32 layers × 8 experts × 16 × (14336 + 4096).
    const a = countAdapters(MIXTRAL_8X7B, lora(16, ['down']));
    expect(a.loraParams).toBe(32 * 8 * 16 * (14336 + 4096));
    // Per token and layer, 2 of the 8 experts run: 2 × 14336 input features.
    expect(a.perLayerIn).toBe(2 * 14336);
  });

  it('puts an adapter on the output head only when asked, outside the blocks', () => {
    const withHead = countAdapters(LLAMA_3_8B, lora(8, ['q', 'lm_head']));
    const without = countAdapters(LLAMA_3_8B, lora(8, ['q']));
    expect(withHead.loraParams - without.loraParams).toBe(8 * (4096 + 128256));
    expect(withHead.perLayerModules).toBe(without.perLayerModules);
  });
});
