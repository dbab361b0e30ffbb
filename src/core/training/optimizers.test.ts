import { describe, expect, it } from 'vitest';
import { optimizerStates } from './optimizers';

const big = [{ rows: 4096, cols: 4096, count: 1 }];
const n = 4096 * 4096;

describe('optimizer states', () => {
  it('torch AdamW keeps two moments in the parameters’ dtype; master weights add an fp32 copy', () => {
    expect(optimizerStates('adamw', big, 2, false).deviceBytes).toBe(4 * n);
    // ZeRO's K = 12: 4 (fp32 copy) + 8 (fp32 moments).
    expect(optimizerStates('adamw', big, 4, true).deviceBytes).toBe(12 * n);
  });

  it('bitsandbytes 8-bit: 2 bytes plus one fp32 absmax per 256 elements for each moment; small tensors 32-bit', () => {
    // 2 + 2 × 4 / 256 = 2.03125 bytes per element.
    expect(optimizerStates('adamw-8bit', big, 2, false).deviceBytes).toBe(n * 2.03125);
    // 1,000 elements < 4,096: fp32 states, 8 bytes each.
    expect(optimizerStates('adamw-8bit', [{ rows: 10, cols: 100, count: 3 }], 2, false).deviceBytes).toBe(24_000);
  });

  it('paged optimizers put the states of large tensors in unified memory, outside the allocator', () => {
    const paged = optimizerStates('paged-adamw-8bit', big, 2, false);
    expect(paged).toEqual({ deviceBytes: 0, pagedBytes: n * 2.03125 });
    // Below 100,000 elements the state stays in device memory.
    expect(optimizerStates('paged-adamw-32bit', [{ rows: 100, cols: 100, count: 1 }], 2, false).deviceBytes).toBe(
      80_000,
    );
  });

  it('Adafactor keeps a row and a column accumulator per matrix, the full second moment for vectors', () => {
    // 32 matrices of 11008 × 4096: 32 × 4 × (11008 + 4096); a 4096 vector: 4 × 4096.
    const shapes = [
      { rows: 11008, cols: 4096, count: 32 },
      { rows: 1, cols: 4096, count: 1 },
    ];
    expect(optimizerStates('adafactor', shapes, 2, false).deviceBytes).toBe(32 * 4 * (11008 + 4096) + 4 * 4096);
  });

  it('SGD keeps nothing, or one momentum buffer', () => {
    expect(optimizerStates('sgd', big, 2, false).deviceBytes).toBe(0);
    expect(optimizerStates('sgd-momentum', big, 2, false).deviceBytes).toBe(2 * n);
  });
});
