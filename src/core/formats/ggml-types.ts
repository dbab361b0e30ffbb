/**
 * Storage layouts of ggml tensor types, as used in GGUF files.
 *
 * Block sizes and bytes per block come from the block structs and their static_asserts in
 * ggml's src/ggml-common.h and the type_traits table in src/ggml.c
 * (https://github.com/ggml-org/ggml/blob/master/src/ggml-common.h). A row of `ne0` elements of
 * type T takes ne0 / blockSize(T) × bytesPerBlock(T) bytes (ggml_row_size in src/ggml.c).
 */

export const GGML_TYPES = {
  F32: { blockSize: 1, bytesPerBlock: 4 },
  F16: { blockSize: 1, bytesPerBlock: 2 },
  BF16: { blockSize: 1, bytesPerBlock: 2 },
  // fp16 scale + 32 4-bit values
  Q4_0: { blockSize: 32, bytesPerBlock: 18 },
  // fp16 scale and min + 32 4-bit values
  Q4_1: { blockSize: 32, bytesPerBlock: 20 },
  Q5_0: { blockSize: 32, bytesPerBlock: 22 },
  Q5_1: { blockSize: 32, bytesPerBlock: 24 },
  // fp16 scale + 32 int8 values
  Q8_0: { blockSize: 32, bytesPerBlock: 34 },
  // k-quants use 256-weight super-blocks
  Q2_K: { blockSize: 256, bytesPerBlock: 84 },
  Q3_K: { blockSize: 256, bytesPerBlock: 110 },
  Q4_K: { blockSize: 256, bytesPerBlock: 144 },
  Q5_K: { blockSize: 256, bytesPerBlock: 176 },
  Q6_K: { blockSize: 256, bytesPerBlock: 210 },
  IQ1_S: { blockSize: 256, bytesPerBlock: 50 },
  IQ1_M: { blockSize: 256, bytesPerBlock: 56 },
  IQ2_XXS: { blockSize: 256, bytesPerBlock: 66 },
  IQ2_XS: { blockSize: 256, bytesPerBlock: 74 },
  IQ2_S: { blockSize: 256, bytesPerBlock: 82 },
  IQ3_XXS: { blockSize: 256, bytesPerBlock: 98 },
  IQ3_S: { blockSize: 256, bytesPerBlock: 110 },
  IQ4_NL: { blockSize: 32, bytesPerBlock: 18 },
  IQ4_XS: { blockSize: 256, bytesPerBlock: 136 },
  TQ1_0: { blockSize: 256, bytesPerBlock: 54 },
  TQ2_0: { blockSize: 256, bytesPerBlock: 66 },
  // 1-byte E8M0 shared scale + 32 FP4 (E2M1) values
  MXFP4: { blockSize: 32, bytesPerBlock: 17 },
} as const;

export type GgmlType = keyof typeof GGML_TYPES;

export const GGML_TYPE_NAMES = Object.keys(GGML_TYPES) as GgmlType[];

/** Bits per weight of a ggml type, including its block scales (e.g. Q4_0 = 18 × 8 / 32 = 4.5). */
export function ggmlBitsPerWeight(type: GgmlType): number {
  const t = GGML_TYPES[type];
  return (t.bytesPerBlock * 8) / t.blockSize;
}

/** Bytes of one row of `ne0` elements (ggml_row_size), rounding a partial block up. */
export function ggmlRowBytes(type: GgmlType, ne0: number): number {
  const t = GGML_TYPES[type];
  return Math.ceil(ne0 / t.blockSize) * t.bytesPerBlock;
}

export function isGgmlType(name: string): name is GgmlType {
  return Object.hasOwn(GGML_TYPES, name);
}
