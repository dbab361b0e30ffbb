import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  formatContext,
  formatFixed,
  formatGiB,
  formatParams,
  formatPercent,
  formatSeconds,
  formatSig3,
  formatTokensPerSecond,
  formatWhole,
} from './format-units';

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
    // One shorthand for every length: no "10240K" beside "24,832 tokens".
    expect(formatContext(10 * 1024 ** 2)).toBe('10M');
    expect(formatContext(1536 * 1024)).toBe('1.5M');
    expect(formatContext(24_576)).toBe('24K');
    // Not whole K: rounded down (24,832 / 1,024 = 24.25), as a "fits up to" figure must not grow.
    expect(formatContext(24_832)).toBe('24.2K');
    expect(formatContext(1023 * 1024)).toBe('1,023K');
    expect(formatContext(1024 ** 2 + 1)).toBe('1M');
    expect(formatSeconds(0.745)).toBe('745 ms');
    expect(formatSeconds(4.13)).toBe('4.13 s');
    expect(formatSeconds(null)).toBe('unknown');
  });
});

describe('formatters are total (issue 16: a RangeError from toFixed unmounted the page)', () => {
  const FORMATTERS: [string, (v: number) => string][] = [
    ['formatSig3', formatSig3],
    ['formatGiB', formatGiB],
    ['formatParams', formatParams],
    ['formatContext', formatContext],
    ['formatSeconds', formatSeconds],
    ['formatPercent', formatPercent],
    ['formatWhole', formatWhole],
    ['formatFixed(1)', (v) => formatFixed(v, 1)],
    ['formatTokensPerSecond', formatTokensPerSecond],
  ];
  const BAD = /NaN|Infinity|\de[+-]?\d|undefined/;

  it.each([1e300, 1e-300, -1e300, 6.427752177035961e63, 5e-324, Number.MAX_VALUE, NaN, Infinity, -Infinity])(
    'never prints exponent notation, NaN or Infinity for %s',
    (value) => {
      for (const [name, f] of FORMATTERS) expect(f(value), name).not.toMatch(BAD);
    },
  );

  it('keeps the figures of huge values in plain digits and names tiny ones', () => {
    // 1.23e25 at three figures: 123 followed by 23 zeros, grouped.
    expect(formatSig3(1.23e25)).toBe('12,300,000,000,000,000,000,000,000');
    expect(formatSig3(8.01e-9)).toBe('< 0.001');
    expect(formatFixed(1e21, 1)).toBe('1000000000000000000000.0');
    // The memory chart once showed "6.427752177035961e+60K" for a 1e300-position config.
    expect(formatContext(6.427752177035961e63)).not.toContain('e+');
    expect(formatParams(Infinity)).toBe('–');
    expect(formatPercent(NaN)).toBe('–');
  });

  it('holds for any double (fast-check)', () => {
    fc.assert(
      fc.property(fc.double(), (value) => {
        for (const [, f] of FORMATTERS) expect(f(value)).not.toMatch(BAD);
      }),
      { seed: 16, numRuns: 500 },
    );
  });
});
