import { formatSig3 } from './format-units';

/** "45 s", "12 min", "3.4 h", "2.1 days", "1.3 years": the unit that keeps the figure readable. */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '–';
  if (seconds < 90) return `${formatSig3(seconds)} s`;
  if (seconds < 90 * 60) return `${formatSig3(seconds / 60)} min`;
  if (seconds < 48 * 3600) return `${formatSig3(seconds / 3600)} h`;
  if (seconds < 730 * 86400) return `${formatSig3(seconds / 86400)} days`;
  return `${formatSig3(seconds / (365 * 86400))} years`;
}

/** 1e8 → "100M", 2.5e9 → "2.5B", 16,384 → "16,384" tokens. */
export function formatTokens(count: number): string {
  if (count >= 1e12) return `${formatSig3(count / 1e12)}T`;
  if (count >= 1e9) return `${formatSig3(count / 1e9)}B`;
  if (count >= 1e6) return `${formatSig3(count / 1e6)}M`;
  return Math.round(count).toLocaleString('en-US');
}

/** "$0.70", "$24", "$1,234": cents only below $100. */
export function formatMoney(usd: number): string {
  if (usd < 100) return `$${usd.toFixed(2)}`;
  return `$${Math.round(usd).toLocaleString('en-US')}`;
}

/** For a matrix cell: "45s", "12m", "3.4h", "2.1d", "1.3y". */
export function formatDurationShort(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '–';
  if (seconds < 90) return `${formatSig3(seconds)}s`;
  if (seconds < 90 * 60) return `${formatSig3(seconds / 60)}m`;
  if (seconds < 48 * 3600) return `${formatSig3(seconds / 3600)}h`;
  if (seconds < 730 * 86400) return `${formatSig3(seconds / 86400)}d`;
  return `${formatSig3(seconds / (365 * 86400))}y`;
}
