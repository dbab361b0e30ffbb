import { rangeText, type Range } from '../core/bounds';
import { quoteInput } from '../core/input-text';
import { BARE_SIZE_MAX, BARE_SIZE_MIN } from '../url/link-limits';
import { CliError } from './cli-error';

/**
 * Number parsing for flags: each error names the flag, the accepted form and range, and what
 * was given (cut to 40 characters). Ranges come from core/bounds.ts and url/link-limits.ts, the
 * same the estimator and the page's links use.
 */

const SUFFIX: Record<string, number> = { k: 1e3, m: 1e6, b: 1e9, t: 1e12 };

/** "7b", "70B", "7e9", "1.5t", "350m" → a parameter count within the link's bare-size range. */
export function parseParamCount(flag: string, raw: string): number {
  const m = /^\s*(\d{1,15}(?:\.\d{1,15})?(?:e\d{1,2})?)\s*([kmbt])?\s*$/i.exec(raw);
  const suffix = m?.[2]?.toLowerCase();
  const value = m ? Number(m[1]) * (suffix !== undefined ? (SUFFIX[suffix] ?? 1) : 1) : NaN;
  if (!(value >= BARE_SIZE_MIN && value <= BARE_SIZE_MAX)) {
    throw new CliError(
      `${flag} must be a parameter count such as 7b, 70B or 7e9, from 100M to 10T; got ${quoteInput(raw)}`,
    );
  }
  return value;
}

/** A decimal number within `range` of `unit`, e.g. "24" or "936.2". */
export function parseNumber(flag: string, raw: string, unit: string, range: Range): number {
  const value = /^\s*\d{1,15}(?:\.\d{1,15})?\s*$/.test(raw) ? Number(raw) : NaN;
  if (!(value >= range.min && value <= range.max)) {
    throw new CliError(`${flag} must be a number of ${unit} ${rangeText(range)}; got ${quoteInput(raw)}`);
  }
  return value;
}

/** A whole number from min to max; "8k" means 8 × 1,024 (context lengths are powers of two by convention). */
export function parseWhole(flag: string, raw: string, what: string, min: number, max: number, allowK = false): number {
  const m = allowK ? /^\s*(\d{1,12})\s*(k)?\s*$/i.exec(raw) : /^\s*(\d{1,12})\s*$/.exec(raw);
  const value = m ? Number(m[1]) * (m[2] ? 1024 : 1) : NaN;
  if (!Number.isInteger(value) || value < min || value > max) {
    const range = `between ${min.toLocaleString('en-US')} and ${max.toLocaleString('en-US')}`;
    throw new CliError(
      `${flag} must be a whole number of ${what} ${range}${allowK ? ' (8k = 8,192)' : ''}; got ${quoteInput(raw)}`,
    );
  }
  return value;
}
