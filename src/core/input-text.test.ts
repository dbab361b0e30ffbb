import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { codePointLength, cutCodePoints, describeNumber, plainDecimal, quoteInput, wellFormed } from './input-text';

describe('input text', () => {
  it('cuts by code points, so an emoji is never split into a lone surrogate (issue 16)', () => {
    const typed = `a${'😀'.repeat(60)}`;
    // 121 UTF-16 units but 61 characters: a 100-character limit keeps all of it.
    expect(typed.length).toBe(121);
    expect(codePointLength(typed)).toBe(61);
    expect(cutCodePoints(typed, 100)).toBe(typed);
    expect(cutCodePoints(typed, 3)).toBe('a😀😀');
    expect(() => encodeURIComponent(cutCodePoints(typed, 50))).not.toThrow();
  });

  it('replaces lone surrogates so any text can be URI-encoded', () => {
    expect(wellFormed('a\uD83Db')).toBe('a\uFFFDb');
    expect(wellFormed('😀')).toBe('😀');
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        expect(() => encodeURIComponent(wellFormed(text))).not.toThrow();
      }),
      { seed: 16, numRuns: 300 },
    );
  });

  it('quotes inputs cut to 40 characters with control characters escaped', () => {
    expect(quoteInput('x'.repeat(10_240))).toBe(`'${'x'.repeat(40)}…'`);
    expect(quoteInput('a\nb')).toBe("'a\\nb'");
    expect(quoteInput('llama-9000')).toBe("'llama-9000'");
  });

  it('writes any finite double in plain digits that read back exactly', () => {
    expect(plainDecimal(1e-7)).toBe('0.0000001');
    expect(plainDecimal(1e21)).toBe('1000000000000000000000');
    expect(plainDecimal(-1.5e-10)).toBe('-0.00000000015');
    expect(plainDecimal(Infinity)).toBe('');
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (value) => {
        const text = plainDecimal(value);
        expect(text).not.toMatch(/e/i);
        expect(Number(text)).toBe(value === 0 ? 0 : value);
      }),
      { seed: 16, numRuns: 1000 },
    );
  });

  it('describes numbers for messages without exponent notation', () => {
    expect(describeNumber(1e15)).toBe('1000000000000000');
    // 1e200 has 201 digits: named by its length rather than printed.
    expect(describeNumber(1e200)).toBe('a 201-digit number');
    expect(describeNumber(NaN)).toBe('not a number');
    expect(describeNumber(Infinity)).toBe('a number too large to represent');
    expect(describeNumber(1e-30)).toBe('0.000000000000000000000000000001');
    // 1.23e-45 in plain digits is 48 characters: cut to 40.
    expect(describeNumber(1.23e-45)).toBe(`${'0.'.padEnd(40, '0')}…`);
  });
});
