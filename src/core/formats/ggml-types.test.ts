import { describe, expect, it } from 'vitest';
import { ggmlBitsPerWeight, ggmlRowBytes } from './ggml-types';

describe('ggml block types', () => {
  // Hand-checked against the block structs in ggml-common.h: bytes × 8 / weights per block.
  it.each([
    ['Q4_0', 4.5],
    ['Q4_1', 5],
    ['Q5_0', 5.5],
    ['Q8_0', 8.5],
    ['Q2_K', 2.625],
    ['Q3_K', 3.4375],
    ['Q4_K', 4.5],
    ['Q5_K', 5.5],
    ['Q6_K', 6.5625],
    ['IQ2_XXS', 2.0625],
    ['IQ4_XS', 4.25],
    ['IQ1_S', 1.5625],
    ['MXFP4', 4.25],
    ['F16', 16],
  ] as const)('%s stores %f bits per weight', (type, bits) => {
    expect(ggmlBitsPerWeight(type)).toBe(bits);
  });

  it('rounds a partial block up to a whole block', () => {
    expect(ggmlRowBytes('Q4_0', 32)).toBe(18);
    expect(ggmlRowBytes('Q4_0', 33)).toBe(36);
    expect(ggmlRowBytes('Q4_K', 4096)).toBe(16 * 144);
  });
});
