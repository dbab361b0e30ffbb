import { describe, expect, it } from 'vitest';
import { formatDuration, formatDurationShort, formatMoney, formatTokens } from './format-duration';

describe('durations, token counts and money', () => {
  it.each([
    [45, '45 s', '45s'],
    [12 * 60, '12 min', '12m'],
    [3.4 * 3600, '3.4 h', '3.4h'],
    [2.1 * 86400, '2.1 days', '2.1d'],
    [2 * 365 * 86400, '2 years', '2y'],
  ])('%d s reads %s (cell: %s)', (seconds, long, short) => {
    expect(formatDuration(seconds)).toBe(long);
    expect(formatDurationShort(seconds)).toBe(short);
  });

  it('never shows NaN or Infinity', () => {
    expect(formatDuration(Number.NaN)).toBe('–');
    expect(formatDurationShort(Infinity)).toBe('–');
  });

  it('writes tokens and money the way the CLI and page show them', () => {
    expect(formatTokens(1e8)).toBe('100M');
    expect(formatTokens(2.5e9)).toBe('2.5B');
    expect(formatTokens(16384)).toBe('16,384');
    expect(formatMoney(0.7)).toBe('$0.70');
    expect(formatMoney(1234.4)).toBe('$1,234');
  });
});
