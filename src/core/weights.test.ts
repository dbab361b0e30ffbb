import { describe, expect, it } from 'vitest';
import { countParameters } from './params';
import { GPT_OSS_20B, LLAMA_3_70B, LLAMA_3_8B, MIXTRAL_8X7B } from './test-architectures';
import { analyseWeights } from './weights';
import { format } from './test-formats';

describe('weights', () => {
  it('a 70B model at FP16 needs ~141 GB: 2 bytes per parameter', () => {
    const w = analyseWeights(LLAMA_3_70B, format('f16'));
    expect(w.totalBytes).toBe(countParameters(LLAMA_3_70B).total * 2);
    expect(w.totalBytes / 1e9).toBeCloseTo(141.1, 1);
  });

  // bits/weight of Llama-3.1-8B per file type, from llama.cpp's tools/quantize/README.md table
  // (test/fixtures/published-reference.json). Matching to 4 decimals checks every per-tensor rule.
  it.each([
    ['Q2_K', 3.1593],
    ['Q3_K_S', 3.6429],
    ['Q3_K_L', 4.2979],
    ['Q4_K_S', 4.6672],
    ['Q4_K_M', 4.8944],
    ['Q5_K_S', 5.5704],
    ['Q5_K_M', 5.7036],
    ['Q6_K', 6.5633],
    ['Q8_0', 8.5008],
    ['gguf-f16', 16.0005],
    ['IQ1_S', 2.0042],
    ['IQ2_XXS', 2.3824],
    ['IQ2_M', 2.9294],
    ['IQ3_XXS', 3.2548],
    ['IQ3_M', 3.7628],
    ['IQ4_XS', 4.4597],
  ])('%s of Llama-3.1-8B is %f bpw as llama-quantize reports', (id, bpw) => {
    expect(analyseWeights(LLAMA_3_8B, format(id)).bitsPerWeight).toBeCloseTo(bpw, 4);
  });

  it('keeps embeddings and lm_head at 16 bits in AWQ/GPTQ', () => {
    const w = analyseWeights(LLAMA_3_8B, format('awq'));
    const p = countParameters(LLAMA_3_8B);
    const heads = 2 * 128256 * 4096;
    const norms = 4096 * (2 * 32 + 1);
    const linear = p.total - heads - norms;
    expect(w.totalBytes).toBeCloseTo((linear * (4 + 20 / 128) + (heads + norms) * 16) / 8, 0);
  });

  it('reads only the active experts per token', () => {
    const w = analyseWeights(MIXTRAL_8X7B, format('f16'));
    expect(w.bytesPerToken / w.totalBytes).toBeGreaterThan(0.26);
    expect(w.bytesPerToken / w.totalBytes).toBeLessThan(0.28);
  });

  it('custom and EXL2 widths scale the quantized part', () => {
    expect(analyseWeights(LLAMA_3_8B, format('bpw-3')).bitsPerWeight).toBe(3);
    // Decoder layers at 4.65 bpw, the output head at 6 bits, the embedding table at 16.
    const exl2 = analyseWeights(LLAMA_3_8B, format('exl2-4.65'));
    const p = countParameters(LLAMA_3_8B);
    const table = 128256 * 4096;
    const norms = 4096 * (2 * 32 + 1);
    const layers = p.total - 2 * table - norms;
    expect(exl2.totalBytes).toBeCloseTo((layers * 4.65 + table * 6 + (table + norms) * 16) / 8, 0);
  });

  // Experts: 24 layers × 32 experts × 3 matrices of 2880 × 2880 = 19,110,297,600 weights, at
  // MXFP4's 17 bytes per 32 = 10,152,345,600 bytes in every file type, plus their F32 biases
  // (24 × 32 × 3 × 2880 × 4 B = 26,542,080). Published files of
  // unsloth/gpt-oss-20b-GGUF (Hub listing, decimal GB): F16 13.8, Q2_K 11.5, Q4_0 11.5, Q4_K_M 11.6,
  // Q5_K_M 11.7; bartowski's Q6_K 12.04 and MXFP4 12.1.
  it.each([
    ['gguf-f16', 13.8],
    ['Q2_K', 11.5],
    ['Q4_0', 11.5],
    ['Q4_K_M', 11.6],
    ['Q5_K_M', 11.7],
    ['Q6_K', 12.04],
    ['MXFP4_MOE', 12.1],
  ])('gpt-oss-20b keeps its MXFP4 experts at %s: %f GB as published', (id, gb) => {
    const w = analyseWeights(GPT_OSS_20B, format(id));
    expect(w.typeHistogram.MXFP4).toBe(19_110_297_600);
    expect(w.routedExpertBytes).toBe(10_152_345_600 + 26_542_080);
    expect(Math.abs(w.totalBytes / 1e9 / gb - 1)).toBeLessThan(0.006);
  });

  it('a model without shipped MXFP4 experts quantizes them by the recipe', () => {
    const moe = GPT_OSS_20B.moe;
    if (!moe) throw new Error('gpt-oss has experts');
    const plain = { ...GPT_OSS_20B, moe: { ...moe, expertFormat: undefined } };
    const w = analyseWeights(plain, format('Q4_K_M'));
    expect(w.typeHistogram.MXFP4).toBeUndefined();
    // 2880-wide rows cannot take Q4_K (256-element blocks): they fall back to Q5_0.
    expect(w.typeHistogram.Q5_0).toBeGreaterThan(1.6e10);
  });
});
