import { describe, expect, it } from 'vitest';
import { formatContext, formatGiB, formatParams, formatSeconds, formatSig3 } from './format-units';

describe('display formatting', () => {
  it.each([
    [128.84, '129'],
    [8665.68, '8,670'],
    [17.52, '17.5'],
    [1.7449, '1.74'],
    [0.0123, '0.0123'],
    [1_234_567, '1,230,000'],
    [100, '100'],
    [2.5, '2.5'],
    [-42.42, '-42.4'],
  ])('formatSig3(%f) = %s', (value, text) => {
    expect(formatSig3(value)).toBe(text);
  });

  it('formats memory, parameters, context and time the way the page and CLI show them', () => {
    expect(formatGiB(1024 ** 3 * 39.64)).toBe('39.6 GiB');
    expect(formatGiB(70 * 1024 ** 2)).toBe('70 MiB');
    expect(formatParams(8.03e9)).toBe('8.03B');
    expect(formatParams(671e9)).toBe('671B');
    // Gemma 3 1B has 999,885,952 parameters: three figures make it 1B, not 1,000M.
    expect(formatParams(999_885_952)).toBe('1B');
    expect(formatParams(494e6)).toBe('494M');
    expect(formatContext(8192)).toBe('8K');
    expect(formatContext(1000)).toBe('1,000');
    expect(formatSeconds(0.745)).toBe('745 ms');
    expect(formatSeconds(4.13)).toBe('4.13 s');
    expect(formatSeconds(null)).toBe('unknown');
  });
});
