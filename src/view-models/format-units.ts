import { plainDecimal } from '../core/input-text';

/**
 * Display formatting shared by the page and the CLI (docs: DESIGN number conventions):
 * memory in GiB with one decimal, speeds with at most three significant figures. Every formatter
 * is total: for any number, however large, small or non-finite, it returns text without
 * exponent notation, "NaN" or "Infinity" ("–" for what has no value), and never throws.
 */

const GiB = 1024 ** 3;

/** Shown where a figure has no finite value. */
export const NO_VALUE = '–';

const group = (digits: string) => digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/**
 * `value` rounded to `decimals` places (0-20) in plain digits: toFixed, except that toFixed
 * switches to exponent notation from 1e21 and throws outside 0-100 places.
 */
export function formatFixed(value: number, decimals: number): string {
  if (!Number.isFinite(value)) return NO_VALUE;
  const places = Math.min(20, Math.max(0, Math.round(decimals)));
  if (Math.abs(value) < 1e21) return value.toFixed(places);
  // Beyond 1e21 a double is a whole number: its shortest digits, padded, then the zero places.
  return `${plainDecimal(value)}${places > 0 ? `.${'0'.repeat(places)}` : ''}`;
}

/** Whole numbers with thousands separators: 1048576 → "1,048,576". */
export function formatWhole(value: number): string {
  if (!Number.isFinite(value)) return NO_VALUE;
  const text = formatFixed(Math.round(value), 0);
  return text.startsWith('-') ? `-${group(text.slice(1))}` : group(text);
}

export function formatGiB(bytes: number): string {
  if (!Number.isFinite(bytes)) return NO_VALUE;
  const gib = bytes / GiB;
  if (Math.abs(gib) >= 0.1 || gib === 0) return `${formatFixed(gib, 1)} GiB`;
  return `${formatFixed(bytes / 1024 ** 2, 0)} MiB`;
}

/** Three significant figures at most, with thousands separators: 128.8 → "129", 8665 → "8,670". */
export function formatSig3(value: number): string {
  if (!Number.isFinite(value)) return NO_VALUE;
  if (value === 0) return '0';
  // Below a thousandth three figures say nothing an estimate can stand behind.
  if (Math.abs(value) < 0.001) return value > 0 ? '< 0.001' : '> -0.001';
  // Hand-rolled rather than toLocaleString: the matrix formats hundreds of these per render.
  const digits = Math.floor(Math.log10(Math.abs(value))) + 1;
  const decimals = Math.max(0, 3 - digits);
  const rounded = Number(value.toPrecision(3));
  const [whole = '0', fraction] = formatFixed(Math.abs(rounded), decimals).split('.');
  const trimmed = fraction?.replace(/0+$/, '');
  return `${rounded < 0 ? '-' : ''}${group(whole)}${trimmed ? `.${trimmed}` : ''}`;
}

export function formatTokensPerSecond(value: number | null): string {
  return value === null ? 'unknown' : `${formatSig3(value)} tok/s`;
}

export function formatSeconds(seconds: number | null): string {
  if (seconds === null) return 'unknown';
  if (!Number.isFinite(seconds)) return NO_VALUE;
  if (seconds < 1) return `${formatSig3(seconds * 1000)} ms`;
  if (seconds < 120) return `${formatSig3(seconds)} s`;
  return `${formatSig3(seconds / 60)} min`;
}

/** 8.03e9 → "8.03B", 46.7e9 → "46.7B", 671e9 → "671B". */
export function formatParams(count: number): string {
  if (!Number.isFinite(count)) return NO_VALUE;
  // 999.9M rounds to three figures as 1,000M: such counts read as 1B.
  const rounds = (scale: number) => Number((count / scale).toPrecision(3)) >= 1000;
  if (count >= 1e12 || rounds(1e9)) return `${formatSig3(count / 1e12)}T`;
  if (count >= 1e9 || rounds(1e6)) return `${formatSig3(count / 1e9)}B`;
  return `${formatSig3(count / 1e6)}M`;
}

/**
 * Context lengths in one shorthand (K = 1,024 tokens, M = 1,024 K, as runtimes size them):
 * 8,192 → "8K", 1,536 × 1,024 → "1.5M", 10,485,760 → "10M", 24,832 → "24.2K", 1,000 → "1,000".
 * Lengths that are not whole K are rounded down, to one decimal: these are mostly "fits up to"
 * limits, which must not be overstated.
 */
export function formatContext(tokens: number): string {
  if (!Number.isFinite(tokens)) return NO_VALUE;
  if (tokens < 1024) return formatWhole(tokens);
  const down = (value: number) => {
    const tenths = Math.floor(value * 10) / 10;
    return formatFixed(tenths, Number.isInteger(tenths) ? 0 : 1);
  };
  if (tokens >= 1024 ** 2) return `${group(down(tokens / 1024 ** 2))}M`;
  return `${group(down(tokens / 1024))}K`;
}

export function formatPercent(ratio: number): string {
  return Number.isFinite(ratio) ? `${formatWhole(ratio * 100)}%` : NO_VALUE;
}
