/**
 * Text helpers for what users typed and for numbers written back into links and messages. Every
 * message that echoes an input goes through `quoteInput`, so a 10,000-character value is never
 * printed whole and a control character never breaks a one-line error.
 */

/** Longest part of an input a message echoes, in characters (code points). */
export const ECHO_LIMIT = 40;

/**
 * The first `max` characters of `text`, counted in code points so a surrogate pair (an emoji) is
 * never split into a lone half that encodeURIComponent would refuse.
 */
export function cutCodePoints(text: string, max: number): string {
  // Fast path: fewer UTF-16 units than the limit means fewer code points too.
  if (text.length <= max) return text;
  let out = '';
  let count = 0;
  for (const ch of text) {
    if (count === max) break;
    out += ch;
    count++;
  }
  return out;
}

/** Characters in `text`, counting a surrogate pair once. */
export function codePointLength(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    // A high surrogate followed by a low one is one character.
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** `text` with each lone surrogate replaced by U+FFFD, so it can always be URI-encoded. */
export function wellFormed(text: string): string {
  return text.replace(LONE_SURROGATE, '\uFFFD');
}

const CONTROL = /\p{Cc}/gu;

function escapeControl(ch: string): string {
  if (ch === '\n') return '\\n';
  if (ch === '\r') return '\\r';
  if (ch === '\t') return '\\t';
  return `\\u{${(ch.codePointAt(0) ?? 0).toString(16)}}`;
}

/** An input quoted for a message: cut to ECHO_LIMIT characters, control characters escaped. */
export function quoteInput(raw: string, max = ECHO_LIMIT): string {
  const cut = cutCodePoints(raw, max);
  const shown = wellFormed(cut).replace(CONTROL, escapeControl);
  return `'${shown}${cut.length < raw.length ? '…' : ''}'`;
}

/**
 * The shortest decimal that reads back as `value`, without exponent notation: 1e-7 →
 * "0.0000001", 1e21 → "1000000000000000000000". JavaScript's own shortest round-trip digits
 * (Number.prototype.toString) are moved around the decimal point, so Number(result) === value.
 * Non-finite values have no decimal form: ''.
 */
export function plainDecimal(value: number): string {
  if (!Number.isFinite(value)) return '';
  const text = String(value);
  const m = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(text);
  if (!m) return text;
  const sign = m[1] ?? '';
  const lead = m[2] ?? '0';
  const fraction = m[3] ?? '';
  const exponent = Number(m[4]);
  const digits = lead + fraction;
  if (exponent >= 0) return `${sign}${digits}${'0'.repeat(Math.max(0, exponent - fraction.length))}`;
  return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`;
}

/**
 * A number as a message shows it: plain digits (no exponent), at most ECHO_LIMIT of them, and
 * words for the values JSON or arithmetic can produce but no decimal can write.
 */
export function describeNumber(value: number): string {
  if (Number.isNaN(value)) return 'not a number';
  if (!Number.isFinite(value)) return value > 0 ? 'a number too large to represent' : 'a number too small to represent';
  const plain = plainDecimal(value);
  if (plain.length <= ECHO_LIMIT) return plain;
  const digits = plain.replace(/^-/, '').split('.')[0]?.length ?? 0;
  return digits > ECHO_LIMIT ? `a ${digits}-digit number` : `${cutCodePoints(plain, ECHO_LIMIT)}…`;
}

/** Any value as a message shows it: numbers by describeNumber, strings quoted and cut. */
export function describeValue(value: unknown): string {
  if (typeof value === 'number') return describeNumber(value);
  if (typeof value === 'string') return quoteInput(value);
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return `a ${typeof value}`;
}

/** Whole numbers with thousands separators for messages: 1048576 → "1,048,576". */
export function groupedWhole(value: number): string {
  return Number.isFinite(value) ? Math.round(value).toLocaleString('en-US') : describeNumber(value);
}
