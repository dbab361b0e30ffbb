import { describe, expect, it } from 'vitest';
import { scaledContextLimit } from './context-scaling';

describe('rope-scaled context', () => {
  it('extends a window by the factor from the original window, never from the listed one', () => {
    // Qwen3: 40,960 listed, pre-trained on 32,768, YaRN ×4 = 131,072 (not 40,960 × 4 = 163,840).
    expect(scaledContextLimit(40960, { type: 'yarn', factor: 4, originalContext: 32768 })).toBe(131072);
    // gpt-oss lists the scaled window already: 4,096 × 32 = 131,072, nothing more.
    expect(scaledContextLimit(131072, { type: 'yarn', factor: 32, originalContext: 4096 })).toBe(131072);
    expect(scaledContextLimit(8192, undefined)).toBe(8192);
  });
});
