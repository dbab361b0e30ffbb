import { describe, expect, it } from 'vitest';
import { activationMemory, layerTokenBytes, logitsBytes } from './activations';
import { trainingFramework } from './frameworks/registry';
import { countAdapters } from './lora';
import { TINY, TINY_FULL, TINY_LORA } from './test-fixtures';
import type { TrainingSettings } from './training-settings';

const hf = trainingFramework('hf');
const adapters = countAdapters(TINY, TINY_LORA.lora ?? { rank: 0, modules: [], dora: false, dropout: false });

describe('saved activations per token and layer (TINY, bf16)', () => {
  it('LoRA on q and v with flash attention: 240 bytes', () => {
    // Attention: fp32 norm input 4×8 = 32, normalised input 2×8 = 16 (q and v adapters need it),
    // q, k, v 2×(8+4+4) = 32, output 2×8 = 16, fp32 log-sum-exp 4×2 heads = 8; o is frozen: 0.
    // MLP: norm input 32; gate, up, down frozen; gate output, activation, up output 3×2×16 = 96.
    // Adapters: A's output, rank 2 × 2 bytes × 2 adapters = 8.
    expect(layerTokenBytes(TINY, TINY_LORA, adapters, 2)).toBe(240);
  });

  it('full fine-tuning also keeps the inputs of o, gate/up and down: 296 bytes', () => {
    // 240 − 8 (no adapters) + o input 16 + MLP normalised input 16 + down input 2×16 = 296.
    expect(layerTokenBytes(TINY, TINY_FULL, null, 2)).toBe(296);
  });

  it('without flash attention the softmax terms come back: Korthikanti’s 5·a·s bytes per token', () => {
    // 240 − 8 (log-sum-exp) + 5 × 2 heads × 4 tokens = 272.
    expect(layerTokenBytes(TINY, { ...TINY_LORA, flashAttention: false }, adapters, 2)).toBe(272);
  });

  it('old bitsandbytes kept every 4-bit layer’s input in QLoRA', () => {
    const qlora: TrainingSettings = { ...TINY_LORA, method: 'qlora' };
    // + o input 16 + MLP normalised input 16 + down input 32.
    expect(layerTokenBytes(TINY, qlora, adapters, 2, true) - layerTokenBytes(TINY, qlora, adapters, 2)).toBe(64);
  });

  it('adapter dropout and DoRA keep their own tensors', () => {
    const dropout = { ...TINY_LORA, lora: { ...adapterSettings(), dropout: true } };
    // (2 bytes + 1-byte mask) × input widths 8 + 8 = 48.
    expect(layerTokenBytes(TINY, dropout, adapters, 2) - 240).toBe(48);
    const dora = { ...TINY_LORA, lora: { ...adapterSettings(), dora: true } };
    // 2 × 2 bytes × output widths (8 + 4) = 48.
    expect(layerTokenBytes(TINY, dora, adapters, 2) - 240).toBe(48);
  });
});

function adapterSettings() {
  return TINY_LORA.lora ?? { rank: 0, modules: [], dora: false, dropout: false };
}

describe('activation memory of a micro-batch', () => {
  it('without checkpointing: every layer’s activations, the final norm and the backward working set', () => {
    // Per token: 2 layers × 240 + final norm input 32 + working 2 × (8 + 3 × 16) = 112 → 624; × 4 tokens.
    expect(activationMemory(TINY, TINY_LORA, hf, adapters, 2, 0).deviceBytes).toBe(2496);
  });

  it('with checkpointing: each layer’s 2-byte input and one recomputed layer', () => {
    // Per token: 2 × 16 + 240 + 32 + 112 = 416; × 4 tokens.
    const gc = { ...TINY_LORA, gradientCheckpointing: true };
    expect(activationMemory(TINY, gc, hf, adapters, 2, 0).deviceBytes).toBe(1664);
    // Unsloth sends the checkpoints to CPU RAM: two in flight on the GPU, all of them on the host.
    const unsloth = activationMemory(TINY, gc, trainingFramework('unsloth'), adapters, 2, 0);
    expect(unsloth.hostBytes).toBe(2 * 16 * 4);
  });

  it('QLoRA dequantizes one matrix at a time', () => {
    const qlora = { ...TINY_LORA, method: 'qlora' as const };
    // The largest block matrix, 16 × 8, in bf16.
    expect(
      activationMemory(TINY, qlora, hf, adapters, 2, 128).deviceBytes -
        activationMemory(TINY, qlora, hf, adapters, 2, 0).deviceBytes,
    ).toBe(256);
  });
});

describe('logits and loss', () => {
  it('full: three fp32 copies of vocabulary × tokens', () => {
    // 12 bytes × 32 × 4 tokens.
    expect(logitsBytes(TINY, TINY_LORA, hf, 2)).toBe(1536);
  });

  it('chunked (torchtune, 8 chunks): 4 bytes per logit kept, 12 for one chunk', () => {
    const s = { ...TINY_LORA, loss: 'chunked' as const, seqTokens: 64 };
    // 4 × 32 × 64 + 12 × 32 × 8.
    expect(logitsBytes(TINY, s, trainingFramework('torchtune'), 2)).toBe(8192 + 3072);
  });

  it('fused (TRL chunked_nll, 256-token chunks): the hidden-state gradient and one chunk', () => {
    const s = { ...TINY_LORA, loss: 'fused' as const, seqTokens: 1024 };
    // 2 × 8 × 1024 + 12 × 32 × 256.
    expect(logitsBytes(TINY, s, trainingFramework('trl'), 2)).toBe(16384 + 98304);
  });
});
