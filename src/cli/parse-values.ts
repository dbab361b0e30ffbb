import { CliError } from './cli-error';

/** Number parsing for flags: each error names the flag, the accepted form and what was given. */

const SUFFIX: Record<string, number> = { k: 1e3, m: 1e6, b: 1e9, t: 1e12 };

/** "7b", "70B", "7e9", "1.5t", "350m" → a parameter count. */
export function parseParamCount(flag: string, raw: string): number {
  const m = /^\s*(\d+(?:\.\d+)?(?:e\d+)?)\s*([kmbt])?\s*$/i.exec(raw);
  const value = m ? Number(m[1]) * (m[2] ? (SUFFIX[m[2].toLowerCase()] ?? 1) : 1) : NaN;
  if (!Number.isFinite(value) || value < 1e6 || value > 1e14) {
    throw new CliError(`${flag} must be a parameter count such as 7b, 70B or 7e9 (between 1M and 100T); got '${raw}'`);
  }
  return value;
}

/** A positive decimal number, e.g. "24" or "936.2". */
export function parsePositive(flag: string, raw: string, unit: string): number {
  const value = /^\s*\d+(?:\.\d+)?\s*$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isFinite(value) || value <= 0) {
    throw new CliError(`${flag} must be a positive number of ${unit}; got '${raw}'`);
  }
  return value;
}

/** A whole number ≥ min; "8k" means 8 × 1,024 (context lengths are powers of two by convention). */
export function parseWhole(flag: string, raw: string, what: string, min: number, max: number, allowK = false): number {
  const m = allowK ? /^\s*(\d+)\s*(k)?\s*$/i.exec(raw) : /^\s*(\d+)\s*$/.exec(raw);
  const value = m ? Number(m[1]) * (m[2] ? 1024 : 1) : NaN;
  if (!Number.isInteger(value) || value < min || value > max) {
    const range = `between ${min.toLocaleString('en-US')} and ${max.toLocaleString('en-US')}`;
    throw new CliError(
      `${flag} must be a whole number of ${what} ${range}${allowK ? ' (8k = 8,192)' : ''}; got '${raw}'`,
    );
  }
  return value;
}
