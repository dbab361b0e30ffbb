import { describe, expect, it } from 'vitest';
import { trainingFramework } from './frameworks/registry';
import { modelStates, NF4_DOUBLE_QUANT_BITS } from './model-states';
import { TINY, TINY_FULL, TINY_LORA } from './test-fixtures';
import { LLAMA_3_8B } from '../test-architectures';

const hf = trainingFramework('hf');
const torchtune = trainingFramework('torchtune');
const litgpt = trainingFramework('litgpt');

describe('model states (TINY has 1,704 weights, 1,152 of them in block matrices)', () => {
  it('full fine-tuning in pure bf16 with AdamW: 2 + 2 + 4 bytes per weight', () => {
    const m = modelStates(TINY, TINY_FULL, hf);
    expect(m.totalParams).toBe(1704);
    expect(m.trainableParams).toBe(1704);
    expect(m.weightsBytes).toBe(3408);
    expect(m.gradientBytes).toBe(3408);
    expect(m.optimizerBytes).toBe(6816);
    // The step's square-root buffer: one bf16 copy of the second moments.
    expect(m.stepTempBytes).toBe(3408);
  });

  it('mixed precision with fp32 master weights: ZeRO’s 2 + 2 + 12', () => {
    const m = modelStates(TINY, { ...TINY_FULL, masterWeights: true }, hf);
    expect(m.weightsBytes + m.gradientBytes + m.optimizerBytes).toBe(16 * 1704);
  });

  it('LoRA: the frozen base in bf16, adapters in fp32 under PEFT (16 bytes each with AdamW)', () => {
    // 112 adapter weights (lora.test.ts): 3,408 + 112 × 4; gradients 112 × 4; AdamW 112 × 8.
    const m = modelStates(TINY, TINY_LORA, hf);
    expect(m.trainableParams).toBe(112);
    expect(m.weightsBytes).toBe(3408 + 448);
    expect(m.gradientBytes).toBe(448);
    expect(m.optimizerBytes).toBe(896);
  });

  it('LoRA under torchtune keeps the adapters in bf16 (8 bytes each with AdamW)', () => {
    const m = modelStates(TINY, TINY_LORA, torchtune);
    expect(m.adapterBytes + m.gradientBytes + m.optimizerBytes).toBe(112 * 8);
  });

  it('QLoRA: block matrices in NF4, the rest upcast to fp32 by PEFT', () => {
    // 1,152 × 4.5 / 8 = 648; 552 other weights × 4 = 2,208; adapters 448.
    const m = modelStates(TINY, { ...TINY_LORA, method: 'qlora' }, hf);
    expect(m.weightsBytes).toBe(648 + 2208 + 448);
    // With double quantization 4 + 8/64 + 32/16384 = 4.127 bits per weight.
    expect(NF4_DOUBLE_QUANT_BITS).toBeCloseTo(4.127, 3);
    const dq = modelStates(TINY, { ...TINY_LORA, method: 'qlora', doubleQuant: true }, torchtune);
    expect(dq.weightsBytes).toBeCloseTo((1152 * NF4_DOUBLE_QUANT_BITS) / 8 + 552 * 2 + 112 * 2, 6);
  });

  it('QLoRA of Llama 3 8B under PEFT: 6.98B NF4 weights and 1.05B fp32 embedding and head weights', () => {
    // 2 × 128,256 × 4,096 = 1,050,673,152 outside the blocks (plus 266,240 norm weights) at 4 bytes.
    const m = modelStates(LLAMA_3_8B, { ...TINY_LORA, method: 'qlora', doubleQuant: true }, hf);
    const outside = 2 * 128256 * 4096 + 4096 + 2 * 32 * 4096;
    const blocks = 8_030_261_248 - outside;
    expect(m.weightsBytes - m.adapterBytes).toBeCloseTo((blocks * NF4_DOUBLE_QUANT_BITS) / 8 + outside * 4, -3);
  });

  it('LitGPT trains a tied head as its own matrix', () => {
    const tied = { ...TINY, tiedEmbeddings: true };
    // Tied: 1,704 − 256 = 1,448 weights; LitGPT adds the head back: 1,704.
    expect(modelStates(tied, TINY_FULL, hf).totalParams).toBe(1448);
    expect(modelStates(tied, TINY_FULL, litgpt).totalParams).toBe(1704);
  });
});
